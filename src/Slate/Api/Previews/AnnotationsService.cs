using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Previews;

/// <summary>
/// PUT /actions/preview-files/{id}/update-annotations (behavior-production.md §5.8): the drawings
/// reviewers leave on a preview. Zou serializes the change with a Redis lock; here the
/// read-merge-write runs in one transaction that holds the preview's row (PostgreSQL: SELECT ...
/// FOR UPDATE; SQLite: the transaction takes the write lock when it begins), so two requests,
/// on one node or several, never lose each other's drawings.
/// </summary>
public sealed class AnnotationsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    public async Task<JsonObject> UpdateAsync(string previewFileId, JsonObject body)
    {
        var (preview, task) = await PathPreviews.FindAsync(db, previewFileId);
        await CheckCanAnnotateAsync(task);
        var changes = AnnotationChanges.Read(body);

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM preview_file WHERE id = {preview.Id} FOR UPDATE");
        var row = await db.PreviewFiles.SingleOrDefaultAsync(p => p.Id == preview.Id) ?? throw new NotFoundException();
        row.Annotations = changes.ApplyTo(row.Annotations);
        row.UpdatedAt = Clock.UtcNow();
        var answer = await serializer.RowAsync(row);
        events.Emit("preview-file:annotation-update", new JsonObject
        {
            ["preview_file_id"] = ZouSerializer.Uuid(row.Id),
            ["person_id"] = ZouSerializer.Uuid(permissions.User.Id),
            ["updated_at"] = answer["updated_at"]?.DeepClone(),
        }, task.ProjectId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return answer;
    }

    /// <summary>
    /// Zou's rule: in the project's team, and a manager or client there, or a supervisor whose
    /// departments cover the task type's (one without department covers all); artists and
    /// vendors are refused.
    /// </summary>
    async Task CheckCanAnnotateAsync(ProductionTask task)
    {
        await permissions.CheckProjectAccessAsync(task.ProjectId);
        var allowed = await permissions.ProjectRoleAsync(task.ProjectId) is "admin" or "manager" or "client"
            || await permissions.IsDepartmentSupervisorAsync(task.ProjectId, task.TaskTypeId);
        if (!allowed) throw new PermissionDeniedException();
    }
}
