using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slate.Http;
using Slate.Security;

namespace Slate.Cli;

/// <summary>`serve`, the default: applies pending migrations, answers HTTP until stopped.</summary>
public sealed class ServeCommand : Command
{
    public override string Name => "serve";
    public override string Summary => "Start the server (the default command). Pending schema migrations are applied first.";
    public override string Usage => "[--urls http://127.0.0.1:PORT] [--KEY VALUE ...]";
    public override string Details => """
        Options are ASP.NET Core's: --urls sets where the server listens (default http://localhost:5000),
        and any other --KEY VALUE sets a configuration key, like an environment variable of that name.
        On the first start of an empty database, an admin account admin@example.com is created and
        its password is printed once.
        """;

    public override async Task<int> Run(string[] args, CommandContext context)
    {
        await using var app = context.BuildServer(args);
        await app.StartAsync(context.Stop);
        await AnnounceFirstAdmin(app.Services, context);
        var settings = app.Services.GetRequiredService<Settings>();
        context.Out.WriteLine($"Slate {Settings.Version} is serving {string.Join(" and ", app.Urls)} on {DatabaseName(settings)}.");
        await app.WaitForShutdownAsync(context.Stop);
        return 0;
    }

    /// <summary>Which database this server uses, without its password.</summary>
    static string DatabaseName(Settings settings)
    {
        if (settings.PostgresConnection is null) return $"SQLite {settings.SqlitePath}";
        var postgres = new NpgsqlConnectionStringBuilder(settings.PostgresConnection);
        return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    /// <summary>
    /// Runs after the host started, so after the migrations, and only here: the test host builds
    /// the same server without ever running this command.
    /// </summary>
    static async Task AnnounceFirstAdmin(IServiceProvider services, CommandContext context)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            if (await scope.ServiceProvider.GetRequiredService<Accounts>().CreateFirstAdmin(context.Stop) is not { } password)
                return;
            context.Out.WriteLine($"""

                ================================================================
                  First start: an administrator account was created.
                    login:    {Accounts.FirstAdminEmail}
                    password: {password}
                  This password is shown only this once. Sign in and change it.
                ================================================================

                """);
        }
        catch (Exception e) when (e is WrongParameterException or DbUpdateException)
        {
            // Another server made it first, or the address or the user limit is taken: serve anyway.
            context.Error.WriteLine($"No admin account exists and {Accounts.FirstAdminEmail} could not be created ({e.Message}). " +
                                    "Create one with `slate create-admin EMAIL`.");
        }
    }
}
