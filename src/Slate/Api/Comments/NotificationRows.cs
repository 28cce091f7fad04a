using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Comments;

/// <summary>
/// The notification rows a comment or a reply leaves (behavior-production.md §4.2 step 5, §4.5;
/// Zou's notifications_service): added to the request's unit of work, saved with the change.
/// Recipients are found in a fixed number of queries.
/// </summary>
public static class NotificationRows
{
    /// <summary>
    /// Who follows a task: its assignees, the people subscribed to it, and the people subscribed
    /// to its task type in the entity's parent (a shot's sequence). Zou's get_notification_recipients.
    /// </summary>
    public static async Task<HashSet<Guid>> FollowersAsync(SlateDb db, ProductionTask task)
    {
        var parent = db.Entities.Where(e => e.Id == task.EntityId && e.ParentId != null).Select(e => e.ParentId);
        var followers = await db.TaskPersonLinks.Where(l => l.TaskId == task.Id).Select(l => l.PersonId)
            .Concat(db.Subscriptions.Where(s => s.TaskId == task.Id).Select(s => s.PersonId))
            .Concat(db.Subscriptions.Where(s => s.TaskTypeId == task.TaskTypeId && parent.Contains(s.EntityId)).Select(s => s.PersonId))
            .Distinct()
            .ToListAsync();
        return [.. followers];
    }

    /// <summary>The people mentioned by name, and the project's team members of the mentioned departments.</summary>
    public static async Task<HashSet<Guid>> MentionedAsync(SlateDb db, Guid? projectId, IReadOnlyCollection<Guid> persons, IReadOnlyCollection<Guid> departments)
    {
        var mentioned = new HashSet<Guid>(persons);
        if (departments.Count == 0) return mentioned;
        var team = db.ProjectPersonLinks.Where(l => l.ProjectId == projectId).Select(l => l.PersonId);
        mentioned.UnionWith(await db.DepartmentLinks.AsNoTracking()
            .Where(l => departments.Contains(l.DepartmentId) && team.Contains(l.PersonId))
            .Select(l => l.PersonId)
            .ToListAsync());
        return mentioned;
    }

    /// <summary>
    /// A comment on a task: a "comment" notification to each follower (change: the comment moved
    /// the task's status), a "mention" one to each person mentioned; never to the author.
    /// </summary>
    public static async Task AddForCommentAsync(SlateDb db, ProductionTask task, Comment comment, bool change,
        IReadOnlyCollection<Guid> mentions, IReadOnlyCollection<Guid> departmentMentions)
    {
        var followers = await FollowersAsync(db, task);
        followers.Remove(comment.PersonId);
        var mentioned = await MentionedAsync(db, task.ProjectId, mentions, departmentMentions);
        mentioned.Remove(comment.PersonId);
        db.Notifications.AddRange(followers.Select(person => Row(person, comment.PersonId, task, comment, "comment", change)));
        db.Notifications.AddRange(mentioned.Select(person => Row(person, comment.PersonId, task, comment, "mention", false)));
    }

    /// <summary>
    /// A reply to a comment: a "reply" notification to the task's followers, the earlier repliers and
    /// the comment's author, a "reply-mention" one to each person the reply mentions; never to the
    /// reply's author. They carry the reply's id and date.
    /// </summary>
    public static async Task AddForReplyAsync(SlateDb db, ProductionTask task, Comment comment, Guid replyId, Guid authorId,
        DateTime createdAt, IEnumerable<Guid> repliers, IReadOnlyCollection<Guid> mentions, IReadOnlyCollection<Guid> departmentMentions)
    {
        var recipients = await FollowersAsync(db, task);
        recipients.UnionWith(repliers);
        recipients.Add(comment.PersonId);
        recipients.Remove(authorId);
        var mentioned = await MentionedAsync(db, task.ProjectId, mentions, departmentMentions);
        mentioned.Remove(authorId);
        foreach (var (people, type) in new[] { (recipients, "reply"), (mentioned, "reply-mention") })
            db.Notifications.AddRange(people.Select(person =>
            {
                var row = Row(person, authorId, task, comment, type, false);
                row.ReplyId = replyId;
                row.CreatedAt = createdAt;
                return row;
            }));
    }

    static Notification Row(Guid person, Guid author, ProductionTask task, Comment comment, string type, bool change) => new()
    {
        PersonId = person, AuthorId = author, TaskId = task.Id, CommentId = comment.Id, Type = type, Change = change, Read = false,
    };
}
