using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;
using Slate.Tests.Comments;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>
/// Zou's persist=False events (acknowledgements, deleted replies, new notifications, the test
/// event...) reach the sockets like the others, after their unit of work commits, and are never
/// in the event log.
/// </summary>
public class NotPersistedEventTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<SocketTestClient> ListenAsync(HttpClient client)
    {
        var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: SocketTestClient.TokenOf(client));
        Assert.StartsWith("40/events,", await socket.NextAsync());
        return socket;
    }

    /// <summary>The next event of that name on the socket, the others skipped.</summary>
    static async Task<JsonObject> NextAsync(SocketTestClient socket, string name)
    {
        while (true)
        {
            var (received, data) = await socket.NextEventAsync();
            if (received == name) return data;
        }
    }

    /// <summary>The names in the event log of the project (of every project without one), read by an admin.</summary>
    async Task<List<string?>> LoggedNamesAsync(Guid? projectId = null)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var query = projectId is null ? "" : $"?project_id={projectId}";
        var rows = await Responses.ArrayAsync(await admin.GetAsync($"/api/data/events/last{query}"));
        return [.. rows.Select(r => (string?)r!["name"])];
    }

    [Fact]
    public async Task The_test_event_reaches_every_socket_and_is_not_logged()
    {
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await using var socket = await ListenAsync(artist);

        var response = await factory.CreateClient().GetAsync("/api/status/test-event");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["success"] = true }, await response.ReadJsonObjectAsync());
        var (name, data) = await socket.NextEventAsync();
        Assert.Equal("main:test", name);
        Assert.Empty(data);
        Assert.DoesNotContain("main:test", await LoggedNamesAsync());
    }

    [Fact]
    public async Task Acknowledging_a_comment_and_deleting_a_reply_send_events_that_are_not_logged()
    {
        var s = await factory.CreateCommentSceneAsync();
        var comment = await factory.CreateCommentAsync(s.Task, s.AdminPerson);
        await using var socket = await ListenAsync(s.Admin);
        var ack = $"/api/data/tasks/{s.Task.Id}/comments/{comment.Id}/ack";

        Assert.Equal(HttpStatusCode.OK, (await s.ArtistClient.PostAsync(ack, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.ArtistClient.PostAsync(ack, null)).StatusCode);
        var reply = await (await s.ArtistClient.PostAsJsonAsync($"/api/data/tasks/{s.Task.Id}/comments/{comment.Id}/reply", new { text = "seen" }))
            .ReadJsonObjectAsync();
        var replyId = (string)reply["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await s.ArtistClient.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{comment.Id}/reply/{replyId}")).StatusCode);

        var acknowledged = new JsonObject
        {
            ["comment_id"] = comment.Id.ToString(), ["person_id"] = s.Artist.Id.ToString(), ["project_id"] = s.Project.Id.ToString(),
        };
        Responses.AssertJsonEqual(acknowledged, await NextAsync(socket, "comment:acknowledge"));
        Responses.AssertJsonEqual(acknowledged, await NextAsync(socket, "comment:unacknowledge"));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["task_id"] = s.Task.Id.ToString(), ["comment_id"] = comment.Id.ToString(), ["reply_id"] = replyId, ["project_id"] = s.Project.Id.ToString(),
        }, await NextAsync(socket, "comment:delete-reply"));
        var logged = await LoggedNamesAsync(s.Project.Id);
        Assert.Contains("comment:reply", logged);
        Assert.DoesNotContain("comment:acknowledge", logged);
        Assert.DoesNotContain("comment:unacknowledge", logged);
        Assert.DoesNotContain("comment:delete-reply", logged);
    }

    [Fact]
    public async Task A_notification_sends_notification_new_after_the_comment_and_is_not_logged()
    {
        var s = await factory.CreateCommentSceneAsync();
        await using var socket = await ListenAsync(s.ArtistClient);

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, "for the assignee")).StatusCode);

        var data = await NextAsync(socket, "notification:new");
        var notification = await factory.WithDb(db => Task.FromResult(db.Notifications.Single(n => n.TaskId == s.Task.Id)));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["notification_id"] = notification.Id.ToString(), ["person_id"] = s.Artist.Id.ToString(), ["project_id"] = s.Project.Id.ToString(),
        }, data);
        var logged = await LoggedNamesAsync(s.Project.Id);
        Assert.Contains("comment:new", logged);
        Assert.DoesNotContain("notification:new", logged);
    }

    [Fact]
    public async Task Joining_and_leaving_a_chat_send_events_of_no_project_that_are_not_logged()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var client = await factory.ClientForAsync(artist);
        await using var socket = await ListenAsync(client);

        var chat = await (await client.PostAsync($"/api/actions/user/chats/{shot.Id}/join", null)).ReadJsonObjectAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/actions/user/chats/{shot.Id}/join")).StatusCode);

        var expected = new JsonObject { ["chat_id"] = (string?)chat["id"], ["person_id"] = artist.Id.ToString() };
        Responses.AssertJsonEqual(expected, await NextAsync(socket, "chat:joined"));
        Responses.AssertJsonEqual(expected, await NextAsync(socket, "chat:left"));
        var logged = await LoggedNamesAsync();
        Assert.DoesNotContain("chat:joined", logged);
        Assert.DoesNotContain("chat:left", logged);
    }

    [Fact]
    public async Task Events_not_persisted_go_with_their_unit_of_work_in_order_and_a_rolled_back_one_sends_none()
    {
        var admin = await factory.CreatePersonAsync("admin");
        await using var socket = await ListenAsync(await factory.ClientForAsync(admin));

        // Rolled back: emitted before the save of a transaction, and after it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (db, events) = (scope.ServiceProvider.GetRequiredService<SlateDb>(), scope.ServiceProvider.GetRequiredService<Events>());
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Departments.Add(new Department { Name = TestData.Unique("Dept") });
            events.Emit("test:rolled-back-saved", [], null, persist: false);
            await db.SaveChangesAsync();
            events.Emit("test:rolled-back", [], null, persist: false);
            await transaction.RollbackAsync();
        }
        // Committed: an event not persisted emitted among rows goes with their save, in its place.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (db, events) = (scope.ServiceProvider.GetRequiredService<SlateDb>(), scope.ServiceProvider.GetRequiredService<Events>());
            events.Emit("test:first", [], null);
            events.Emit("test:live", [], null, persist: false);
            events.Emit("test:last", [], null);
            await db.SaveChangesAsync();
        }

        Assert.Equal("test:first", (await socket.NextEventAsync()).Name);
        Assert.Equal("test:live", (await socket.NextEventAsync()).Name);
        Assert.Equal("test:last", (await socket.NextEventAsync()).Name);
        var logged = await LoggedNamesAsync();
        Assert.Contains("test:first", logged);
        Assert.DoesNotContain("test:live", logged);
    }
}
