using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.User;

/// <summary>/data/user/notifications and mark-all-as-read: the caller's own notifications (behavior-services.md §2.3).</summary>
public class UserNotificationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] RowKeys =
        ["id", "type", "notification_type", "author_id", "comment_id", "task_id", "task_type_id", "task_status_id", "mentions",
         "department_mentions", "reply_mentions", "reply_department_mentions", "preview_file_id", "project_id", "project_name",
         "comment_text", "reply_text", "created_at", "read", "change", "full_entity_name", "episode_id", "entity_preview_file_id",
         "subscription_id", "playlist_id", "playlist_name", "playlist_for_entity", "playlist_is_for_all"];

    static readonly DateTime Start = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Unspecified);

    sealed record Inbox(Person Artist, Person Manager, Project Project, Entity Episode, Entity Shot, ProductionTask Task, Comment Comment,
        PreviewFile Preview, Notification Mention, Notification ClientComment, Notification Reply, Notification Assignation, Notification Playlist,
        Playlist PlaylistRow, Subscription Subscription, Department Department);

    async Task<Inbox> SeedAsync()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var client = await factory.CreatePersonAsync("client");
        var department = await factory.CreateDepartmentAsync(artist);
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null), (client, null));
        var episode = await factory.CreateEntityAsync(project, "Episode", e => e.Name = "E01");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => { e.Name = "SQ01"; e.ParentId = episode.Id; });
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH010"; e.ParentId = sequence.Id; });
        var task = await factory.CreateTaskAsync(shot, artist);
        var preview = await factory.CreatePreviewAsync(task);
        var thumbnail = await factory.CreatePreviewAsync(task);
        await factory.WithDb(db => db.Entities.Where(e => e.Id == shot.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviewFileId, thumbnail.Id)));
        var replyId = Guid.NewGuid();
        var comment = await factory.CreateCommentAsync(task, manager, c =>
        {
            c.Text = "Look @artist";
            c.Replies = new JsonArray(new JsonObject
            {
                ["id"] = replyId.ToString(), ["text"] = "A reply", ["person_id"] = manager.Id.ToString(),
                ["mentions"] = new JsonArray(artist.Id.ToString()), ["department_mentions"] = new JsonArray(),
            });
        });
        var clientComment = await factory.CreateCommentAsync(task, client, c => c.Text = "Client wish");
        var playlist = new Playlist { Name = Unique("Daily"), ProjectId = project.Id, EpisodeId = episode.Id, ForEntity = "shot", IsForAll = true };
        var subscription = new Subscription { PersonId = artist.Id, TaskId = task.Id };
        Notification Make(string type, Person author, int minutes, Action<Notification>? configure = null)
        {
            var n = new Notification { Type = type, PersonId = artist.Id, AuthorId = author.Id, TaskId = task.Id, CreatedAt = Start.AddMinutes(minutes) };
            configure?.Invoke(n);
            return n;
        }
        var mention = Make("mention", manager, 1, n => { n.CommentId = comment.Id; n.Change = true; });
        var fromClient = Make("comment", client, 2, n => n.CommentId = clientComment.Id);
        var reply = Make("reply", manager, 3, n => { n.CommentId = comment.Id; n.ReplyId = replyId; });
        var assignation = Make("assignation", manager, 4);
        var ready = Make("playlist-ready", manager, 5, n => { n.TaskId = null; n.PlaylistId = playlist.Id; });
        await factory.Save(playlist, subscription, mention, fromClient, reply, assignation, ready,
            new CommentPreviewLink { Comment = comment.Id, PreviewFile = preview.Id },
            new CommentMention { Comment = comment.Id, Person = artist.Id },
            new CommentDepartmentMention { Comment = comment.Id, Department = department.Id });
        return new Inbox(artist, manager, project, episode, shot, task, comment, preview, mention, fromClient, reply, assignation, ready,
            playlist, subscription, department);
    }

    [Fact]
    public async Task The_list_holds_the_callers_notifications_newest_first_in_kitsus_row_format()
    {
        var inbox = await SeedAsync();
        var client = await factory.ClientForAsync(inbox.Artist);

        var rows = await ArrayAsync(await client.GetAsync("/api/data/user/notifications"));
        Assert.Equal([inbox.Playlist.Id, inbox.Assignation.Id, inbox.Reply.Id, inbox.ClientComment.Id, inbox.Mention.Id],
            rows.Select(r => Guid.Parse((string)r!["id"]!)));
        foreach (var row in rows) Assert.Equal(RowKeys, row!.AsObject().Select(p => p.Key));

        var mention = rows[4]!;
        AssertJsonEqual(new JsonObject
        {
            ["id"] = inbox.Mention.Id.ToString(), ["type"] = "Notification", ["notification_type"] = "mention",
            ["author_id"] = inbox.Manager.Id.ToString(), ["comment_id"] = inbox.Comment.Id.ToString(), ["task_id"] = inbox.Task.Id.ToString(),
            ["task_type_id"] = inbox.Task.TaskTypeId.ToString(), ["task_status_id"] = inbox.Comment.TaskStatusId.ToString(),
            ["mentions"] = new JsonArray(inbox.Artist.Id.ToString()), ["department_mentions"] = new JsonArray(inbox.Department.Id.ToString()),
            ["reply_mentions"] = new JsonArray(), ["reply_department_mentions"] = new JsonArray(),
            ["preview_file_id"] = inbox.Preview.Id.ToString(), ["project_id"] = inbox.Project.Id.ToString(), ["project_name"] = inbox.Project.Name,
            ["comment_text"] = "Look @artist", ["reply_text"] = "", ["created_at"] = "2026-03-01T10:01:00", ["read"] = false, ["change"] = true,
            ["full_entity_name"] = "E01 / SQ01 / SH010", ["episode_id"] = inbox.Episode.Id.ToString(),
            ["entity_preview_file_id"] = (await factory.WithDb(db => db.Entities.SingleAsync(e => e.Id == inbox.Shot.Id))).PreviewFileId.ToString(),
            ["subscription_id"] = inbox.Subscription.Id.ToString(), ["playlist_id"] = null, ["playlist_name"] = "", ["playlist_for_entity"] = "",
            ["playlist_is_for_all"] = false,
        }, mention);

        var reply = rows[2]!;
        Assert.Equal("A reply", (string?)reply["reply_text"]);
        Assert.Equal([inbox.Artist.Id.ToString()], reply["reply_mentions"]!.AsArray().Select(m => (string?)m));
        // An artist does not read what a client wrote.
        Assert.Equal(("", ""), ((string?)rows[3]!["comment_text"], (string?)rows[3]!["reply_text"]));
        Assert.Null(rows[1]!["comment_text"]);
        Assert.Null(rows[1]!["comment_id"]);
        var playlist = rows[0]!;
        Assert.Equal((inbox.PlaylistRow.Name, "shot", true), ((string?)playlist["playlist_name"], (string?)playlist["playlist_for_entity"], (bool)playlist["playlist_is_for_all"]!));
        Assert.Equal((inbox.Project.Id.ToString(), inbox.Project.Name, inbox.Episode.Id.ToString(), ""),
            ((string?)playlist["project_id"], (string?)playlist["project_name"], (string?)playlist["episode_id"], (string?)playlist["full_entity_name"]));

        // The manager reads the client's words.
        Assert.Empty(await ArrayAsync(await (await factory.ClientForAsync(inbox.Manager)).GetAsync("/api/data/user/notifications")));
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_malformed_ones_answer_400()
    {
        var inbox = await SeedAsync();
        var client = await factory.ClientForAsync(inbox.Artist);
        async Task<List<Guid>> Ids(string query) =>
            [.. (await ArrayAsync(await client.GetAsync($"/api/data/user/notifications?{query}"))).Select(r => Guid.Parse((string)r!["id"]!))];

        Assert.Equal([inbox.Mention.Id], await Ids("type=mention"));
        Assert.Equal([inbox.Reply.Id, inbox.ClientComment.Id], await Ids("after=2026-03-01T10:01:00&before=2026-03-01T10:04:00"));
        Assert.Equal(4, (await Ids($"task_type_id={inbox.Task.TaskTypeId}")).Count);
        Assert.Equal(4, (await Ids($"task_status_id={inbox.Task.TaskStatusId}")).Count);
        Assert.Empty(await Ids($"task_status_id={Guid.NewGuid()}"));
        Assert.Equal(4, (await Ids("watching=true")).Count);
        Assert.Equal([inbox.Playlist.Id], await Ids("watching=false"));
        await factory.WithDb(db => db.Notifications.Where(n => n.Id == inbox.Reply.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Read, true)));
        Assert.Equal([inbox.Reply.Id], await Ids("read=true"));
        Assert.Equal(4, (await Ids("read=false")).Count);

        await (await client.GetAsync("/api/data/user/notifications?task_type_id=nope"))
            .AssertWrongParameterAsync("Invalid UUID format for task_type_id: nope");
        await (await client.GetAsync("/api/data/user/notifications?task_status_id=1"))
            .AssertWrongParameterAsync("Invalid UUID format for task_status_id: 1");
        await (await client.GetAsync("/api/data/user/notifications?after=yesterday"))
            .AssertWrongParameterAsync("Wrong date format for after or before.");
    }

    [Fact]
    public async Task The_list_runs_the_same_number_of_queries_for_one_row_or_many()
    {
        var inbox = await SeedAsync();
        var client = await factory.ClientForAsync(inbox.Artist);
        async Task<int> CountAsync(string query)
        {
            using var counter = await SqlCommandCounter.StartAsync(factory);
            var response = await client.GetAsync($"/api/data/user/notifications?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
            return counter.Count;
        }
        var few = await CountAsync("");
        for (var i = 0; i < 6; i++)
        {
            var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(inbox.Project, "Character"), inbox.Artist);
            var comment = await factory.CreateCommentAsync(task, inbox.Manager);
            await factory.Save(new Notification { Type = "comment", PersonId = inbox.Artist.Id, AuthorId = inbox.Manager.Id, TaskId = task.Id, CommentId = comment.Id },
                new CommentPreviewLink { Comment = comment.Id, PreviewFile = (await factory.CreatePreviewAsync(task)).Id },
                new CommentMention { Comment = comment.Id, Person = inbox.Artist.Id });
        }
        Assert.Equal(11, (await ArrayAsync(await client.GetAsync("/api/data/user/notifications"))).Count);
        Assert.Equal(few, await CountAsync(""));
    }

    [Fact]
    public async Task One_notification_is_read_and_marked_by_its_owner_only()
    {
        var inbox = await SeedAsync();
        var owner = await factory.ClientForAsync(inbox.Artist);
        var other = await factory.ClientForAsync(await factory.CreatePersonAsync());
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

        var one = await owner.GetAsync($"/api/data/user/notifications/{inbox.Mention.Id}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var row = await one.ReadJsonObjectAsync();
        Assert.Equal(RowKeys, row.Select(p => p.Key));
        Assert.Equal("E01 / SQ01 / SH010", (string?)row["full_entity_name"]);

        foreach (var intruder in new[] { other, admin })
        {
            await (await intruder.GetAsync($"/api/data/user/notifications/{inbox.Mention.Id}"))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            await (await intruder.PutAsJsonAsync($"/api/data/user/notifications/{inbox.Mention.Id}", new { read = true }))
                .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
            Assert.Equal(HttpStatusCode.OK, (await intruder.PostAsync("/api/actions/user/notifications/mark-all-as-read", null)).StatusCode);
        }
        Assert.False(await factory.WithDb(db => db.Notifications.Where(n => n.Id == inbox.Mention.Id).Select(n => n.Read).SingleAsync()));
        await (await owner.GetAsync("/api/data/user/notifications/nope"))
            .AssertWrongParameterAsync("Invalid UUID format for notification_id: nope");

        var marked = await owner.PutAsJsonAsync($"/api/data/user/notifications/{inbox.Mention.Id}", new { read = true });
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var body = await marked.ReadJsonObjectAsync();
        Assert.Equal(["read", "change", "type", "person_id", "author_id", "comment_id", "task_id", "playlist_id", "reply_id", "id", "created_at",
            "updated_at", "notification_type"], body.Select(p => p.Key));
        Assert.Equal((true, "Notification", "mention"), ((bool)body["read"]!, (string?)body["type"], (string?)body["notification_type"]));
        var unmarked = await (await owner.PutAsJsonAsync($"/api/data/user/notifications/{inbox.Mention.Id}", new { read = false })).ReadJsonObjectAsync();
        Assert.False((bool)unmarked["read"]!);
        Assert.Equal(["notification:read", "notification:unread"], await factory.EventsAsync("notification_id", inbox.Mention.Id));
        var invalid = await owner.PutAsJsonAsync($"/api/data/user/notifications/{inbox.Mention.Id}", new { read = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Marking_all_as_read_touches_only_the_callers_notifications()
    {
        var inbox = await SeedAsync();
        var neighbour = await SeedAsync();
        var client = await factory.ClientForAsync(inbox.Artist);

        var response = await client.PostAsync("/api/actions/user/notifications/mark-all-as-read", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertJsonEqual(new JsonObject { ["success"] = true }, await response.JsonAsync());
        Assert.Empty(await ArrayAsync(await client.GetAsync("/api/data/user/notifications?read=false")));
        Assert.Equal(5, await factory.WithDb(db => db.Notifications.CountAsync(n => n.PersonId == neighbour.Artist.Id && !n.Read)));
        Assert.Equal(["notification:all-read"], await factory.EventsAsync("person_id", inbox.Artist.Id));
    }

    [Fact]
    public async Task Bots_are_refused()
    {
        var bot = await factory.BotClientAsync("admin");
        await (await bot.GetAsync("/api/data/user/notifications")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await bot.PostAsync("/api/actions/user/notifications/mark-all-as-read", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
