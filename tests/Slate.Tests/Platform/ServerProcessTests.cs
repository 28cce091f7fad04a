using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Slate.Cli;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>The server as a child process that can be killed (crash tests build on it).</summary>
public sealed class ServerProcessTests : IAsyncLifetime
{
    readonly TestDatabase database = new();
    public Task InitializeAsync() => database.CreateAsync();
    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_killed_server_starts_again_on_the_same_data()
    {
        var context = new CommandContext(new StringWriter(), new StringWriter(), database.Settings);
        Assert.Equal(0, await CommandLine.RunAsync(["create-admin", "crash@studio.com", "--password", "crash-password"], context));
        var name = TestData.Unique("Dept");

        string id;
        await using (var server = await ServerProcess.StartAsync(database.Settings))
        {
            await LogInAsync(server.Http);
            var created = await server.Http.PostAsJsonAsync("/api/data/departments", new { name, color = "#112233" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (string)(await created.ReadJsonObjectAsync())["id"]!;

            server.Kill();
            Assert.True(server.HasExited);
        }

        await using var restarted = await ServerProcess.StartAsync(database.Settings);
        await LogInAsync(restarted.Http);
        var department = await (await restarted.Http.GetAsync($"/api/data/departments/{id}")).ReadJsonObjectAsync();
        Assert.Equal(name, (string?)department["name"]);
    }

    static async Task LogInAsync(HttpClient http)
    {
        var login = await http.LoginAsync("crash@studio.com", "crash-password");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)login["access_token"]!);
    }
}
