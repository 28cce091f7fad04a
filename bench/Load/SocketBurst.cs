using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Slate.Bench.Load;

/// <summary>
/// Issue 9's target: that many /events sockets (half as the admin, half as the artist, a team
/// member of the project) receive a burst of committed events with none lost, while the
/// latency of a cheap read stays within 2x of its idle value. The burst is made as a studio
/// makes one: a manager creates the tasks of a new task type for the project's shots, one
/// create-tasks request (a list of shot ids) committing a task:new event per task, as many
/// requests as the shots take to reach the burst's size.
/// </summary>
public sealed class SocketBurst(HttpClient http, LoadRunner runner, Database database, Guid projectId, int sockets, int events, TimeSpan idle)
{
    /// <summary>The target whose miss fails the run: a lost event is a bug, not a slow server.</summary>
    public const string NoneLost = "none lost";
    // How long the deliveries may stall, once the writes are done, before the missing events count as lost.
    static readonly TimeSpan Stalled = TimeSpan.FromSeconds(15);

    public async Task<SocketBurstResult> RunAsync(Scenario probe, string adminToken, string artistToken)
    {
        Console.WriteLine($"socket burst: {sockets} sockets on /events, {events} task:new events from create-tasks, probe {probe.Request}");
        var shots = await ShotIdsAsync(adminToken);
        using var idleOver = new CancellationTokenSource(idle);
        var idleLatencies = await runner.LoopAsync(probe, 1, idleOver.Token);
        // The same writes with no socket listening: what the writes alone cost the probe.
        var (writesOnlyLatencies, _) = await ProbedAsync(probe, () => WriteBurstAsync(shots, adminToken));
        var listeners = await ConnectAsync(adminToken, artistToken);
        try
        {
            var (burstLatencies, written) = await ProbedAsync(probe, async () =>
            {
                var written = await WriteBurstAsync(shots, adminToken);
                await WaitForDeliveryAsync(listeners, written.Events);
                return written;
            });

            var expected = written.Events;
            var last = listeners.Max(l => l.LastReceivedAt);
            var writtenIds = written.Ids.ToHashSet();
            var delivered = listeners.Sum(l => (long)Math.Min(l.Received, expected));
            var result = new SocketBurstResult(sockets, written.Requests, expected, written.Seconds,
                last > written.StartedAt ? Stopwatch.GetElapsedTime(written.StartedAt, last).TotalSeconds : null,
                delivered, expected * sockets - delivered,
                listeners.Count(l => l.Received != expected || !l.TaskIds.ToHashSet().SetEquals(writtenIds)),
                listeners.Count(l => l.Dropped is not null),
                Latency.Of(idleLatencies), Latency.Of(writesOnlyLatencies), Latency.Of(burstLatencies), []);
            result.Targets.AddRange(Judge(result));
            Console.WriteLine($"  {expected:N0} events ({result.Requests} requests) in {result.BurstS:0.0} s, delivered {delivered:N0}, lost {result.Lost:N0}, " +
                              $"sockets missing or mismatching events {result.Mismatched}, dropped {result.Dropped}");
            Console.WriteLine($"  probe p50 / p95: idle {result.Idle.P50Ms:0.0} / {result.Idle.P95Ms:0.0} ms, " +
                              $"writes without sockets {result.WritesOnly.P50Ms:0.0} / {result.WritesOnly.P95Ms:0.0} ms, " +
                              $"burst {result.Burst.P50Ms:0.0} / {result.Burst.P95Ms:0.0} ms ({result.Burst.Requests} requests)");
            foreach (var target in result.Targets) Console.WriteLine($"  {target.Target}: {target.Figure}, {(target.Met ? "met" : "NOT MET")}");
            return result;
        }
        finally
        {
            await Task.WhenAll(listeners.Select(l => l.DisposeAsync().AsTask()));
        }
    }

    static List<TargetResult> Judge(SocketBurstResult result) =>
    [
        new(NoneLost, $"{result.Lost:N0} lost of {result.Events * result.Clients:N0}, {result.Dropped} sockets dropped",
            result.Lost == 0 && result.Mismatched == 0 && result.Dropped == 0),
        new("p50 during the burst ≤ 2× idle", $"{result.P50Ratio:0.0}× (p95 {result.P95Ratio:0.0}×)", result.P50Ratio <= 2),
    ];

