using Microsoft.EntityFrameworkCore;
using Slate.Api.Index;
using Slate.Data;
using Slate.Http;

namespace Slate;

/// <summary>Host wiring only: configuration, services, middleware, and each area's route table.</summary>
public static class Server
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = Settings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = settings.MaxContentLength > 0 ? settings.MaxContentLength : null);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        AddDatabase(builder.Services, settings);
        builder.Services.AddCors();
        builder.Services.AddApiDocs();
        builder.Services.AddScoped<IndexService>();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseZouErrors(settings);
        app.UseContentLengthLimit(settings);
        app.UseZouPaths();
        app.UseZouCors(settings);
        app.UseRouting();

        app.MapArea(IndexRoutes.Map);
        app.MapApiDocs();
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
