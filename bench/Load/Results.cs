using Slate.Bench.Seed;

namespace Slate.Bench.Load;

/// <summary>One measurement of a scenario at a number of concurrent clients.</summary>
public sealed record ClientRun(int Clients, int Requests, double P50Ms, double P95Ms, double P99Ms, double RequestsPerS,
    double? MemoryGrowthMb);

/// <summary>A target of issue 7 beside the figure it judges.</summary>
public sealed record TargetResult(string Target, string Figure, bool Met);

/// <summary>How a scenario ended: measured, skipped because the server has no such route, or failed.</summary>
public static class Outcome
{
    public const string Measured = "measured";
    public const string NotServed = "not served";
    public const string Failed = "failed";
}

public sealed record ScenarioResult(
    string Name,
    string Request,
    string Outcome,
    string? Error,
    List<ClientRun> Runs,
    double? BareSqlMs,
    double? BareSqlMultiple,
    List<TargetResult> Targets);

/// <summary>One database's figures; the socket burst's, or why it failed, when it ran.</summary>
public sealed record DatabaseResult(string Database, string Server, Manifest.Tally Counts, double ServerWarmupS, double WarmupS, double DurationS,
    List<ScenarioResult> Scenarios, SocketBurstResult? Sockets = null, string? SocketsFailure = null);

public sealed record Machine(int Cores, long MemoryMb, string Cpu);

public sealed record BenchReport(
    string Date,
    string Commit,
    Machine Machine,
    List<DatabaseResult> Databases);
