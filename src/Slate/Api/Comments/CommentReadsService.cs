using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Comments;

/// <summary>
/// Reading a task's conversation and the small writes around it (behavior-production.md §4.3-4.5):
/// the comment lists, replies, acknowledgements, moving a comment to a sibling task, and the
/// admins' attachment listings. A comment reached through a task's path must belong to that task,
/// a reply to that comment (404 otherwise).
/// </summary>
public sealed class CommentReadsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, CrudContext crud, Settings settings,
    EntityService entities, TaskCommentRows rows, NotificationService notifications, CommentsService commentsService)
{
    /// <summary>The task of the path; 404 when the id is malformed or unknown.</summary>
    async Task<ProductionTask> TaskAsync(string taskId)
    {
        var id = EntityService.PathId(taskId);
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
    }

    /// <summary>The task of the path once the caller may read it.</summary>
    async Task<ProductionTask> ReadableTaskAsync(string taskId)
    {
        var task = await TaskAsync(taskId);
        if (!permissions.IsAdmin) await permissions.CheckTaskAccessAsync(task);
        return task;
    }

    /// <summary>The comment of the path, which must be one of the task's (404 otherwise).</summary>
    async Task<Comment> CommentOfAsync(ProductionTask task, string commentId, bool tracked = false)
    {
        var id = EntityService.PathId(commentId);
        var comments = tracked ? db.Comments : db.Comments.AsNoTracking();
        return await comments.FirstOrDefaultAsync(c => c.Id == id && c.ObjectId == task.Id) ?? throw new NotFoundException();
    }

    /// <summary>GET /data/tasks/&lt;id&gt;/comments: the task's comments the caller may read, newest first.</summary>
    public async Task<JsonArray> TaskCommentsAsync(string taskId)
    {
        var task = await ReadableTaskAsync(taskId);
        return await rows.ListAsync(task, (await permissions.ProjectRoleAsync(task.ProjectId))!, permissions.User.Id);
    }

    /// <summary>GET /data/tasks/&lt;id&gt;/comments/&lt;id&gt;: one comment of the task, without relations.</summary>
    public async Task<JsonObject> TaskCommentAsync(string taskId, string commentId)
    {
        var task = await ReadableTaskAsync(taskId);
        var comment = await CommentOfAsync(task, commentId);
        await CommentsCollection.CheckCommentReadAsync(comment, crud);
        return await serializer.RowAsync(comment);
    }

    /// <summary>
    /// GET /data/projects/&lt;id&gt;/comments: every comment of the project's tasks with its relations,
    /// last updated first, paged on request; the studio's team only (not clients nor vendors).
    /// </summary>
    public async Task<JsonNode> ProjectCommentsAsync(string projectId, IQueryCollection query)
    {
        var id = await entities.ProjectAsync(projectId);
        if (await permissions.ProjectRoleAsync(id) is null or "client" or "vendor") throw new PermissionDeniedException();
        var comments = db.Comments.AsNoTracking()
            .Where(c => db.Tasks.Any(t => t.Id == c.ObjectId && t.ProjectId == id))
            .OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id);
        return await Pages.ReadAsync(comments, query, settings.RecordsPerPage,
            async list => new JsonArray([.. (await serializer.ObjectsAsync(list, relations: true)).Select(c => (JsonNode)InZouOrder(c))]));
    }

    /// <summary>
    /// POST .../comments/&lt;id&gt;/ack: toggles the caller among the people who acknowledged the
    /// comment (a comment they may read) and answers the comment with its relations.
    /// </summary>
    public async Task<JsonObject> AcknowledgeAsync(string taskId, string commentId)
    {
        var task = await ReadableTaskAsync(taskId);
        var comment = await CommentOfAsync(task, commentId);
        await CommentsCollection.CheckCommentReadAsync(comment, crud);
        var me = permissions.User.Id;
        var link = await db.CommentAcknowledgments.FirstOrDefaultAsync(l => l.Comment == comment.Id && l.Person == me);
        if (link is null) db.CommentAcknowledgments.Add(new CommentAcknowledgment { Comment = comment.Id, Person = me });
        else db.CommentAcknowledgments.Remove(link);
        // A live signal only: the acknowledgement row is the record.
        events.Emit(link is null ? "comment:acknowledge" : "comment:unacknowledge",
            new JsonObject { ["comment_id"] = ZouSerializer.Uuid(comment.Id), ["person_id"] = ZouSerializer.Uuid(me) }, task.ProjectId, persist: false);
        await db.SaveChangesAsync();
        return await WithRelationsAsync(comment);
    }

    /// <summary>
    /// POST .../comments/&lt;id&gt;/reply {text}: appends a reply to the comment (its author, or anyone
    /// who may act on the task or was mentioned in its conversation; a client not to another
    /// studio's client), notifies the conversation and answers the reply with its author.
    /// </summary>
    public async Task<JsonObject> ReplyAsync(string taskId, string commentId, JsonObject body, IReadOnlyList<UploadedFile> uploads)
    {
        var task = await TaskAsync(taskId);
        var comment = await CommentOfAsync(task, commentId, tracked: true);
        await CheckReplyAccessAsync(task, comment);
        var text = body.ContainsKey("text") ? RequestBody.OptionalText(body, "text") : "";

        var me = permissions.User.Person;
        var now = Clock.UtcNow();
        var (mentions, departmentMentions) = await CommentMentions.FindAsync(task.ProjectId, text, crud);
        var replyId = Guid.NewGuid();
        var reply = new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(replyId),
            ["date"] = ZouSerializer.Value(now),
            ["person_id"] = ZouSerializer.Uuid(me.Id),
            ["text"] = text,
            ["mentions"] = new JsonArray([.. mentions.Select(id => (JsonNode)ZouSerializer.Uuid(id))]),
            ["department_mentions"] = new JsonArray([.. departmentMentions.Select(id => (JsonNode)ZouSerializer.Uuid(id))]),
            ["created_at"] = ZouSerializer.Value(now),
        };
        var replies = Replies(comment);
        replies.Add(reply.DeepClone());
        comment.Replies = replies;

        events.Emit("comment:reply", new JsonObject
        {
            ["task_id"] = ZouSerializer.Uuid(task.Id),
            ["comment_id"] = ZouSerializer.Uuid(comment.Id),
            ["reply_id"] = ZouSerializer.Uuid(replyId),
        }, task.ProjectId);
        var repliers = replies.OfType<JsonObject>().Select(r => TaskCommentRows.ReplyId(r, "person_id")).OfType<Guid>();
        await notifications.AddForReplyAsync(task, comment, replyId, me.Id, now, repliers, mentions, departmentMentions);
        var attachments = await commentsService.SaveReplyAsync(comment.Id, replyId, uploads);

        if (uploads.Count > 0) reply["attachment_files"] = attachments;
        reply["person"] = Presentations.ShortPerson(me);
        return reply;
    }

    /// <summary>
    /// Zou's reply permission: the comment's author (Slate: while they still reach the task); else
    /// task action access or, failing it, mention access; a client may not answer a client of
    /// another studio.
    /// </summary>
    async Task CheckReplyAccessAsync(ProductionTask task, Comment comment)
    {
        if (permissions.IsAdmin) return;
        if (comment.PersonId == permissions.User.Id)
        {
            await permissions.CheckTaskAccessAsync(task);
            return;
        }
        if (!await permissions.HasTaskActionAccessAsync(task) && !await permissions.IsMentionedOnTaskAsync(task)) throw new PermissionDeniedException();
        if (await permissions.ProjectRoleAsync(task.ProjectId) != "client") return;
        var author = await db.Persons.AsNoTracking().Where(p => p.Id == comment.PersonId).Select(p => new { p.StudioId }).FirstOrDefaultAsync();
        if (author?.StudioId != permissions.User.Person.StudioId
            && await permissions.RoleOfPersonInProjectAsync(comment.PersonId, task.ProjectId) == "client")
            throw new PermissionDeniedException();
    }

    /// <summary>
    /// DELETE .../comments/&lt;id&gt;/reply/&lt;id&gt;: the reply's author (while they reach the task) or an
    /// admin removes it, with its attachments and notifications; answers the comment.
    /// </summary>
    public async Task<JsonObject> DeleteReplyAsync(string taskId, string commentId, string replyId)
    {
        var task = await TaskAsync(taskId);
        var comment = await CommentOfAsync(task, commentId, tracked: true);
        var replies = Replies(comment);
        var reply = replies.OfType<JsonObject>().FirstOrDefault(r => r["id"] is JsonValue value && value.TryGetValue<string>(out var id) && id == replyId) ?? throw new NotFoundException();
        if (!permissions.IsAdmin)
        {
            if (TaskCommentRows.ReplyId(reply, "person_id") != permissions.User.Id) throw new PermissionDeniedException();
            await permissions.CheckTaskAccessAsync(task);
        }

        replies.Remove(reply);
        comment.Replies = replies;
        if (Values.TryUuid(replyId, out var id))
        {
            db.AttachmentFiles.RemoveRange(await db.AttachmentFiles.Where(a => a.CommentId == comment.Id && a.ReplyId == id).ToListAsync());
            db.Notifications.RemoveRange(await db.Notifications.Where(n => n.ReplyId == id).ToListAsync());
        }
        events.Emit("comment:delete-reply", new JsonObject
        {
            ["task_id"] = ZouSerializer.Uuid(task.Id), ["comment_id"] = ZouSerializer.Uuid(comment.Id), ["reply_id"] = replyId,
        }, task.ProjectId, persist: false);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(comment);
    }

    /// <summary>The comment's replies as a new list (an absent list is empty).</summary>
    static JsonArray Replies(Comment comment) =>
        new([.. (comment.Replies as JsonArray ?? []).Select(r => r?.DeepClone())]);

    /// <summary>
    /// POST /actions/tasks/&lt;id&gt;/comments/&lt;id&gt;/move {target_task_id}: a manager of the project moves
    /// the comment to another task of the same entity. Its notifications and news are rebuilt on
    /// the target, and both tasks recomputed from their comments (one transaction).
    /// </summary>
    public async Task<JsonObject> MoveAsync(string taskId, string commentId, JsonObject body)
    {
        permissions.CheckGlobalManager();
        var targetText = RequestBody.OptionalText(body, "target_task_id")
            ?? throw new ValidationFailedException(("target_task_id", "Field required"));
        var source = await ReadableTaskAsync(taskId);
        var target = await ReadableTaskAsync(targetText);
        await permissions.CheckManagerOfAsync(source.ProjectId);
        var comment = await CommentOfAsync(source, commentId, tracked: true);
        if (source.Id == target.Id) throw new WrongParameterException("Source and target tasks must be different.");
        if (source.EntityId != target.EntityId)
            throw new WrongParameterException("A comment can only be moved between tasks of the same entity.");
        if (comment.PreviewFileId is not null || await db.CommentPreviewLinks.AnyAsync(l => l.Comment == comment.Id))
            throw new WrongParameterException("A comment attached to a preview revision cannot be moved.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Notifications.Where(n => n.CommentId == comment.Id).ExecuteDeleteAsync();
        var news = await db.News.Where(n => n.CommentId == comment.Id).ToListAsync();
        db.News.RemoveRange(news);
        comment.ObjectId = target.Id;
        await db.SaveChangesAsync();

        await TaskHistory.ResetAsync(source.Id, crud);
        await TaskHistory.ResetAsync(target.Id, crud);
        foreach (var removed in news)
            events.Emit("news:delete", new JsonObject { ["news_id"] = ZouSerializer.Uuid(removed.Id) }, source.ProjectId);
        events.Emit("comment:delete", new JsonObject { ["comment_id"] = ZouSerializer.Uuid(comment.Id) }, source.ProjectId);
        events.Emit("comment:new", new JsonObject
        {
            ["comment_id"] = ZouSerializer.Uuid(comment.Id),
            ["task_id"] = ZouSerializer.Uuid(target.Id),
            ["task_status_id"] = ZouSerializer.Value(comment.TaskStatusId),
        }, target.ProjectId);

        var mentions = await db.CommentMentions.AsNoTracking().Where(m => m.Comment == comment.Id).Select(m => m.Person).ToListAsync();
        var departmentMentions = await db.CommentDepartmentMentions.AsNoTracking().Where(m => m.Comment == comment.Id).Select(m => m.Department).ToListAsync();
        await notifications.AddForCommentAsync(target, comment, change: false, mentions, departmentMentions);
        await notifications.AddNewsAsync(target, comment, changed: false);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await WithRelationsAsync(comment);
    }

    /// <summary>GET /data/projects/&lt;id&gt;/attachment-files (admins): the attachments of the project's comments.</summary>
    public async Task<JsonArray> ProjectAttachmentFilesAsync(string projectId)
    {
        permissions.CheckAdmin();
        var id = await entities.ProjectAsync(projectId);
        return await AttachmentFilesAsync(db.Tasks.Where(t => t.ProjectId == id));
    }

    /// <summary>GET /data/tasks/&lt;id&gt;/attachment-files (admins): the attachments of the task's comments.</summary>
    public async Task<JsonArray> TaskAttachmentFilesAsync(string taskId)
    {
        permissions.CheckAdmin();
        var task = await TaskAsync(taskId);
        return await AttachmentFilesAsync(db.Tasks.Where(t => t.Id == task.Id));
    }

    /// <summary>The attachment files of the tasks' comments, each with its comment (and chat message) nested, "type" last as in Zou.</summary>
    async Task<JsonArray> AttachmentFilesAsync(IQueryable<ProductionTask> tasks)
    {
        var comments = db.Comments.Where(c => tasks.Any(t => t.Id == c.ObjectId)).Select(c => (Guid?)c.Id);
        var files = await db.AttachmentFiles.AsNoTracking().Where(a => comments.Contains(a.CommentId)).ToListAsync();
        var objects = await serializer.ObjectsAsync(files);
        foreach (var json in objects)
        {
            json.Remove("type");
            json["type"] = nameof(AttachmentFile);
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>
    /// Zou serializes a comment's previews among its columns (after preview_file_id), its other
    /// relations after "type".
    /// </summary>
    static JsonObject InZouOrder(JsonObject comment)
    {
        var pairs = comment.ToList();
        comment.Clear();
        var previews = pairs.FirstOrDefault(p => p.Key == "previews").Value;
        foreach (var (key, value) in pairs.Where(p => p.Key != "previews"))
        {
            comment[key] = value;
            if (key == "preview_file_id" && previews is not null) comment["previews"] = previews;
        }
        return comment;
    }

    async Task<JsonObject> WithRelationsAsync(Comment comment) => InZouOrder(await serializer.RowAsync(comment, relations: true));
}
