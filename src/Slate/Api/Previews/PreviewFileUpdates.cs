using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;

namespace Slate.Api.Previews;

/// <summary>
/// What follows a preview file getting its file, for uploads and background jobs alike (no
/// caller is needed): the events Kitsu listens to, the task's last preview and the entity's
/// thumbnail.
/// </summary>
public sealed class PreviewFileUpdates(SlateDb db, Events events)
{
    /// <summary>
    /// The file is stored (or is processing): preview-file:update, then, once ready, Zou's
    /// update_preview_file_info, then the comment's update and preview-file:add-file.
    /// </summary>
    public async Task FileAddedAsync(PreviewFile preview, ProductionTask task)
    {
        events.Emit("preview-file:update", new JsonObject { ["preview_file_id"] = ZouSerializer.Uuid(preview.Id) }, task.ProjectId);
        if (preview.Status == "ready") await UpdatePreviewFileInfoAsync(preview, task);
        await EmitAddFileAsync(preview, task);
    }

    /// <summary>
    /// Zou's update_preview_file_info, once a preview's file is ready: a first-position preview
    /// becomes its task's last preview, and its entity's thumbnail when the project sets them
    /// automatically.
    /// </summary>
    async Task UpdatePreviewFileInfoAsync(PreviewFile preview, ProductionTask task)
    {
        if (preview.Position != 1) return;
        var tracked = await db.Tasks.FirstAsync(t => t.Id == task.Id);
        tracked.LastPreviewFileId = preview.Id;
        if (await db.Projects.AnyAsync(p => p.Id == task.ProjectId && p.IsSetPreviewAutomated == true))
            await SetEntityPreviewAsync(task, preview);
    }

    /// <summary>Zou's update_entity_preview: the thumbnail, then preview-file:set-main and the entity's update event.</summary>
    public async Task<Entity> SetEntityPreviewAsync(ProductionTask task, PreviewFile preview)
    {
        var entity = await db.Entities.FirstOrDefaultAsync(e => e.Id == task.EntityId) ?? throw new NotFoundException();
        entity.PreviewFileId = preview.Id;
        var entityId = ZouSerializer.Uuid(entity.Id);
        events.Emit("preview-file:set-main", new JsonObject
        {
            ["entity_id"] = entityId,
            ["preview_file_id"] = ZouSerializer.Uuid(preview.Id),
        }, entity.ProjectId);
        var kind = EntityKinds.Of(await db.EntityTypes.Where(t => t.Id == entity.EntityTypeId).Select(t => t.Name).FirstOrDefaultAsync());
        events.EmitEntity(kind, "update", entity.Id, entity.ProjectId);
        return entity;
    }

    /// <summary>Zou's emit_app_preview_event: the comment holding the preview is updated, then preview-file:add-file.</summary>
    async Task EmitAddFileAsync(PreviewFile preview, ProductionTask task)
    {
        var commentId = await db.CommentPreviewLinks.Where(l => l.PreviewFile == preview.Id).Select(l => (Guid?)l.Comment).FirstOrDefaultAsync()
            ?? await db.Comments.Where(c => c.PreviewFileId == preview.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (commentId is not { } comment) return;
        events.Emit("comment:update", new JsonObject { ["comment_id"] = ZouSerializer.Uuid(comment) }, task.ProjectId);
        events.Emit("preview-file:add-file", new JsonObject
        {
            ["comment_id"] = ZouSerializer.Uuid(comment),
            ["task_id"] = ZouSerializer.Uuid(task.Id),
            ["preview_file_id"] = ZouSerializer.Uuid(preview.Id),
            ["revision"] = preview.Revision,
            ["extension"] = preview.Extension,
            ["status"] = preview.Status,
        }, task.ProjectId);
    }
}
