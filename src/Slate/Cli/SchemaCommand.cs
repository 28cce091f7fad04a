using Microsoft.EntityFrameworkCore;
using Slate.Data;

namespace Slate.Cli;

/// <summary>
/// `init-db` and `upgrade-db`: both apply the migrations the database lacks (all of them on an
/// empty one), on SQLite or PostgreSQL, and tell which ones ran.
/// </summary>
public sealed class SchemaCommand(string name, string summary) : Command
{
    public static SchemaCommand InitDb() => new("init-db",
        "Create the database schema: apply every migration to an empty database.");

    public static SchemaCommand UpgradeDb() => new("upgrade-db",
        "Apply the schema migrations this database lacks. `serve` does it too before it answers.");

    public override string Name => name;
    public override string Summary => summary;
    public override string Usage => "";
    public override string Details => "";

    public override Task<int> Run(string[] args, CommandContext context)
    {
        Arguments.Parse(args, []);
        return context.WithServices(async services =>
        {
            var db = services.GetRequiredService<SlateDb>();
            var pending = (await db.Database.GetPendingMigrationsAsync(context.Stop)).ToList();
            await DatabaseStartup.Migrate(db, context.Stop);
            foreach (var migration in pending) context.Out.WriteLine($"Applied {migration}.");
            context.Out.WriteLine(pending.Count == 0 ? "The schema is up to date." : $"The schema is up to date ({pending.Count} migration(s) applied).");
            return 0;
        }, upgradeSchema: false);
    }
}
