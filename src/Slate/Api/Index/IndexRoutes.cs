using System.Text.Json.Nodes;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Index;

/// <summary>
/// Zou's index blueprint: version, status probes, configuration for the web app. These routes
/// are public: monitors and the login page call them without a token.
/// </summary>
public static class IndexRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/", Root).WithSummary("API name and version").AllowAnonymous();
        routes.Get("/status", Status).WithSummary("Health of the database and the services Zou uses").AllowAnonymous();
        routes.Get("/status/influx", InfluxStatus).WithSummary("Health flags as integers, for InfluxDB").AllowAnonymous();
        routes.Get("/status/resources", Resources).WithSummary("CPU, load, memory and running jobs").AllowAnonymous();
        routes.Get("/status.txt", TextStatus).WithSummary("Health of the services as plain text").AllowAnonymous();
        routes.Get("/status/test-event", TestEvent).WithSummary("Emit a test event on the event stream").AllowAnonymous();
        routes.Get("/stats", Stats).WithSummary("Studio-wide counts of previews and comments (admin)");
        routes.Get("/config", Config).WithSummary("Settings the web app reads before login").AllowAnonymous();
    }

    const string AppName = "Zou";

    static IResult Root() => ZouJson.Result(new JsonObject { ["api"] = AppName, ["version"] = Settings.Version });

    static async Task<IResult> Status(IndexService index, CancellationToken ct)
    {
        var probes = await index.ProbeAsync(ct);
        return ZouJson.Result(new JsonObject
        {
            ["name"] = AppName,
            ["version"] = Settings.Version,
            ["database-up"] = probes.Database,
            ["key-value-store-up"] = probes.KeyValueStore,
            ["event-stream-up"] = probes.EventStream,
            ["job-queue-up"] = probes.JobQueue,
            ["indexer-up"] = probes.Indexer,
        });
    }

    static async Task<IResult> InfluxStatus(IndexService index, CancellationToken ct)
    {
        var probes = await index.ProbeAsync(ct);
        return ZouJson.Result(new JsonObject
        {
            ["database-up"] = probes.Database ? 1 : 0,
            ["key-value-store-up"] = probes.KeyValueStore ? 1 : 0,
            ["event-stream-up"] = probes.EventStream ? 1 : 0,
            ["job-queue-up"] = probes.JobQueue ? 1 : 0,
            ["indexer-up"] = probes.Indexer ? 1 : 0,
            ["time"] = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds,
        });
    }

    static async Task TextStatus(IndexService index, HttpContext context)
    {
        var probes = await index.ProbeAsync(context.RequestAborted);
        static string UpDown(bool up) => up ? "up" : "down";
        // Zou sends the bare media type "text" (no subtype, no charset), which the typed
        // results refuse to parse; it is written as sent.
        context.Response.ContentType = "text";
        await context.Response.WriteAsync(
            $"name: {AppName}\n" +
            $"version: {Settings.Version}\n" +
            $"database-up: {UpDown(probes.Database)}\n" +
            $"event-stream-up: {UpDown(probes.EventStream)}\n" +
            $"key-value-store-up: {UpDown(probes.KeyValueStore)}\n" +
            $"job-queue-up: {UpDown(probes.JobQueue)}\n" +
            $"indexer-up: {UpDown(probes.Indexer)}\n",
            context.RequestAborted);
    }

    /// <summary>main:test to every /events socket, not stored: a check that events get through.</summary>
    static IResult TestEvent(Events events)
    {
        events.Emit("main:test", [], null, persist: false);
        return ZouJson.Result(new JsonObject { ["success"] = true });
    }

    static async Task<IResult> Resources(IndexService index, CancellationToken ct) =>
        ZouJson.Result(await index.ResourcesAsync(ct));

    static async Task<IResult> Stats(CurrentUser user, IndexService index) =>
        ZouJson.Result(await index.StatsAsync(user));

    static async Task<IResult> Config(IndexService index, CancellationToken ct) =>
        ZouJson.Result(await index.ConfigAsync(ct));
}