    /// <summary>The sockets, joined a few at a time as a studio's browsers would over a morning: half admins, half artists.</summary>
    async Task<List<EventsSocket>> ConnectAsync(string adminToken, string artistToken)
    {
        var started = Stopwatch.GetTimestamp();
        var listeners = new EventsSocket[sockets];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Parallel.ForEachAsync(Enumerable.Range(0, sockets), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            listeners[i] = await EventsSocket.JoinAsync(http.BaseAddress!, i % 2 == 0 ? adminToken : artistToken, timeout.Token));
        Console.WriteLine($"  {sockets} sockets joined in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return [.. listeners];
    }

    /// <summary>The probe's latencies while the work runs (a request under way when it ends finishes).</summary>
    async Task<(List<double> Latencies, T Result)> ProbedAsync<T>(Scenario probe, Func<Task<T>> work)
    {
        using var over = new CancellationTokenSource();
        var probing = runner.LoopAsync(probe, 1, over.Token);
        T result;
        try
        {
            result = await work();
        }
        finally
        {
            await over.CancelAsync();
        }
        return (await probing, result);
    }

    /// <summary>What a burst wrote: the new tasks' ids, the events committed, the requests, when it started and how long the writes took.</summary>
    sealed record Written(List<string> Ids, long Events, int Requests, long StartedAt, double Seconds);

    /// <summary>Tasks of new task types for the project's shots, until they made the burst's events.</summary>
    async Task<Written> WriteBurstAsync(List<string> shots, string adminToken)
    {
        var before = await database.CountAsync("api_event");
        var started = Stopwatch.GetTimestamp();
        List<string> ids = [];
        var requests = 0;
        while (ids.Count < events)
        {
            var taskType = await SendAsync(HttpMethod.Post, "/data/task-types", adminToken, new JsonObject
            {
                ["name"] = $"Burst {Guid.NewGuid():N}",
                ["for_entity"] = "Shot",
            }, HttpStatusCode.Created);
            var shotIds = new JsonArray([.. shots.Take(events - ids.Count).Select(id => (JsonNode)id)]);
            var tasks = await SendAsync(HttpMethod.Post, $"/actions/projects/{projectId}/task-types/{taskType["id"]}/shots/create-tasks",
                adminToken, shotIds, HttpStatusCode.Created);
            ids.AddRange(tasks.AsArray().Select(t => (string)t!["id"]!));
            requests++;
        }
        var made = await database.CountAsync("api_event") - before;
        return new Written(ids, made, requests, started, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    async Task<List<string>> ShotIdsAsync(string adminToken)
    {
        var shots = await SendAsync(HttpMethod.Get, $"/data/projects/{projectId}/shots", adminToken, null, HttpStatusCode.OK);
        var ids = shots.AsArray().Select(s => (string)s!["id"]!).ToList();
        return ids.Count > 0 ? ids : throw new ScenarioFailedException($"Project {projectId} has no shots to create tasks for.");
    }

    async Task<JsonNode> SendAsync(HttpMethod method, string path, string token, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new ScenarioFailedException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Until every socket has every event, or none came for a while (the missing ones are lost).</summary>
    static async Task WaitForDeliveryAsync(List<EventsSocket> listeners, long expected)
    {
        var total = 0L;
        var progressAt = Stopwatch.GetTimestamp();
        while (listeners.Any(l => l.Received < expected && l.Dropped is null) && Stopwatch.GetElapsedTime(progressAt) < Stalled)
        {
            await Task.Delay(50);
            var now = listeners.Sum(l => (long)l.Received);
            if (now != total) (total, progressAt) = (now, Stopwatch.GetTimestamp());
        }
    }
}

/// <summary>The latency probe's figures over a stretch of time.</summary>
public sealed record Latency(int Requests, double P50Ms, double P95Ms)
{
    public static Latency Of(List<double> latencies) =>
        new(latencies.Count, Statistics.Percentile(latencies, 0.50), Statistics.Percentile(latencies, 0.95));
}

/// <summary>
/// The socket burst's figures: the events every socket should have had (from that many
/// create-tasks requests), those delivered and lost, the sockets that missed or mismatched tasks or were dropped, and the probe's
/// latency idle, during the same writes with no socket, and during the burst (from the first
/// write until every socket had everything).
/// </summary>
public sealed record SocketBurstResult(
    int Clients,
    int Requests,
    long Events,
    double BurstS,
    double? DeliveryS,
    long Delivered,
    long Lost,
    int Mismatched,
    int Dropped,
    Latency Idle,
    Latency WritesOnly,
    Latency Burst,
    List<TargetResult> Targets)
{
    public double P50Ratio => Burst.P50Ms / Idle.P50Ms;
    public double P95Ratio => Burst.P95Ms / Idle.P95Ms;
}
