using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;

namespace Slate.Api.Comments;

/// <summary>
/// Who hears about a task (behavior-services.md §2.2) and the notification rows that tell them
/// (comments, mentions, replies, assignations), added to the request's unit of work: the caller
/// saves them with the change they announce; also a comment's news row, the project's feed.
/// Recipients are found in a fixed number of queries.
/// </summary>
public sealed class NotificationService(SlateDb db, Events events)
{
    /// <summary>
    /// The task's assignees, the people subscribed to it, and the people subscribed to its task
    /// type on the entity's parent (Zou's legacy sequence subscription).
    /// </summary>
    public async Task<HashSet<Guid>> RecipientsAsync(ProductionTask task)
    {
        var parentId = await db.Entities.AsNoTracking().Where(e => e.Id == task.EntityId).Select(e => e.ParentId).FirstOrDefaultAsync();
        var assignees = db.TaskPersonLinks.AsNoTracking().Where(l => l.TaskId == task.Id).Select(l => l.PersonId);
        var subscribers = db.Subscriptions.AsNoTracking()
            .Where(s => s.TaskId == task.Id || (parentId != null && s.EntityId == parentId && s.TaskTypeId == task.TaskTypeId))
            .Select(s => s.PersonId);
        return [.. await assignees.Union(subscribers).ToListAsync()];
    }

    /// <summary>The people mentioned by name, and the team members of the project in a mentioned department.</summary>
    public async Task<HashSet<Guid>> MentionedAsync(Guid? projectId, IReadOnlyCollection<Guid> persons, IReadOnlyCollection<Guid> departments)
    {
        var mentioned = new HashSet<Guid>(persons);
        if (departments.Count > 0)
            mentioned.UnionWith(await db.DepartmentLinks.AsNoTracking()
                .Where(l => departments.Contains(l.DepartmentId)
                    && db.ProjectPersonLinks.Any(t => t.ProjectId == projectId && t.PersonId == l.PersonId))
                .Select(l => l.PersonId)
                .ToListAsync());
        return mentioned;
    }

    /// <summary>
    /// A new comment: a "comment" notification to every recipient but the author (change = it
    /// moved the task's status), then a "mention" one to every mentioned person but the author.
    /// </summary>
    public async Task AddForCommentAsync(ProductionTask task, Comment comment, bool change,
        IReadOnlyCollection<Guid> mentions, IReadOnlyCollection<Guid> departmentMentions)
    {
        foreach (var recipient in await RecipientsAsync(task))
            if (recipient != comment.PersonId) Add(recipient, "comment", task, comment, change);
        foreach (var recipient in await MentionedAsync(task.ProjectId, mentions, departmentMentions))
            if (recipient != comment.PersonId) Add(recipient, "mention", task, comment, change: false);
    }

    /// <summary>
    /// An edited comment: its "mention" notifications follow the new mentions. People still
    /// mentioned keep theirs (and its read state), the others lose it, newcomers get one.
    /// </summary>
    public async Task ReplaceMentionsAsync(ProductionTask task, Comment comment,
        IReadOnlyCollection<Guid> mentions, IReadOnlyCollection<Guid> departmentMentions)
    {
        var wanted = await MentionedAsync(task.ProjectId, mentions, departmentMentions);
        wanted.Remove(comment.PersonId);
        var existing = await db.Notifications.Where(n => n.CommentId == comment.Id && n.Type == "mention" && n.ReplyId == null).ToListAsync();
        db.Notifications.RemoveRange(existing.Where(n => !wanted.Contains(n.PersonId)));
        foreach (var recipient in wanted.Except(existing.Select(n => n.PersonId)))
            Add(recipient, "mention", task, comment, change: false);
    }

    /// <summary>
    /// A reply to a comment: a "reply" notification to the task's recipients, the earlier repliers
    /// and the comment's author, a "reply-mention" one to each person the reply mentions; never to
    /// the reply's author. They carry the reply's id and date.
    /// </summary>
    public async Task AddForReplyAsync(ProductionTask task, Comment comment, Guid replyId, Guid authorId, DateTime createdAt,
        IEnumerable<Guid> repliers, IReadOnlyCollection<Guid> mentions, IReadOnlyCollection<Guid> departmentMentions)
    {
        var recipients = await RecipientsAsync(task);
        recipients.UnionWith(repliers);
        recipients.Add(comment.PersonId);
        recipients.Remove(authorId);
        var mentioned = await MentionedAsync(task.ProjectId, mentions, departmentMentions);
        mentioned.Remove(authorId);
        foreach (var (people, type) in new[] { (recipients, "reply"), (mentioned, "reply-mention") })
            foreach (var person in people)
            {
                var row = Add(person, type, task, comment, change: false, authorId);
                row.ReplyId = replyId;
                row.CreatedAt = createdAt;
            }
    }

    /// <summary>The assignee's "assignation" notification (Zou's create_assignation_notification): none for assigning oneself.</summary>
    public void AddAssignation(ProductionTask task, Guid personId, Guid authorId)
    {
        if (personId == authorId) return;
        Created(new Notification { PersonId = personId, AuthorId = authorId, TaskId = task.Id, Type = "assignation" }, task);
    }

    /// <summary>A comment's news row (behavior-services.md §3), none on concept tasks, with its news:new event.</summary>
    public async Task AddNewsAsync(ProductionTask task, Comment comment, bool changed)
    {
        if (await EntityKinds.OfKind(db, db.Entities.AsNoTracking(), "Concept").AnyAsync(e => e.Id == task.EntityId)) return;
        var news = new News
        {
            AuthorId = comment.PersonId, CommentId = comment.Id, TaskId = task.Id, PreviewFileId = comment.PreviewFileId,
            Change = changed, CreatedAt = comment.CreatedAt,
        };
        db.News.Add(news);
        events.Emit("news:new", new JsonObject
        {
            ["news_id"] = ZouSerializer.Uuid(news.Id),
            ["task_status_id"] = ZouSerializer.Value(comment.TaskStatusId),
            ["task_type_id"] = ZouSerializer.Value(task.TaskTypeId),
        }, task.ProjectId);
    }

    Notification Add(Guid recipient, string type, ProductionTask task, Comment comment, bool change, Guid? author = null)
    {
        var row = new Notification
        {
            PersonId = recipient, AuthorId = author ?? comment.PersonId, CommentId = comment.Id, TaskId = task.Id, Type = type, Change = change,
        };
        Created(row, task);
        return row;
    }

    /// <summary>Adds the notification, with its notification:new event (a live signal only: the row is the record).</summary>
    void Created(Notification row, ProductionTask task)
    {
        db.Notifications.Add(row);
        events.Emit("notification:new",
            new JsonObject { ["notification_id"] = ZouSerializer.Uuid(row.Id), ["person_id"] = ZouSerializer.Uuid(row.PersonId) },
            task.ProjectId, persist: false);
    }
}
