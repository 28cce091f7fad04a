using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Security;

namespace Slate.Api.Index;

/// <summary>The index blueprint's rules: health probes, machine readings, the web app's configuration.</summary>
public sealed class IndexService(SlateDb db, Settings settings, ILogger<IndexService> logger)
{
    /// <summary>Whether each service Zou depends on answers.</summary>
    public sealed record Probes(bool Database, bool KeyValueStore, bool EventStream, bool JobQueue, bool Indexer);

    /// <summary>psutil samples the CPU for one second in Zou; the same window keeps the figures comparable.</summary>
    static readonly TimeSpan CpuSampleWindow = TimeSpan.FromSeconds(1);

    /// <summary>A monitoring probe must answer even when PostgreSQL hangs.</summary>
    static readonly TimeSpan DatabaseProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<Probes> ProbeAsync(CancellationToken ct) =>
        new(
            Database: await DatabaseUpAsync(ct),
            // The token blocklist, cache and event bus live in this process, so they are up
            // whenever this code runs.
            KeyValueStore: true,
            EventStream: true,
            // No external rq workers or Meilisearch: Zou reports both down in that case.
            JobQueue: false,
            Indexer: false);

    /// <summary>A real read of a Zou table, so a reachable server without the schema counts as down.</summary>
    async Task<bool> DatabaseUpAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DatabaseProbeTimeout);
        try
        {
            await db.ProjectStatuses.AsNoTracking().AnyAsync(timeout.Token);
            return true;
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(error, "Database probe failed.");
            return false;
        }
    }

    /// <summary>CPU, load, memory and running jobs, as Zou's /status/resources reports them.</summary>
    public async Task<JsonObject> ResourcesAsync(CancellationToken ct)
    {
        var cpu = await SystemResources.CpuPercentPerCoreAsync(CpuSampleWindow, ct);
        var load = SystemResources.ReadLoadAverage();
        var memory = SystemResources.ReadMemory();
        return new JsonObject
        {
            // Zou reports the server's local time, naive, with microseconds.
            ["date"] = DateTime.Now.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
            ["cpu"] = new JsonObject
            {
                ["percent"] = new JsonArray(cpu.Select(percent => (JsonNode)percent).ToArray()),
                // Zou labels the 15-minute average "last 10 min"; clients read that key.
                ["loadavg"] = new JsonObject
                {
                    ["last 1 min"] = load.OneMinute,
                    ["last 5 min"] = load.FiveMinutes,
                    ["last 10 min"] = load.FifteenMinutes,
                },
            },
            ["memory"] = new JsonObject
            {
                ["total"] = memory.Total,
                ["used"] = memory.Used,
                ["available"] = memory.Available,
                ["percent"] = memory.Percent,
            },
            // Background jobs are not run yet; the count becomes real with the job queue.
            ["jobs"] = new JsonObject { ["running_jobs"] = 0 },
        };
    }

    /// <summary>
    /// Counts across every production, so only admins read them. Previews are counted by the
    /// extension their kind is normalized to: mp4 movies, png pictures, obj 3D models.
    /// </summary>
    public async Task<JsonObject> StatsAsync(CurrentUser user)
    {
        user.CheckAdmin();
        return new JsonObject
        {
            ["number_of_video_previews"] = await db.PreviewFiles.CountAsync(p => p.Extension == "mp4"),
            ["number_of_picture_previews"] = await db.PreviewFiles.CountAsync(p => p.Extension == "png"),
            ["number_of_model_previews"] = await db.PreviewFiles.CountAsync(p => p.Extension == "obj"),
            ["number_of_comments"] = await db.Comments.CountAsync(),
        };
    }

    /// <summary>The public settings the Kitsu web app reads before anyone logs in.</summary>
    public async Task<JsonObject> ConfigAsync(CancellationToken ct)
    {
        var darkTheme = (await Organisations.GetOrCreateAsync(db)).DarkThemeByDefault;
        var config = new JsonObject
        {
            ["is_self_hosted"] = settings.IsSelfHosted,
            ["crisp_token"] = settings.CrispToken,
            ["dark_theme_by_default"] = darkTheme ?? false,
            ["indexer_configured"] = settings.IndexerConfigured,
            ["saml_enabled"] = settings.SamlEnabled,
            ["saml_idp_name"] = settings.SamlIdpName,
            ["oidc_enabled"] = settings.OidcEnabled,
            ["oidc_idp_name"] = settings.OidcIdpName,
            ["default_locale"] = settings.DefaultLocale,
            ["default_timezone"] = settings.DefaultTimezone,
            ["enforce_2fa"] = settings.EnforceTwoFactor,
        };
        if (settings.SentryKitsuEnabled)
            config["sentry"] = new JsonObject { ["dsn"] = settings.SentryKitsuDsn, ["sampleRate"] = settings.SentryKitsuSampleRate };
        return config;
    }
}
