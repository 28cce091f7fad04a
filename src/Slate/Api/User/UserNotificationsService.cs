using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// The caller's notifications (behavior-services.md §2.3, Zou's user_service): the 100 newest in
/// Kitsu's enriched row format, filtered, one of them, marking one or all read. Only ever the
/// caller's own rows. A list runs a fixed number of queries whatever its length.
/// </summary>
public sealed class UserNotificationsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    const int Newest = 100;

    sealed record Row(
        Notification Notification, string AuthorRole, Guid? ProjectId, string? ProjectName, Guid? TaskTypeId, Guid? CommentId,
        Guid? CommentStatusId, string? CommentText, JsonNode? Replies, Guid? EntityId, Guid? EntityPreviewFileId, Guid? SubscriptionId);

    /// <summary>GET /data/user/notifications: after, before, task_type_id, task_status_id, type, read, watching.</summary>
    public async Task<JsonArray> ListAsync(IQueryCollection query)
    {
        var taskTypeId = QueryId(query, "task_type_id");
        var taskStatusId = QueryId(query, "task_status_id");
        var after = QueryDate(query, "after");
        var before = QueryDate(query, "before");
        var rows = Rows();
        if (after is { } from) rows = rows.Where(r => r.Notification.CreatedAt > from);
        if (before is { } to) rows = rows.Where(r => r.Notification.CreatedAt < to);
        if (taskTypeId is { } type) rows = rows.Where(r => r.Task!.TaskTypeId == type);
        if (taskStatusId is { } status) rows = rows.Where(r => r.Task!.TaskStatusId == status);
        if (query["type"].FirstOrDefault() is { } kind) rows = rows.Where(r => r.Notification.Type == kind);
        if (QueryFlag(query, "read") is { } read) rows = rows.Where(r => r.Notification.Read == read);
        if (QueryFlag(query, "watching") is { } watching)
            rows = watching ? rows.Where(r => r.Subscription != null) : rows.Where(r => r.Subscription == null);
        return await EnrichAsync(rows);
    }

    /// <summary>GET /data/user/notifications/&lt;id&gt;: 400 for a malformed id, 404 when not one of the caller's.</summary>
    public async Task<JsonObject> OneAsync(string notificationId)
    {
        if (!Values.TryUuid(notificationId, out var id))
            throw new WrongParameterException($"Invalid UUID format for notification_id: {notificationId}");
        var rows = await EnrichAsync(Rows().Where(r => r.Notification.Id == id));
        if (rows.Count == 0) throw new NotFoundException();
        var row = rows[0]!.AsObject();
        rows.RemoveAt(0);
        return row;
    }

    /// <summary>PUT /data/user/notifications/&lt;id&gt; {read}: notification:read or notification:unread.</summary>
    public async Task<JsonObject> UpdateAsync(string notificationId, JsonObject body)
    {
        var me = permissions.User.Id;
        var notification = (Values.TryUuid(notificationId, out var id)
                ? await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.PersonId == me)
                : null)
            ?? throw new NotFoundException();
        var read = RequestBody.OptionalFlag(body, "read");
        if (read is { } value) notification.Read = value;
        events.Emit(read == true ? "notification:read" : "notification:unread", new JsonObject
        {
            ["person_id"] = ZouSerializer.Uuid(me), ["notification_id"] = ZouSerializer.Uuid(notification.Id),
        }, null);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(notification);
    }

    /// <summary>POST /actions/user/notifications/mark-all-as-read: one set-based update, and notification:all-read.</summary>
    public async Task<JsonObject> MarkAllReadAsync()
    {
        var me = permissions.User.Id;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Notifications.Where(n => n.PersonId == me && !n.Read)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.Read, true).SetProperty(n => n.UpdatedAt, Clock.UtcNow()));
        events.Emit("notification:all-read", new JsonObject { ["person_id"] = ZouSerializer.Uuid(me) }, null);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new JsonObject { ["success"] = true };
    }

    sealed class Joined
    {
        public required Notification Notification { get; init; }
        public required Person Author { get; init; }
        public ProductionTask? Task { get; init; }
        public Project? Project { get; init; }
        public Subscription? Subscription { get; init; }
        public Comment? Comment { get; init; }
        public Entity? Entity { get; init; }
    }

    /// <summary>The caller's notifications with what the rows show, left-joined in one query.</summary>
    IQueryable<Joined> Rows()
    {
        var me = permissions.User.Id;
        return from n in db.Notifications.AsNoTracking().Where(n => n.PersonId == me)
               join author in db.Persons on n.AuthorId equals author.Id
               join t in db.Tasks on n.TaskId equals (Guid?)t.Id into tasks
               from task in tasks.DefaultIfEmpty()
               join p in db.Projects on task!.ProjectId equals (Guid?)p.Id into projects
               from project in projects.DefaultIfEmpty()
               join s in db.Subscriptions.Where(s => s.PersonId == me) on (Guid?)task!.Id equals s.TaskId into subscriptions
               from subscription in subscriptions.DefaultIfEmpty()
               join c in db.Comments on n.CommentId equals (Guid?)c.Id into comments
               from comment in comments.DefaultIfEmpty()
               join e in db.Entities on task!.EntityId equals (Guid?)e.Id into entities
               from entity in entities.DefaultIfEmpty()
               select new Joined { Notification = n, Author = author, Task = task, Project = project, Subscription = subscription, Comment = comment, Entity = entity };
    }

    /// <summary>
    /// The 100 newest rows in Zou's enriched format: entity names (three queries), first comment
    /// previews, mentions, department mentions and playlists, one query each.
    /// </summary>
    async Task<JsonArray> EnrichAsync(IQueryable<Joined> joined)
    {
        var rows = await joined
            .OrderByDescending(r => r.Notification.CreatedAt).ThenBy(r => r.Notification.Id)
            .Take(Newest)
            .Select(r => new Row(r.Notification, r.Author.Role, (Guid?)r.Project!.Id, r.Project.Name, r.Task!.TaskTypeId, (Guid?)r.Comment!.Id,
                r.Comment.TaskStatusId, r.Comment.Text, r.Comment.Replies, r.Task.EntityId, r.Entity!.PreviewFileId, (Guid?)r.Subscription!.Id))
            .ToListAsync();
        if (rows.Count == 0) return [];

        var names = await EntityNames.FullNamesAsync(db, rows.Where(r => r.Notification.PlaylistId == null).Select(r => r.EntityId).OfType<Guid>());
        var commentIds = rows.Select(r => r.CommentId).OfType<Guid>().Distinct().ToList();
        var previews = commentIds.Count == 0 ? [] : (await db.CommentPreviewLinks.AsNoTracking()
                .Where(l => commentIds.Contains(l.Comment))
                .Join(db.PreviewFiles, l => l.PreviewFile, p => p.Id, (l, p) => new { l.Comment, p.Id, p.CreatedAt })
                .ToListAsync())
            .GroupBy(p => p.Comment)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).First().Id);
        var mentions = commentIds.Count == 0 ? null : (await db.CommentMentions.AsNoTracking()
            .Where(m => commentIds.Contains(m.Comment)).ToListAsync()).ToLookup(m => m.Comment, m => m.Person);
        var departmentMentions = commentIds.Count == 0 ? null : (await db.CommentDepartmentMentions.AsNoTracking()
            .Where(m => commentIds.Contains(m.Comment)).ToListAsync()).ToLookup(m => m.Comment, m => m.Department);
        var playlistIds = rows.Select(r => r.Notification.PlaylistId).OfType<Guid>().Distinct().ToList();
        var playlists = playlistIds.Count == 0 ? [] : await db.Playlists.AsNoTracking()
            .Where(p => playlistIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.EpisodeId, p.ForEntity, p.IsForAll, p.ProjectId, ProjectName = db.Projects.Where(x => x.Id == p.ProjectId).Select(x => x.Name).FirstOrDefault() })
            .ToDictionaryAsync(p => p.Id);
        var blankClientTexts = permissions.GlobalRole == "user";

        var result = new JsonArray();
        foreach (var row in rows)
        {
            var n = row.Notification;
            var (projectId, projectName) = (row.ProjectId, row.ProjectName);
            string fullName = "";
            Guid? episodeId = null, entityPreview = null;
            string playlistName = "";
            string? playlistForEntity = "";
            var playlistIsForAll = false;
            if (n.PlaylistId is { } playlistId)
            {
                if (playlists.TryGetValue(playlistId, out var playlist))
                {
                    (episodeId, projectId, projectName) = (playlist.EpisodeId, playlist.ProjectId, playlist.ProjectName);
                    (playlistName, playlistForEntity, playlistIsForAll) = (playlist.Name, playlist.ForEntity, playlist.IsForAll == true);
                }
            }
            else if (row.EntityId is { } entityId && names.TryGetValue(entityId, out var name))
            {
                (fullName, episodeId, entityPreview) = (name.Name, name.EpisodeId, row.EntityPreviewFileId);
            }

            var replyText = "";
            JsonNode replyMentions = new JsonArray(), replyDepartmentMentions = new JsonArray();
            if (n.Type is "reply" or "reply-mention"
                && n.ReplyId is { } replyId
                && row.Replies is JsonArray replies
                && replies.OfType<JsonObject>().FirstOrDefault(r => r["id"] is JsonValue v && v.TryGetValue<string>(out var text) && text == ZouSerializer.Uuid(replyId)) is { } reply)
            {
                replyText = reply["text"] is JsonValue text && text.TryGetValue<string>(out var value) ? value : "";
                replyMentions = reply["mentions"]?.DeepClone() ?? new JsonArray();
                replyDepartmentMentions = reply["department_mentions"]?.DeepClone() ?? new JsonArray();
            }
            var commentText = row.CommentText;
            if (row.AuthorRole == "client" && blankClientTexts) (commentText, replyText) = ("", "");

            var commentId = row.CommentId;
            result.Add(new JsonObject
            {
                ["id"] = ZouSerializer.Uuid(n.Id),
                ["type"] = nameof(Notification),
                ["notification_type"] = n.Type,
                ["author_id"] = ZouSerializer.Uuid(n.AuthorId),
                ["comment_id"] = Id(n.CommentId),
                ["task_id"] = Id(n.TaskId),
                ["task_type_id"] = Id(row.TaskTypeId),
                ["task_status_id"] = Id(row.CommentStatusId),
                ["mentions"] = EntityService.Ids(commentId is { } c1 ? mentions![c1] : []),
                ["department_mentions"] = EntityService.Ids(commentId is { } c2 ? departmentMentions![c2] : []),
                ["reply_mentions"] = replyMentions,
                ["reply_department_mentions"] = replyDepartmentMentions,
                ["preview_file_id"] = Id(commentId is { } c3 && previews.TryGetValue(c3, out var preview) ? preview : null),
                ["project_id"] = Id(projectId),
                ["project_name"] = projectName,
                ["comment_text"] = commentText,
                ["reply_text"] = replyText,
                ["created_at"] = ZouSerializer.Value(n.CreatedAt),
                ["read"] = n.Read,
                ["change"] = n.Change,
                ["full_entity_name"] = fullName,
                ["episode_id"] = Id(episodeId),
                ["entity_preview_file_id"] = Id(entityPreview),
                ["subscription_id"] = Id(row.SubscriptionId),
                ["playlist_id"] = Id(n.PlaylistId),
                ["playlist_name"] = playlistName,
                ["playlist_for_entity"] = playlistForEntity,
                ["playlist_is_for_all"] = playlistIsForAll,
            });
        }
        return result;
    }

    static JsonNode? Id(Guid? id) => id is { } value ? ZouSerializer.Uuid(value) : null;

    static Guid? QueryId(IQueryCollection query, string key) => query[key].FirstOrDefault() switch
    {
        null => null,
        var text when Values.TryUuid(text, out var id) => id,
        var text => throw new WrongParameterException($"Invalid UUID format for {key}: {text}"),
    };

    static DateTime? QueryDate(IQueryCollection query, string key) => query[key].FirstOrDefault() switch
    {
        null => null,
        var text => Values.DateTimeValue(text) ?? throw new WrongParameterException("Wrong date format for after or before."),
    };

    /// <summary>Zou's get_bool_parameter: "true" (any case) is true, anything else false; absent is no filter.</summary>
    static bool? QueryFlag(IQueryCollection query, string key) =>
        query[key].FirstOrDefault() is { } text ? text.Equals("true", StringComparison.OrdinalIgnoreCase) : null;
}
