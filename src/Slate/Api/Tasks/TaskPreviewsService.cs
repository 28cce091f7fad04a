using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Api.Files;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// Previews posted with comments (behavior-production.md §4.7): the preview record a comment
/// gets before its file is uploaded, its revision and position numbering, and the entity's main
/// preview taken from a task's last preview (§5.9). A comment or preview reached through a task
/// path must belong to that task.
/// </summary>
public sealed class TaskPreviewsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, CrudContext crud, FileTreeService fileTree,
    Previews.PreviewFileUpdates previewUpdates)
{
    const string RevisionTaken =
        "Revision {0} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.";

    /// <summary>
    /// POST .../comments/{id}/add-preview: a new preview record on the comment, numbered as Zou
    /// does (a new revision, the revision asked for, or the comment's own revision at the next
    /// position).
    /// </summary>
    public async Task<JsonObject> AddPreviewAsync(string taskId, string commentId, JsonObject body)
    {
        var revision = RequestBody.OptionalInt(body["revision"], "revision");
        if (revision < 0) throw new ValidationFailedException(("revision", "Input should be greater than or equal to 0"));
        var (task, comment) = await TaskCommentAsync(taskId, commentId);
        await permissions.CheckTaskActionAccessAsync(task);
        return await AddToCommentAsync(task, comment, revision);
    }

    /// <summary>POST .../comments/{id}/preview-files/{preview_file_id}: another preview of that preview's revision.</summary>
    public async Task<JsonObject> AddExtraPreviewAsync(string taskId, string commentId, string previewFileId)
    {
        var (task, comment) = await TaskCommentAsync(taskId, commentId);
        await permissions.CheckTaskActionAccessAsync(task);
        var related = await TaskPreviewAsync(task, previewFileId);
        return await AddToCommentAsync(task, comment, related.Revision);
    }

    /// <summary>
    /// DELETE .../comments/{id}/preview-files/{preview_file_id}: the comment's preview is removed
    /// with what points at it (entity thumbnail, news, the task's last preview).
    /// </summary>
    public async Task RemovePreviewAsync(string taskId, string commentId, string previewFileId)
    {
        var (task, comment) = await TaskCommentAsync(taskId, commentId);
        await permissions.CheckTaskActionAccessAsync(task);
        var preview = await TaskPreviewAsync(task, previewFileId, tracked: true);
        if (!await db.CommentPreviewLinks.AnyAsync(l => l.Comment == comment.Id && l.PreviewFile == preview.Id))
            throw new NotFoundException();
        await PreviewFileRemoval.RemoveAsync([preview], crud);
        events.Emit("comment:update", new JsonObject { ["comment_id"] = ZouSerializer.Uuid(comment.Id) }, task.ProjectId);
        await db.SaveChangesAsync();
        await crud.CommittedAsync();
    }

    /// <summary>PUT /actions/tasks/{id}/set-main-preview: the task's last preview becomes its entity's thumbnail.</summary>
    public async Task<JsonObject> SetMainPreviewAsync(string taskId)
    {
        var task = await MainPreviewTaskAsync(EntityService.PathId(taskId));
        var preview = await LastPreviewAsync(task.Id)
            ?? throw new WrongParameterException("This task has no preview file to set as the main preview.");
        var entity = await previewUpdates.SetEntityPreviewAsync(task, preview);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(entity);
    }

    /// <summary>PUT /actions/tasks/set-main-preview {task_ids}: the same for each task that has a preview, in one unit of work.</summary>
    public async Task<JsonArray> SetMainPreviewsAsync(JsonObject body)
    {
        if (body["task_ids"] is not JsonArray ids) throw new ValidationFailedException(("task_ids", "Field required"));
        if (ids.Count == 0) throw new ValidationFailedException(("task_ids", "List should have at least 1 item after validation, not 0"));
        List<Entity> changed = [];
        foreach (var id in ids)
        {
            var text = id is JsonValue value && value.TryGetValue<string>(out var s) ? s : throw new ValidationFailedException(("task_ids", "Input should be a valid string"));
            var task = await MainPreviewTaskAsync(Values.TryUuid(text, out var taskId) ? taskId : throw new NotFoundException());
            if (await LastPreviewAsync(task.Id) is { } preview) changed.Add(await previewUpdates.SetEntityPreviewAsync(task, preview));
        }
        await db.SaveChangesAsync();
        return new JsonArray([.. (await serializer.ObjectsAsync(changed)).Select(json => (JsonNode)json)]);
    }

    /// <summary>
    /// PUT /actions/tasks/{id}/to-review (Zou's deprecated publishing call): the task goes to the
    /// "To review" status unless change_status is false, and the answer carries the task with its
    /// project, entity, entity type, the publishing person, the comment and where the preview is
    /// expected on disk (from the project's file tree, empty without one).
    /// </summary>
    public async Task<JsonObject> ToReviewAsync(string taskId, JsonObject body)
    {
        var personId = RequestBody.OptionalText(body, "person_id");
        var comment = RequestBody.OptionalText(body, "comment") ?? "";
        var name = RequestBody.OptionalText(body, "name") ?? "main";
        var revision = RequestBody.OptionalInt(body["revision"], "revision") ?? 1;
        if (revision < 0) throw new ValidationFailedException(("revision", "Input should be greater than or equal to 0"));
        var changeStatus = body["change_status"] switch
        {
            null => true,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            _ => throw new ValidationFailedException(("change_status", "Input should be a valid boolean")),
        };
        var id = EntityService.PathId(taskId);
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        await permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        if (changeStatus) await permissions.CheckTaskActionAccessAsync(task);
        var person = personId is null
            ? permissions.User.Person
            : (Values.TryUuid(personId, out var key) ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key) : null)
                ?? throw new BadRequestException("Cannot find given person.");

        var previewPath = new JsonObject { ["folder_path"] = "", ["file_name"] = "" };
        try
        {
            var path = await fileTree.WorkingPathAsync(task, "preview", name, revision, "/");
            previewPath = new JsonObject { ["folder_path"] = path.Folder, ["file_name"] = path.FileName };
        }
        catch (MalformedFileTreeException)
        {
            // Zou answers an empty path when the project's tree has no preview template.
        }

        var previousStatus = task.TaskStatusId;
        if (changeStatus) task.TaskStatusId = (await DefaultTaskStatus.ToReviewAsync(db, events)).Id;
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == task.EntityId);
        var entityType = await db.EntityTypes.AsNoTracking().FirstAsync(t => t.Id == entity.EntityTypeId);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == task.ProjectId);
        events.Emit("task:to-review", new JsonObject
        {
            ["task_id"] = ZouSerializer.Uuid(task.Id),
            ["task_shotgun_id"] = task.ShotgunId,
            ["entity_type_name"] = entityType.Name,
            ["previous_task_status_id"] = ZouSerializer.Value(previousStatus),
            ["entity_shotgun_id"] = entity.ShotgunId,
            ["project_shotgun_id"] = project.ShotgunId,
            ["person_shotgun_id"] = person.ShotgunId,
            ["comment"] = comment,
            ["preview_path"] = previewPath.DeepClone(),
            ["change_status"] = changeStatus,
        }, task.ProjectId);
        await db.SaveChangesAsync();

        var json = await serializer.RowAsync(task);
        json["project"] = await serializer.RowAsync(project);
        json["entity"] = await serializer.RowAsync(entity);
        json["entity_type"] = await serializer.RowAsync(entityType);
        json["person"] = Presentations.SafePerson(await serializer.RowAsync(person));
        json["comment"] = comment;
        json["preview_path"] = previewPath;
        return json;
    }

    async Task<(ProductionTask Task, Comment Comment)> TaskCommentAsync(string taskId, string commentId)
    {
        var id = EntityService.PathId(taskId);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        var commentKey = EntityService.PathId(commentId);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentKey && c.ObjectId == task.Id)
            ?? throw new NotFoundException();
        return (task, comment);
    }

    async Task<PreviewFile> TaskPreviewAsync(ProductionTask task, string previewFileId, bool tracked = false)
    {
        var id = EntityService.PathId(previewFileId);
        var previews = tracked ? db.PreviewFiles : db.PreviewFiles.AsNoTracking();
        return await previews.FirstOrDefaultAsync(p => p.Id == id && p.TaskId == task.Id) ?? throw new NotFoundException();
    }

    async Task<JsonObject> AddToCommentAsync(ProductionTask task, Comment comment, int? revision) =>
        await serializer.RowAsync(await NewPreviewAsync(task, comment.Id, revision, permissions.User.Id), relations: true);

    /// <summary>
    /// A new preview record on the comment, saved: a new revision of the task, the revision
    /// given, or the comment's own revision at its next position (Zou's add_preview_file_to_comment).
    /// </summary>
    public async Task<PreviewFile> NewPreviewAsync(ProductionTask task, Guid commentId, int? revision, Guid? personId)
    {
        var taskPreviews = db.PreviewFiles.AsNoTracking().Where(p => p.TaskId == task.Id);
        var first = await db.CommentPreviewLinks.Where(l => l.Comment == commentId)
            .Join(taskPreviews, l => l.PreviewFile, p => p.Id, (l, p) => p)
            .OrderBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .FirstOrDefaultAsync();
        var position = 1;
        if (revision is null && first is null) revision = (await taskPreviews.MaxAsync(p => p.Revision) ?? 0) + 1;
        else
        {
            if (revision is null) revision = first!.Revision;
            else if (first is null && await taskPreviews.AnyAsync(p => p.Revision == revision && p.Position == 1))
                throw new BadRequestException(string.Format(RevisionTaken, revision));
            position = await taskPreviews.CountAsync(p => p.Revision == revision) + 1;
        }
        if (position > 1 && await db.Projects.AnyAsync(p => p.Id == task.ProjectId && p.IsSinglePreviewPerRevision == true))
            throw new BadRequestException("Only one preview file is allowed per revision for this project.");

        var preview = new PreviewFile
        {
            Name = Guid.NewGuid().ToString()[..13], Revision = revision, Position = position, Source = "webgui", Extension = "mp4",
            Status = "processing", TaskId = task.Id, PersonId = personId,
        };
        db.PreviewFiles.Add(preview);
        db.CommentPreviewLinks.Add(new CommentPreviewLink { Comment = commentId, PreviewFile = preview.Id });
        if (await db.News.FirstOrDefaultAsync(n => n.CommentId == commentId) is { } news) news.PreviewFileId = preview.Id;
        events.Emit("preview-file:new", new JsonObject
        {
            ["preview_file_id"] = ZouSerializer.Uuid(preview.Id),
            ["comment_id"] = ZouSerializer.Uuid(commentId),
        }, task.ProjectId);
        events.Emit("comment:update", new JsonObject { ["comment_id"] = ZouSerializer.Uuid(commentId) }, task.ProjectId);
        await db.SaveChangesAsync();
        return preview;
    }

    /// <summary>
    /// A task whose entity's thumbnail the caller may set: project and entity access, and not a
    /// client (clients review, they do not choose how an entity is shown).
    /// </summary>
    async Task<ProductionTask> MainPreviewTaskAsync(Guid taskId)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId) ?? throw new NotFoundException();
        await permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        if (await permissions.ProjectRoleAsync(task.ProjectId) == "client") throw new PermissionDeniedException();
        return task;
    }

    /// <summary>The task's last preview: the highest revision, its first upload (Zou's get_last_preview_file_for_task).</summary>
    public Task<PreviewFile?> LastPreviewAsync(Guid taskId) => db.PreviewFiles.AsNoTracking()
        .Where(p => p.TaskId == taskId)
        .OrderByDescending(p => p.Revision).ThenBy(p => p.CreatedAt)
        .FirstOrDefaultAsync();
}
