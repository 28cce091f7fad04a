using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Assets;
using Slate.Api.Auth;
using Slate.Api.Breakdown;
using Slate.Api.Comments;
using Slate.Api.Crud;
using Slate.Api.Departments;
using Slate.Api.Entities;
using Slate.Api.EventLog;
using Slate.Api.Files;
using Slate.Api.Index;
using Slate.Api.Persons;
using Slate.Api.Playlists;
using Slate.Api.Previews;
using Slate.Api.Projects;
using Slate.Api.Shots;
using Slate.Api.Tasks;
using Slate.Api.User;
using Slate.Data;
using Slate.Http;
using Slate.Jobs;
using Slate.Mail;
using Slate.Media;
using Slate.Realtime;
using Slate.Security;
using Slate.Storage;

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
        // A multipart file (a movie preview) may be as large as the body itself, not the form reader's default 128 MiB.
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options =>
            options.MultipartBodyLengthLimit = settings.MaxContentLength > 0 ? settings.MaxContentLength : long.MaxValue);
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        AddDatabase(builder.Services, settings);
        builder.Services.AddJobs(); // after the database: its workers start once the schema is up to date
        if (settings.KvHost is not null) builder.Services.AddSingleton<KeyValueStore>();
        AddSecurity(builder.Services);
        builder.Services.AddRealtime(settings);
        builder.Services.AddCors();
        builder.Services.AddApiDocs();
        builder.Services.AddScoped<IndexService>();
        builder.Services.AddScoped<AuthService>();
        builder.Services.AddScoped<Permissions>();
        builder.Services.AddScoped<Events>();
        builder.Services.AddScoped<CrudContext>();
        builder.Services.AddScoped<CrudService>();
        builder.Services.AddScoped<TaskSettingsService>();
        builder.Services.AddScoped<ProjectsService>();
        builder.Services.AddScoped<ProjectSettingsService>();
        builder.Services.AddScoped<MetadataDescriptorsService>();
        builder.Services.AddScoped<ProjectTimeService>();
        builder.Services.AddScoped<ScheduleService>();
        builder.Services.AddScoped<ScheduleVersionsService>();
        builder.Services.AddScoped<BudgetsService>();
        builder.Services.AddScoped<EntityService>();
        builder.Services.AddScoped<WithTasksService>();
        builder.Services.AddScoped<CastingService>();
        builder.Services.AddScoped<AssetInstancesService>();
        builder.Services.AddScoped<AssetsService>();
        builder.Services.AddScoped<ShotsService>();
        builder.Services.AddScoped<TaskPreviewsService>();
        builder.Services.AddScoped<DepartmentsService>();
        builder.Services.AddScoped<EventsService>();
        builder.Services.AddScoped<PersonTimeService>();
        builder.Services.AddScoped<PresenceService>();
        builder.Services.AddScoped<FileTreeService>();
        builder.Services.AddScoped<ProductionStatsService>();
        builder.Services.AddScoped<TaskCommentRows>();
        builder.Services.AddScoped<CommentReadsService>();
        builder.Services.AddScoped<ProjectTaskDataService>();
        builder.Services.AddScoped<TasksService>();
        builder.Services.AddScoped<AssignationsService>();
        builder.Services.AddScoped<TimeSpentsService>();
        builder.Services.AddScoped<BulkTasksService>();
        builder.Services.AddScoped<PersonTasksService>();
        builder.Services.AddScoped<TaskDatesService>();
        builder.Services.AddScoped<TaskRows>();
        builder.Services.AddScoped<OpenTasksService>();
        builder.Services.AddScoped<UserContextService>();
        builder.Services.AddScoped<UserWorkService>();
        builder.Services.AddFileStore(settings);
        builder.Services.AddSingleton<Pictures>();
        builder.Services.AddSingleton<PictureFiles>();
        builder.Services.AddSingleton<Movies>();
        builder.Services.AddSingleton<MovieFiles>();
        builder.Services.AddHostedService<MoviesStartupCheck>();
        builder.Services.AddScoped<PicturesService>();
        builder.Services.AddSingleton<AnnotationRenderer>();
        builder.Services.AddScoped<AnnotationsService>();
        builder.Services.AddScoped<AnnotatedFramesService>();
        builder.Services.AddScoped<NotificationService>();
        builder.Services.AddScoped<CommentsService>();
        builder.Services.AddScoped<SearchFiltersService>();
        builder.Services.AddScoped<UserNotificationsService>();
        builder.Services.AddScoped<SubscriptionsService>();
        builder.Services.AddScoped<UserChatsService>();
        builder.Services.AddScoped<Accounts>();
        builder.Services.AddScoped<InitialData>();
        builder.Services.AddScoped<ResetTokens>();
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Mailer>());
        builder.Services.AddScoped<MailMessages>();
        builder.Services.AddScoped<PersonAccountsService>();
        builder.Services.AddScoped<PlaylistsService>();
        builder.Services.AddScoped<RunningPreviewsService>();
        builder.Services.AddScoped<PreviewUploadService>();
        builder.Services.AddScoped<PreviewFilesService>();
        builder.Services.AddSingleton<PreviewFileStorage>();
        builder.Services.AddScoped<PreviewFileUpdates>();
        builder.Services.AddScoped<PreviewFrames>();
        builder.Services.AddJobHandler<MovieNormalization>();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseZouErrors(settings);
        app.UseContentLengthLimit(settings);
        app.UseZouPaths();
        app.UseZouCors(settings);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRealtime();

        app.MapArea(IndexRoutes.Map);
        app.MapArea(AuthRoutes.Map);
        app.MapArea(EventsRoutes.Map);
        app.MapArea(CrudRoutes.Map);
        app.MapArea(TaskSettingsRoutes.Map);
        app.MapArea(ProjectsRoutes.Map);
        app.MapArea(AssetsRoutes.Map);
        app.MapArea(EntitiesRoutes.Map);
        app.MapArea(ShotsRoutes.Map);
        app.MapArea(TasksRoutes.Map);
        app.MapArea(TaskPreviewsRoutes.Map);
        app.MapArea(DepartmentsRoutes.Map);
        app.MapArea(PersonsRoutes.Map);
        app.MapArea(CommentReadsRoutes.Map);
        app.MapArea(ProjectTaskDataRoutes.Map);
        app.MapArea(CommentsRoutes.Map);
        app.MapArea(UserRoutes.Map);
        app.MapArea(PlaylistsRoutes.Map);
        app.MapArea(PreviewsRoutes.Map);
        app.MapApiDocs();
        return app;
    }

    /// <summary>Token authentication; which routes require it is said by each area (RouteTable.MapArea).</summary>
    static void AddSecurity(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<Tokens>();
        services.AddSingleton<Passwords>();
        services.AddScoped<TokenBlocklist>();
        services.AddAuthentication(TokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        services.AddAuthorization();
        // The caller, as the authentication handler resolved it for this request.
        services.AddScoped(provider =>
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.Items[typeof(CurrentUser)] as CurrentUser
            ?? throw new InvalidOperationException("No authenticated caller on this request."));
    }

    static void AddDatabase(IServiceCollection services, Settings settings)
    {
        if (settings.PostgresConnection is { } postgres)
            services.AddDbContext<SlateDb, PostgresSlateDb>((provider, db) => db.UseNpgsql(postgres).AddInterceptors(provider.GetRequiredService<CommitHook>()));
        else
        {
            services.AddDbContext<SlateDb, SqliteSlateDb>((provider, db) => db
                .UseSqlite($"Data Source={settings.SqlitePath};Default Timeout=30")
                .AddInterceptors(provider.GetRequiredService<CommitHook>()));
            services.AddHostedService<SqliteOptimizer>();
        }
        services.AddScoped<ZouSerializer>();
        services.AddHostedService<DatabaseStartup>();
    }
}
