using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Removes tasks with what belongs to them, one query per table whatever the number of tasks,
/// into the caller's unit of work (nothing is written before its SaveChanges). Assignee links
/// always go with the task, as in Zou; with force, so do what Zou deletes with it: working files
/// and their outputs, comments (with their notifications, news, mentions, acknowledgements,
/// preview links and attachments), subscriptions, previews (detached from entities, news and
/// other comments first), time spents, and the task's own notifications and news. Without force,
/// any of those still there makes the save fail with a 400.
/// </summary>
public static class TaskDeletion
{
    /// <summary>Stages the removal; answers the task rows removed, for their events.</summary>
    public static async Task<List<ProductionTask>> RemoveAsync(SlateDb db, List<Guid> taskIds, bool force)
    {
        if (force) await RemoveDependentsAsync(db, taskIds);
        await RemoveWhere<TaskPersonLink>(db, l => taskIds.Contains(l.TaskId));
        return await RemoveWhere<ProductionTask>(db, t => taskIds.Contains(t.Id));
    }

    /// <summary>Zou's remove_task event, one per task: "task:delete" naming the task, its entity and its task type.</summary>
    public static void EmitRemoved(Events events, IEnumerable<ProductionTask> tasks)
    {
        foreach (var task in tasks)
            events.Emit("task:delete", new JsonObject
            {
                ["task_id"] = ZouSerializer.Uuid(task.Id),
                ["entity_id"] = ZouSerializer.Value(task.EntityId),
                ["task_type_id"] = ZouSerializer.Value(task.TaskTypeId),
            }, task.ProjectId);
    }

    static async Task RemoveDependentsAsync(SlateDb db, List<Guid> taskIds)
    {
        var nullableTaskIds = taskIds.Select(id => (Guid?)id).ToList();
        var workingFileIds = await db.WorkingFiles.Where(f => nullableTaskIds.Contains(f.TaskId)).Select(f => (Guid?)f.Id).ToListAsync();
        await RemoveWhere<OutputFile>(db, f => workingFileIds.Contains(f.SourceFileId));
        await RemoveWhere<WorkingFile>(db, f => workingFileIds.Contains(f.Id));

        var commentIds = await db.Comments.Where(c => taskIds.Contains(c.ObjectId)).Select(c => c.Id).ToListAsync();
        var nullableCommentIds = commentIds.Select(id => (Guid?)id).ToList();
        await RemoveWhere<Notification>(db, n => nullableCommentIds.Contains(n.CommentId) || nullableTaskIds.Contains(n.TaskId));
        await RemoveWhere<News>(db, n => nullableCommentIds.Contains(n.CommentId) || taskIds.Contains(n.TaskId));
        await RemoveWhere<CommentMention>(db, m => commentIds.Contains(m.Comment));
        await RemoveWhere<CommentDepartmentMention>(db, m => commentIds.Contains(m.Comment));
        await RemoveWhere<CommentAcknowledgment>(db, a => commentIds.Contains(a.Comment));
        await RemoveWhere<AttachmentFile>(db, a => nullableCommentIds.Contains(a.CommentId));

        var previewIds = await db.PreviewFiles.Where(p => nullableTaskIds.Contains(p.TaskId)).Select(p => p.Id).ToListAsync();
        var nullablePreviewIds = previewIds.Select(id => (Guid?)id).ToList();
        await RemoveWhere<CommentPreviewLink>(db, l => commentIds.Contains(l.Comment) || previewIds.Contains(l.PreviewFile));
        foreach (var entity in await db.Entities.Where(e => nullablePreviewIds.Contains(e.PreviewFileId)).ToListAsync())
            entity.PreviewFileId = null;
        foreach (var news in await db.News.Where(n => nullablePreviewIds.Contains(n.PreviewFileId)).ToListAsync())
            news.PreviewFileId = null;
        foreach (var comment in await db.Comments.Where(c => nullablePreviewIds.Contains(c.PreviewFileId)).ToListAsync())
            comment.PreviewFileId = null;
        await RemoveWhere<Comment>(db, c => commentIds.Contains(c.Id));
        await RemoveWhere<PreviewFile>(db, p => previewIds.Contains(p.Id));

        await RemoveWhere<Subscription>(db, s => nullableTaskIds.Contains(s.TaskId));
        await RemoveWhere<TimeSpent>(db, t => nullableTaskIds.Contains(t.TaskId));
    }

    static async Task<List<TRow>> RemoveWhere<TRow>(SlateDb db, Expression<Func<TRow, bool>> predicate) where TRow : class
    {
        var rows = await db.Set<TRow>().Where(predicate).ToListAsync();
        db.RemoveRange(rows);
        return rows;
    }
}
