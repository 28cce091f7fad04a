using Microsoft.EntityFrameworkCore;
using Slate.Api.Index;
using Slate.Data;
using Slate.Http;
using Slate.Security;

namespace Slate;

/// <summary>Host wiring only: configuration, services, middleware, and each area's route table.</summary>
public static class Server
{
    /// <param name="overrides">Settings laid over the environment's (the command line's in-process callers use it).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // appsettings.json (log levels) sits beside the executable, wherever slate is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        var settings = Settings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = settings.MaxContentLength > 0 ? settings.MaxContentLength : null);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        AddDatabase(builder.Services, settings);
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddScoped<Accounts>();
        builder.Services.AddScoped<InitialData>();

        var app = builder.Build();
        app.UseZouErrors(settings);
        app.UseZouPaths();
        app.UseRouting();

        IndexRoutes.Map(app);
        return app;
    }

    static void AddDatabase(IServiceCollection services, Settings settings)
    {
        if (settings.PostgresConnection is { } postgres)
            services.AddDbContext<SlateDb, PostgresSlateDb>(db => db.UseNpgsql(postgres));
        else
            services.AddDbContext<SlateDb, SqliteSlateDb>(db => db.UseSqlite($"Data Source={settings.SqlitePath};Default Timeout=30"));
        services.AddHostedService<DatabaseStartup>();
    }
}
