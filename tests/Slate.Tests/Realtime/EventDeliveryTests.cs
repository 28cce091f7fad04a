using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;
using Slate.Tests.Comments;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>Committed events reach the /events sockets of those who may read their project, in order, and only once committed.</summary>
public class EventDeliveryTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<SocketTestClient> ListenAsync(HttpClient client) => factory.ListenAsync(client);

    Task EmitAsync(string name, Guid? projectId, bool rollBack = false, int count = 1) => factory.EmitOutsideRequestAsync(name, projectId, rollBack, count);

    [Fact]
    public async Task A_comment_with_a_status_change_sends_comment_new_and_task_update_without_the_event_id()
    {
        var s = await factory.CreateCommentSceneAsync();
        await using var socket = await ListenAsync(s.ArtistClient);

        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, "started")).StatusCode);

        var received = new Dictionary<string, JsonObject>();
        while (!received.ContainsKey("comment:new") || !received.ContainsKey("task:update"))
        {
            var (name, data) = await socket.NextEventAsync();
            received.TryAdd(name, data);
        }
        Assert.Equal(s.Task.Id.ToString(), (string)received["task:update"]["task_id"]!);
        Assert.Equal(s.Project.Id.ToString(), (string)received["task:update"]["project_id"]!);
        Assert.NotNull(received["comment:new"]["comment_id"]);
        Assert.All(received.Values, data => Assert.False(data.ContainsKey("id")));
    }

    [Fact]
    public async Task A_rolled_back_unit_of_work_sends_nothing_and_events_keep_their_order()
    {
        var admin = await factory.CreatePersonAsync("admin");
        await using var socket = await ListenAsync(await factory.ClientForAsync(admin));
        var project = await factory.CreateProjectAsync();

        await EmitAsync("test:rolled-back", project.Id, rollBack: true);
        await EmitAsync("test:first", project.Id);
        await EmitAsync("test:second", null);

        Assert.Equal("test:first", (await socket.NextEventAsync()).Name);
        var (name, data) = await socket.NextEventAsync();
        Assert.Equal("test:second", name);
        Assert.Equal("test:second", (string)data["marker"]!);
    }

    [Fact]
    public async Task A_transaction_abandoned_without_commit_sends_nothing_even_when_its_context_saves_again()
    {
        var admin = await factory.CreatePersonAsync("admin");
        await using var socket = await ListenAsync(await factory.ClientForAsync(admin));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        var events = scope.ServiceProvider.GetRequiredService<Events>();

        await using (await db.Database.BeginTransactionAsync())
        {
            events.Emit("test:abandoned", [], null);
            await db.SaveChangesAsync();
        }
        events.Emit("test:saved-after", [], null);
        await db.SaveChangesAsync();

        Assert.Equal("test:saved-after", (await socket.NextEventAsync()).Name);
    }

    [Fact]
    public async Task Events_of_a_project_reach_its_team_and_admins_only_and_events_of_no_project_reach_everyone()
    {
        var member = await factory.CreatePersonAsync();
        var outsider = await factory.CreatePersonAsync();
        var admin = await factory.CreatePersonAsync("admin");
        var project = await factory.CreateProjectAsync(true, (member, null));
        var other = await factory.CreateProjectAsync(true, (outsider, null));
        await using var memberSocket = await ListenAsync(await factory.ClientForAsync(member));
        await using var adminSocket = await ListenAsync(await factory.ClientForAsync(admin));

        await EmitAsync("test:other-project", other.Id);
        await EmitAsync("test:own-project", project.Id);
        await EmitAsync("test:no-project", null);

        Assert.Equal("test:own-project", (await memberSocket.NextEventAsync()).Name);
        Assert.Equal("test:no-project", (await memberSocket.NextEventAsync()).Name);
        Assert.Equal("test:other-project", (await adminSocket.NextEventAsync()).Name);
        Assert.Equal("test:own-project", (await adminSocket.NextEventAsync()).Name);
    }

    [Fact]
    public async Task A_default_namespace_socket_receives_no_events()
    {
        await using var socket = await SocketTestClient.JoinAsync(factory, "/");
        Assert.StartsWith("40{", await socket.NextAsync());
        await socket.SendAsync("40/events,");
        Assert.StartsWith("44/events,", await socket.NextAsync());
        await EmitAsync("test:nobody", null);
        await socket.SendAsync("40");
        Assert.StartsWith("40{", await socket.NextAsync());
    }

    // Issue 9's benchmark (bench/): 500 sockets receive bursts of 1,000 events.
    const int Burst = 1500;

    [Fact]
    public async Task A_burst_larger_than_a_thousand_events_reaches_a_team_member_whole_and_in_order()
    {
        var member = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (member, null));
        await using var socket = await ListenAsync(await factory.ClientForAsync(member));

        await EmitAsync("test:burst", project.Id, count: Burst);

        for (var i = 0; i < Burst; i++)
        {
            var (name, data) = await socket.NextEventAsync();
            Assert.Equal("test:burst", name);
            Assert.Equal(i, (int)data["index"]!);
        }
    }

    [Fact]
    public async Task A_polling_client_that_does_not_poll_during_a_burst_of_more_than_a_thousand_events_is_not_dropped()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var http = await factory.ClientForAsync(admin);
        var open = await http.GetStringAsync(SocketTestClient.Open + "polling");
        var session = $"{SocketTestClient.Open}polling&sid={(string)JsonNode.Parse(open[1..])!["sid"]!}";
        Assert.Equal("ok", await (await http.PostAsync(session, new StringContent("40/events,"))).Content.ReadAsStringAsync());
        Assert.StartsWith("40/events,{\"sid\":", await http.GetStringAsync(session));

        await EmitAsync("test:burst", null, count: Burst);

        var events = new List<string>();
        while (events.Count < Burst)
        {
            var poll = await http.GetAsync(session);
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            events.AddRange((await poll.Content.ReadAsStringAsync()).Split('\x1e').Where(p => p.StartsWith("42/events,")));
        }
        Assert.Equal(Burst, events.Count);
        Assert.EndsWith($"\"index\":{Burst - 1}}}]", events[^1]);
    }

    [Fact]
    public async Task A_team_change_applies_to_the_events_that_follow_it_after_a_burst()
    {
        var member = await factory.CreatePersonAsync();
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync(true, (member, null));
        await using var socket = await ListenAsync(await factory.ClientForAsync(member));

        // The hub reads the team once for a burst; it must read it again once the member has left.
        await EmitAsync("test:burst", project.Id, count: Burst);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/projects/{project.Id}/team/{member.Id}")).StatusCode);
        await EmitAsync("test:after-leaving", project.Id);
        await EmitAsync("test:no-project", null);

        string name;
        do name = (await socket.NextEventAsync()).Name;
        while (name == "test:burst");
        Assert.Equal("test:no-project", name);
    }
}
