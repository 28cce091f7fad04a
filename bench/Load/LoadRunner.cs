using System.Diagnostics;
using System.Net;

namespace Slate.Bench.Load;

/// <summary>A scenario stopped because an answer had the wrong status.</summary>
public sealed class ScenarioFailedException(string message) : Exception(message);

/// <summary>
/// Closed-loop clients: each sends the scenario's request, reads the whole answer, checks its
/// status and sends the next, for a warm-up then for the measured duration.
/// </summary>
public sealed class LoadRunner(HttpClient http, TimeSpan warmup, TimeSpan duration)
{
    /// <summary>One send, whatever the status: the status and the answer's size.</summary>
    public async Task<(HttpStatusCode Status, long Bytes)> ProbeAsync(Scenario scenario)
    {
        using var request = scenario.NewRequest();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, await ReadAllAsync(response, CancellationToken.None));
    }

    /// <summary>
    /// Runs the small reads in turn, unmeasured, before anything is measured: .NET compiles a
    /// method in stages (quick code first, optimized code once it has run a while), which takes a
    /// fresh server 10 to 20 seconds of traffic; a studio's server has long done it. The with-tasks
    /// listings need none of it (one request runs their code thousands of times). A scenario the
    /// server refuses is left to its measurement to report.
    /// </summary>
    public async Task WarmUpServerAsync(IReadOnlyList<Scenario> scenarios, TimeSpan time)
    {
        var reads = scenarios.Where(s => s.Method == HttpMethod.Get && s.BareSql is null).ToList();
        foreach (var scenario in reads)
        {
            try
            {
                await LoopAsync(scenario, 2, time / reads.Count);
            }
            catch (ScenarioFailedException)
            {
            }
        }
    }

    /// <summary>
    /// The scenario's figures at that many clients. Only the first client count warms up (JIT,
    /// caches, connection pools): the next ones follow it straight away.
    /// </summary>
    public async Task<ClientRun> MeasureAsync(Scenario scenario, int clients, bool warmUp, MemorySampler? memory)
    {
        memory?.Start();
        if (warmUp && warmup > TimeSpan.Zero) await LoopAsync(scenario, clients, warmup);
        var started = Stopwatch.GetTimestamp();
        var latencies = await LoopAsync(scenario, clients, duration);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double? growth = memory is null ? null : await memory.StopAsync();
        return new ClientRun(clients, latencies.Count,
            Statistics.Percentile(latencies, 0.50), Statistics.Percentile(latencies, 0.95), Statistics.Percentile(latencies, 0.99),
            latencies.Count / elapsed, growth);
    }

    /// <summary>The latencies (ms) of every request sent by the clients until the time is up; the first bad answer stops them all.</summary>
    async Task<List<double>> LoopAsync(Scenario scenario, int clients, TimeSpan time)
    {
        using var timeUp = new CancellationTokenSource(time);
        return await LoopAsync(scenario, clients, timeUp.Token);
    }

    /// <summary>The latencies (ms) of every request sent by the clients until told to stop (a request under way finishes).</summary>
    public async Task<List<double>> LoopAsync(Scenario scenario, int clients, CancellationToken stop)
    {
        using var failed = new CancellationTokenSource();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var latencies = new List<double>();
            do
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await SendAsync(scenario, failed.Token);
                }
                catch (OperationCanceledException) when (failed.IsCancellationRequested)
                {
                    break;
                }
                catch (ScenarioFailedException)
                {
                    await failed.CancelAsync();
                    throw;
                }
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            } while (!stop.IsCancellationRequested && !failed.IsCancellationRequested);
            return latencies;
        }));
        return [.. perClient.SelectMany(l => l)];
    }

    async Task SendAsync(Scenario scenario, CancellationToken cancelled)
    {
        using var request = scenario.NewRequest();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancelled);
        }
        catch (HttpRequestException e)
        {
            throw new ScenarioFailedException($"{scenario.Request}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancelled.IsCancellationRequested)
        {
            throw new ScenarioFailedException($"{scenario.Request}: no answer within {http.Timeout.TotalMinutes} minutes");
        }
        using (response)
        {
            if (response.StatusCode != scenario.Expected)
            {
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                throw new ScenarioFailedException(
                    $"{scenario.Request} answered {(int)response.StatusCode} (expected {(int)scenario.Expected}): {body[..Math.Min(body.Length, 300)]}");
            }
            await ReadAllAsync(response, cancelled);
        }
    }

    /// <summary>Reads the answer to its end without keeping it, as a client parsing a stream would.</summary>
    static async Task<long> ReadAllAsync(HttpResponseMessage response, CancellationToken cancelled)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancelled);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancelled)) > 0) total += read;
        return total;
    }
}
