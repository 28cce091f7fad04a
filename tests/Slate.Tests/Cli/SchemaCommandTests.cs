using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class SchemaCommandTests : IAsyncLifetime
{
    readonly CommandRunner slate = new();
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Fact]
    public async Task Init_db_creates_the_schema_and_upgrade_db_then_finds_nothing_to_do()
    {
        var init = await slate.Run("init-db");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("Applied ", init.Output);
        Assert.Equal(0, await slate.WithDb(async db => (await db.Database.GetPendingMigrationsAsync()).Count()));
        Assert.Equal(0, await slate.WithDb(db => db.Persons.CountAsync()));

        var upgrade = await slate.Run("upgrade-db");
        Assert.Equal(0, upgrade.ExitCode);
        Assert.Equal("The schema is up to date.", upgrade.Output.Trim());
    }
}
