using System.Net;

namespace Slate.Bench.Load;

/// <summary>Which with-tasks listing a scenario reads, for its bare SQL twin.</summary>
public enum WithTasksKind { Assets, Shots }

/// <summary>The bare SQL that returns the same rows as a with-tasks listing of a project.</summary>
public sealed record BareQuery(WithTasksKind Kind, Guid ProjectId);

/// <summary>
/// One hot request of issue 7: how to make it (a fresh message per send), the status every answer
/// must have, and the targets its figures are judged on.
/// </summary>
public sealed record Scenario(string Name, HttpMethod Method, string Path, IReadOnlyList<Target> Targets)
{
    public HttpStatusCode Expected { get; init; } = HttpStatusCode.OK;
    public string? Token { get; init; }
    /// <summary>The JSON body of each send; called once per request, so it may vary.</summary>
    public Func<string>? Body { get; init; }
    /// <summary>A route still being built: a 404 or 405 skips the scenario instead of failing it.</summary>
    public bool MayBeMissing { get; init; }
    public BareQuery? BareSql { get; init; }
    /// <summary>Whether the rows each request must write were written (the comment's news and notifications).</summary>
    public WrittenRows? Written { get; init; }

    public string Request => $"{Method} {Path}";

    public HttpRequestMessage NewRequest()
    {
        var request = new HttpRequestMessage(Method, "api" + Path);
        if (Token is not null) request.Headers.Authorization = new("Bearer", Token);
        if (Body is not null) request.Content = new StringContent(Body(), System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}

/// <summary>A target of issue 7 (measured on PostgreSQL, 2 cores) and how a scenario's figures meet it.</summary>
public abstract record Target(string Text)
{
    public abstract TargetResult Judge(ScenarioResult result);

    protected static ClientRun? At(ScenarioResult result, int clients) => result.Runs.FirstOrDefault(r => r.Clients == clients);

    protected TargetResult Verdict(double? figure, string unit, bool met) =>
        figure is null ? new(Text, "no figure", false) : new(Text, $"{figure:0.#}{unit}", met);
}

/// <summary>Latency of one request alone: the median at 1 client.</summary>
public sealed record P50AtMost(double Ms) : Target($"p50 ≤ {Ms} ms")
{
    public override TargetResult Judge(ScenarioResult result) =>
        At(result, 1) is { } run ? Verdict(run.P50Ms, " ms", run.P50Ms <= Ms) : Verdict(null, "", false);
}

/// <summary>Slate's median at 1 client as a multiple of the bare query's.</summary>
public sealed record MultipleAtMost(double Times) : Target($"≤ {Times}× bare SQL")
{
    public override TargetResult Judge(ScenarioResult result) =>
        Verdict(result.BareSqlMultiple, "×", result.BareSqlMultiple <= Times);
}

/// <summary>The server's memory growth while serving one request at a time.</summary>
public sealed record MemoryAtMost(double Mb) : Target($"memory growth ≤ {Mb} MB")
{
    public override TargetResult Judge(ScenarioResult result) =>
        Verdict(At(result, 1)?.MemoryGrowthMb, " MB", At(result, 1)?.MemoryGrowthMb <= Mb);
}

/// <summary>Throughput at 16 concurrent clients.</summary>
public sealed record RateAtLeast(double PerSecond) : Target($"≥ {PerSecond} req/s at 16 clients")
{
    public override TargetResult Judge(ScenarioResult result) =>
        At(result, 16) is { } run ? Verdict(run.RequestsPerS, " req/s", run.RequestsPerS >= PerSecond) : Verdict(null, "", false);
}
