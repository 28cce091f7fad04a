using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slate.Bench.Load;

/// <summary>bench/results.md: the machine and commit, then one table per database.</summary>
public static partial class ReportWriter
{
    /// <summary>The report as markdown; the notes (why a target is not met, from bench/notes.md) close it.</summary>
    public static string Markdown(BenchReport report, string? notes = null)
    {
        var md = new StringBuilder();
        md.AppendLine("# Slate benchmark results").AppendLine();
        md.AppendLine($"- Date: {report.Date}");
        md.AppendLine($"- Commit: `{report.Commit}`");
        md.AppendLine($"- Machine: {report.Machine.Cores} cores, {report.Machine.MemoryMb:N0} MB, {report.Machine.Cpu}");
        md.AppendLine("- Latencies in ms; memory is the server's peak RSS growth over the scenario's start (1 client / 16 clients); " +
                      "\"× SQL\" is Slate's p50 at 1 client over the bare query's p50.");
        md.AppendLine("- Targets are issue 7's, set for PostgreSQL on 2 cores; the SQLite figures are judged on the same targets for comparison.");
        foreach (var database in report.Databases)
        {
            md.AppendLine().AppendLine($"## {database.Database}").AppendLine();
            md.AppendLine($"{database.Server}. Dataset: {database.Counts}. " +
                          $"First {Number(database.ServerWarmupS)} s of unmeasured traffic over the read scenarios (the JIT's tiers). " +
                          $"Each scenario: {Number(database.WarmupS)} s of warm-up at 1 client, then {Number(database.DurationS)} s measured " +
                          $"at 1 client and {Number(database.DurationS)} s at 16 (each client finishes the request it is in).").AppendLine();
            md.AppendLine("| Scenario | 1 client p50 / p95 / p99 | req/s | 16 clients p50 / p95 / p99 | req/s | Memory MB | Bare SQL | × SQL | Targets |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var scenario in database.Scenarios) md.AppendLine(Row(scenario));
            var missed = database.Scenarios.SelectMany(s => s.Targets.Where(t => !t.Met).Select(t => $"{s.Name} ({t.Target})")).ToList();
            if (database.SocketsFailure is not null || database.Sockets is not null) md.AppendLine().Append(SocketBurst(database));
            if (database.SocketsFailure is not null) missed.Add("socket burst (failed)");
            missed.AddRange(database.Sockets?.Targets.Where(t => !t.Met).Select(t => $"socket burst ({t.Target})") ?? []);
            md.AppendLine().AppendLine(missed.Count == 0 ? "Every target met." : $"Not met: {string.Join("; ", missed)}.");
        }
        if (notes is not null) md.AppendLine().Append(notes.TrimEnd()).AppendLine();
        return md.ToString();
    }

    /// <summary>Issue 9's burst: its sizes, deliveries and the probe's latency idle and during the burst.</summary>
    static string SocketBurst(DatabaseResult database)
    {
        var md = new StringBuilder();
        if (database.Sockets is not { } burst) return md.AppendLine($"Socket burst: **failed**: {database.SocketsFailure}").ToString();
        md.AppendLine($"Socket burst (issue 9): {burst.Clients} `/events` websockets (half the admin's, half the artist's), " +
                      $"{burst.Events:N0} `task:new` events committed by {burst.Requests} `create-tasks` request{(burst.Requests == 1 ? "" : "s")} (the tasks of a new task type for the project's shots); " +
                      "a probe sends `GET /data/projects/{id}` at 1 client, idle (before the sockets join), during the same writes with no socket listening, " +
                      "and during the burst (from the first write until every socket has every event).").AppendLine();
        md.AppendLine("| Sockets | Events each | Writes done in s | Last event after s | Delivered | Lost | Sockets dropped | Idle p50 / p95 | Writes without sockets p50 / p95 | Burst p50 / p95 (requests) | Burst / idle p50, p95 | Targets |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        md.AppendLine($"| {burst.Clients} | {burst.Events:N0} | {Number(burst.BurstS)} | {Number(burst.DeliveryS)} | {burst.Delivered:N0} | {burst.Lost:N0} | " +
                      $"{burst.Dropped} | {Number(burst.Idle.P50Ms)} / {Number(burst.Idle.P95Ms)} | {Number(burst.WritesOnly.P50Ms)} / {Number(burst.WritesOnly.P95Ms)} | " +
                      $"{Number(burst.Burst.P50Ms)} / {Number(burst.Burst.P95Ms)} ({burst.Burst.Requests}) | " +
                      $"{burst.P50Ratio:0.0}×, {burst.P95Ratio:0.0}× | " +
                      $"{Targets(burst.Targets)} |");
        return md.ToString();
    }

    static string Row(ScenarioResult scenario)
    {
        var one = scenario.Runs.FirstOrDefault(r => r.Clients == 1);
        var many = scenario.Runs.FirstOrDefault(r => r.Clients == 16);
        var cells = scenario.Outcome == Outcome.Measured
            ? new[]
            {
                Latencies(one), Number(one?.RequestsPerS), Latencies(many), Number(many?.RequestsPerS),
                $"{Number(one?.MemoryGrowthMb)} / {Number(many?.MemoryGrowthMb)}", Number(scenario.BareSqlMs),
                scenario.BareSqlMultiple is { } times ? $"{times:0.0}×" : "", Targets(scenario.Targets),
            }
            : [$"**{scenario.Outcome}**: {scenario.Error?.Replace("|", "\\|")}", "", "", "", "", "", "", Targets(scenario.Targets)];
        return $"| {scenario.Name}: `{Ids().Replace(scenario.Request, "{id}")}` | {string.Join(" | ", cells)} |";
    }

    /// <summary>The manifest's ids, which say nothing in a table.</summary>
    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();

    static string Latencies(ClientRun? run) => run is null ? "" : $"{Number(run.P50Ms)} / {Number(run.P95Ms)} / {Number(run.P99Ms)}";

    static string Targets(List<TargetResult> targets) =>
        string.Join("<br>", targets.Select(t => $"{t.Target}: {t.Figure}, {(t.Met ? "met" : "**not met**")}"));

    static string Number(double? value) => value switch
    {
        null => "",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
    };
}
