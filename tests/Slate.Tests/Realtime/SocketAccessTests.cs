using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Realtime;

/// <summary>/events sockets close when the access they were opened with ends.</summary>
public class SocketAccessTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>The server closes the socket; events published before may still come first.</summary>
    internal static async Task AssertClosedAsync(SocketTestClient socket)
    {
        while (await socket.NextAsync() is { } packet) Assert.StartsWith("42/events,", packet);
    }

    [Fact]
    public async Task Logout_closes_the_sockets_of_that_token_only()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);
        await using var loggedOut = await factory.ListenAsync(client);
        await using var otherSession = await factory.ListenAsync(await factory.ClientForAsync(person));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/logout")).StatusCode);

        await AssertClosedAsync(loggedOut);
        await factory.EmitOutsideRequestAsync("test:marker");
        Assert.Equal("test:marker", (await otherSession.NextEventAsync()).Name);
    }

    [Fact]
    public async Task A_password_change_closes_the_persons_sockets()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);
        await using var socket = await factory.ListenAsync(client);

        var response = await client.PostAsJsonAsync("/api/auth/change-password",
            new { old_password = TestData.Password, password = "another-secret-1", password_2 = "another-secret-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await AssertClosedAsync(socket);
    }

    [Fact]
    public async Task Deactivating_or_deleting_a_person_closes_their_sockets_and_no_one_elses()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var deactivated = await factory.CreatePersonAsync();
        var deleted = await factory.CreatePersonAsync();
        var bystander = await factory.CreatePersonAsync();
        await using var deactivatedSocket = await factory.ListenAsync(await factory.ClientForAsync(deactivated));
        await using var deletedSocket = await factory.ListenAsync(await factory.ClientForAsync(deleted));
        await using var bystanderSocket = await factory.ListenAsync(await factory.ClientForAsync(bystander));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/persons/{deactivated.Id}", new { active = false })).StatusCode);
        await AssertClosedAsync(deactivatedSocket);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/persons/{deleted.Id}?force=true")).StatusCode);
        await AssertClosedAsync(deletedSocket);

        // The changes' own events (person:update, person:delete) come first, then the marker: the bystander is still served.
        await factory.EmitOutsideRequestAsync("test:marker");
        while ((await bystanderSocket.NextEventAsync()).Name != "test:marker") { }
    }

    [Fact]
    public async Task A_new_bot_token_closes_the_sockets_of_the_old_one()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var bot = await factory.BotClientAsync();
        var botId = (string)(await bot.GetFromJsonAsync<JsonObject>("/api/auth/authenticated"))!["user"]!["id"]!;
        await using var socket = await factory.ListenAsync(bot);

        var renewed = await admin.PutAsJsonAsync($"/api/data/persons/{botId}", new { expiration_date = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);

        await AssertClosedAsync(socket);
    }

    [Fact]
    public async Task A_socket_closes_when_its_token_expires()
    {
        var person = await factory.CreatePersonAsync();
        // Long enough to open the socket on a busy machine, short enough for the client's patience.
        var (token, _) = factory.Services.GetRequiredService<Tokens>().Issue(person.Id, Tokens.Access, "person", TimeSpan.FromSeconds(8));
        await using var socket = await SocketTestClient.JoinAsync(factory, "/events", bearer: token);
        Assert.StartsWith("40/events,", await socket.NextAsync());

        await AssertClosedAsync(socket);
    }
}
