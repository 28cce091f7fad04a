using Microsoft.EntityFrameworkCore;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class ServeCommandTests : IAsyncLifetime
{
    readonly CommandRunner slate = new();
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Fact]
    public async Task The_first_start_creates_an_admin_and_prints_its_password_once()
    {
        string firstOutput;
        await using (var first = await slate.Serve()) firstOutput = first.Output;

        var password = firstOutput.Split('\n').Single(line => line.Contains("password:")).Split("password:")[1].Trim();
        var admin = await slate.WithDb(db => db.Persons.SingleAsync(p => p.Email == Accounts.FirstAdminEmail));
        Assert.Equal("admin", admin.Role);
        Assert.True(Passwords.Verify(password, admin.Password));

        await using (var second = await slate.Serve())
            Assert.DoesNotContain("password", second.Output);
        Assert.Equal(1, await slate.WithDb(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task A_database_with_an_admin_gets_no_first_run_account()
    {
        await slate.Run("create-admin", "boss@studio.com", "--password", "boss-password");

        await using (var server = await slate.Serve())
            Assert.DoesNotContain("password", server.Output);
        Assert.Equal(1, await slate.WithDb(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task The_server_answers_on_the_address_it_prints()
    {
        await using var server = await slate.Serve();
        var address = server.Output.Split(" is serving ")[1].Split(' ')[0];

        using var http = new HttpClient();
        var body = await http.GetStringAsync($"{address}/api/");

        Assert.Contains("\"version\":\"1.0.67\"", body);
    }
}
