using System.Net;

namespace Slate.Bench.Load;

/// <summary>Runs each scenario against one server and its database, and judges it on its targets.</summary>
public sealed class Benchmark(LoadRunner runner, Database database, MemorySampler? memory, int[] clientCounts, int sqlRuns)
{
    readonly Dictionary<BareQuery, double> bareTimes = [];

    public async Task<ScenarioResult> RunAsync(Scenario scenario)
    {
        Console.WriteLine($"{scenario.Name}: {scenario.Request}");
        if (scenario.Written is { } written) await written.StartAsync(database);
        var (status, bytes) = await runner.ProbeAsync(scenario);
        if (scenario.MayBeMissing && status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            Console.WriteLine($"  not served: the server answered {(int)status}; skipped.");
            return Result(scenario, Outcome.NotServed, $"answered {(int)status}", [], null);
        }
        List<ClientRun> runs = [];
        try
        {
            if (status != scenario.Expected)
                throw new ScenarioFailedException($"{scenario.Request} answered {(int)status} (expected {(int)scenario.Expected})");
            Console.WriteLine($"  answer: {bytes:N0} bytes");
            foreach (var clients in clientCounts)
            {
                var run = await runner.MeasureAsync(scenario, clients, warmUp: runs.Count == 0, memory);
                Console.WriteLine($"  {clients,2} clients: p50 {run.P50Ms:0.0} ms, p95 {run.P95Ms:0.0} ms, p99 {run.P99Ms:0.0} ms, " +
                                  $"{run.RequestsPerS:0.0} req/s ({run.Requests} requests)" +
                                  (run.MemoryGrowthMb is { } mb ? $", memory +{mb:0.0} MB" : ""));
                runs.Add(run);
            }
        }
        catch (ScenarioFailedException e)
        {
            Console.Error.WriteLine($"  FAILED: {e.Message}");
            return Result(scenario, Outcome.Failed, e.Message, runs, null);
        }
        double? bare = scenario.BareSql is { } query ? await BareTimeAsync(query) : null;
        var result = Result(scenario, Outcome.Measured, null, runs, bare);
        if (scenario.Written is not null) result.Targets.Add(await scenario.Written.JudgeAsync(database));
        foreach (var target in result.Targets)
            Console.WriteLine($"  {target.Target}: {target.Figure}, {(target.Met ? "met" : "NOT MET")}");
        return result;
    }

    /// <summary>The three forms of a listing share their bare query: it is timed once.</summary>
    async Task<double> BareTimeAsync(BareQuery query)
    {
        if (!bareTimes.TryGetValue(query, out var ms))
        {
            (var time, var rows) = await database.TimeWithTasksAsync(query.Kind, query.ProjectId, sqlRuns);
            bareTimes[query] = ms = time;
            Console.WriteLine($"  bare SQL: p50 {ms:0.0} ms over {sqlRuns} runs, {rows:N0} rows");
        }
        return ms;
    }

    static ScenarioResult Result(Scenario scenario, string outcome, string? error, List<ClientRun> runs, double? bareMs)
    {
        var alone = runs.FirstOrDefault(r => r.Clients == 1);
        var result = new ScenarioResult(scenario.Name, scenario.Request, outcome, error, runs, bareMs,
            bareMs > 0 && alone is not null ? alone.P50Ms / bareMs : null, []);
        result.Targets.AddRange(scenario.Targets.Select(t => outcome == Outcome.Measured ? t.Judge(result) : new TargetResult(t.Text, outcome, false)));
        return result;
    }
}
