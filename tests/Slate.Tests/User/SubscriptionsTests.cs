using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.User;

/// <summary>The caller's task and sequence subscriptions (behavior-services.md §2.4).</summary>
public class SubscriptionsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] Keys = ["person_id", "task_id", "entity_id", "task_type_id", "id", "created_at", "updated_at", "type"];

    Task<int> SubscriptionsOfAsync(Guid personId) => factory.WithDb(db => db.Subscriptions.CountAsync(s => s.PersonId == personId));

    [Fact]
    public async Task A_team_member_follows_and_stops_following_a_task()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (other, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var client = await factory.ClientForAsync(artist);

        var first = await client.PostAsync($"/api/actions/user/tasks/{task.Id}/subscribe", null);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var subscription = await first.ReadJsonObjectAsync();
        Assert.Equal(Keys, subscription.Select(p => p.Key));
        Assert.Equal((artist.Id.ToString(), task.Id.ToString(), null, "Subscription"),
            ((string?)subscription["person_id"], (string?)subscription["task_id"], (string?)subscription["entity_id"], (string?)subscription["type"]));
        var again = await (await client.PostAsync($"/api/actions/user/tasks/{task.Id}/subscribe", null)).ReadJsonObjectAsync();
        Assert.Equal((string?)subscription["id"], (string?)again["id"]);
        Assert.Equal(1, await SubscriptionsOfAsync(artist.Id));

        var subscribed = await client.GetAsync($"/api/data/user/tasks/{task.Id}/subscribed");
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Equal("true", await subscribed.Content.ReadAsStringAsync());
        Assert.Equal("false", await (await (await factory.ClientForAsync(other)).GetAsync($"/api/data/user/tasks/{task.Id}/subscribed")).Content.ReadAsStringAsync());
        // Another person's unsubscribing leaves the artist's subscription alone.
        Assert.Equal(HttpStatusCode.NoContent, (await (await factory.ClientForAsync(other)).DeleteAsync($"/api/actions/user/tasks/{task.Id}/unsubscribe")).StatusCode);
        Assert.Equal(1, await SubscriptionsOfAsync(artist.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/actions/user/tasks/{task.Id}/unsubscribe")).StatusCode);
        Assert.Equal("false", await (await client.GetAsync($"/api/data/user/tasks/{task.Id}/subscribed")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/actions/user/tasks/{task.Id}/unsubscribe")).StatusCode);
    }

    [Fact]
    public async Task Following_a_task_needs_access_to_it()
    {
        var outsider = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (vendor, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var outsiderClient = await factory.ClientForAsync(outsider);

        await (await outsiderClient.PostAsync($"/api/actions/user/tasks/{task.Id}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(vendor)).PostAsync($"/api/actions/user/tasks/{task.Id}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsiderClient.PostAsync($"/api/actions/user/tasks/{Guid.NewGuid()}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await outsiderClient.PostAsync("/api/actions/user/tasks/nope/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await outsiderClient.GetAsync("/api/data/user/tasks/nope/subscribed"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(0, await SubscriptionsOfAsync(outsider.Id));
        Assert.Equal(0, await SubscriptionsOfAsync(vendor.Id));

        // A vendor follows the tasks assigned to them.
        var assigned = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), vendor);
        Assert.Equal(HttpStatusCode.Created, (await (await factory.ClientForAsync(vendor)).PostAsync($"/api/actions/user/tasks/{assigned.Id}/subscribe", null)).StatusCode);
    }

    [Fact]
    public async Task Many_tasks_are_followed_and_left_at_once()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var elsewhere = await factory.CreateProjectAsync(true);
        var t1 = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var t2 = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var foreign = await factory.CreateTaskAsync(await factory.CreateEntityAsync(elsewhere, "Shot"));
        var client = await factory.ClientForAsync(artist);

        await (await client.PostAsJsonAsync("/api/actions/user/tasks/subscribe", new { task_ids = new[] { t1.Id, foreign.Id } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync("/api/actions/user/tasks/subscribe", new { task_ids = new[] { t1.Id, Guid.NewGuid() } }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(0, await SubscriptionsOfAsync(artist.Id));
        var empty = await client.PostAsJsonAsync("/api/actions/user/tasks/subscribe", new { task_ids = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        AssertJsonEqual(JsonNode.Parse("""{"error":true,"message":"Validation error.","data":{"errors":[{"field":"task_ids","message":"List should have at least 1 item after validation, not 0"}]}}""")!,
            await empty.JsonAsync());

        await client.PostAsync($"/api/actions/user/tasks/{t1.Id}/subscribe", null);
        var created = await client.PostAsJsonAsync("/api/actions/user/tasks/subscribe", new { task_ids = new[] { t1.Id, t2.Id } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rows = (await created.JsonAsync()).AsArray();
        Assert.Equal([t1.Id.ToString(), t2.Id.ToString()], rows.Select(r => (string?)r!["task_id"]));
        Assert.Equal(2, await SubscriptionsOfAsync(artist.Id));

        var left = await client.PostAsJsonAsync("/api/actions/user/tasks/unsubscribe", new { task_ids = new[] { t1.Id, t2.Id } });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        AssertJsonEqual(new JsonArray(t1.Id.ToString(), t2.Id.ToString()), await left.JsonAsync());
        Assert.Equal(0, await SubscriptionsOfAsync(artist.Id));
    }

    [Fact]
    public async Task A_team_member_follows_a_sequence_for_a_task_type()
    {
        var artist = await factory.CreatePersonAsync();
        var outsider = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var client = await factory.ClientForAsync(artist);
        var path = $"/task-types/{taskType.Id}";

        var created = await client.PostAsync($"/api/actions/user/sequences/{sequence.Id}{path}/subscribe", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = await created.ReadJsonObjectAsync();
        Assert.Equal(Keys, subscription.Select(p => p.Key));
        Assert.Equal((null, sequence.Id.ToString(), taskType.Id.ToString()),
            ((string?)subscription["task_id"], (string?)subscription["entity_id"], (string?)subscription["task_type_id"]));
        Assert.Equal((string?)subscription["id"],
            (string?)(await (await client.PostAsync($"/api/actions/user/sequences/{sequence.Id}{path}/subscribe", null)).ReadJsonObjectAsync())["id"]);

        foreach (var kind in new[] { "sequences", "entities" })
            Assert.Equal("true", await (await client.GetAsync($"/api/data/user/{kind}/{sequence.Id}{path}/subscribed")).Content.ReadAsStringAsync());
        Assert.Equal("false", await (await (await factory.ClientForAsync(outsider)).GetAsync($"/api/data/user/sequences/{sequence.Id}{path}/subscribed")).Content.ReadAsStringAsync());
        AssertJsonEqual(new JsonArray(sequence.Id.ToString()),
            await (await client.GetAsync($"/api/data/user/projects/{project.Id}{path}/sequence-subscriptions")).JsonAsync());
        AssertJsonEqual(new JsonArray(),
            await (await client.GetAsync($"/api/data/user/projects/{(await factory.CreateProjectAsync(true, (artist, null))).Id}{path}/sequence-subscriptions")).JsonAsync());

        await (await (await factory.ClientForAsync(outsider)).PostAsync($"/api/actions/user/sequences/{sequence.Id}{path}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsync($"/api/actions/user/sequences/{sequence.Id}/task-types/{Guid.NewGuid()}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsync($"/api/actions/user/sequences/{Guid.NewGuid()}{path}/subscribe", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(0, await SubscriptionsOfAsync(outsider.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/actions/user/sequences/{sequence.Id}{path}/unsubscribe")).StatusCode);
        Assert.Equal("false", await (await client.GetAsync($"/api/data/user/entities/{sequence.Id}{path}/subscribed")).Content.ReadAsStringAsync());
        Assert.Equal(0, await SubscriptionsOfAsync(artist.Id));
    }

    [Fact]
    public async Task Bots_are_refused()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true, (admin, null)), "Shot"));
        var bot = await factory.BotClientAsync("admin");
        await (await bot.PostAsync($"/api/actions/user/tasks/{task.Id}/subscribe", null)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await bot.GetAsync($"/api/data/user/tasks/{task.Id}/subscribed")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await factory.WithDb(db => db.Subscriptions.CountAsync(s => s.TaskId == task.Id)));
    }
}
