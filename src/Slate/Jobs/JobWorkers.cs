using Microsoft.Extensions.Options;

namespace Slate.Jobs;

/// <summary>
/// Job workers: each takes one job at a time, looks for the next at once, and when none is due
/// waits for a local wake (<see cref="JobSignal"/>) or the poll interval. The server runs them
/// in process (<see cref="JobWorkerService"/>), `slate worker` on machines of their own.
/// </summary>
public sealed class JobWorkers(JobRunner runner, JobSignal signal, Settings settings, IOptions<HostOptions> host, ILogger<JobWorkers> logger)
{
    /// <summary>Time a cancelled job gets to be handed back before its worker gives up waiting.</summary>
    static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(5);

    // Worker numbers are unique in the process, so two hosts in one process (tests) never share a name.
    static int lastNumber;

    /// <summary>
    /// Runs <paramref name="count"/> workers until <paramref name="stop"/>. Then no job is
    /// claimed any more; running jobs get the host's shutdown timeout to end, after which they
    /// are cancelled and handed back to the queue (or, if they ignore it, left to their lease).
    /// </summary>
    public async Task RunAsync(int count, CancellationToken stop)
    {
        // Not disposed: a job that ignores its cancellation may still hold this token after we return.
        var abandon = new CancellationTokenSource();
        var workers = Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => WorkAsync(NextName(), stop, abandon.Token))));
        await Task.WhenAny(workers, Task.Delay(Timeout.Infinite, stop));
        if (workers.IsCompleted) return;
        if (await Task.WhenAny(workers, Task.Delay(host.Value.ShutdownTimeout)) == workers) return;
        await abandon.CancelAsync();
        await Task.WhenAny(workers, Task.Delay(ReleaseWait));
    }

    async Task WorkAsync(string name, CancellationToken stop, CancellationToken abandon)
    {
        var poll = TimeSpan.FromSeconds(settings.JobPollSeconds);
        while (!stop.IsCancellationRequested)
        {
            var woken = signal.Next;
            try
            {
                if (await runner.RunNextAsync(name, abandon)) continue;
            }
            catch (Exception e)
            {
                // The database is away or refused a write: try again after a pause.
                logger.LogError(e, "Job worker {Worker} could not take or record a job", name);
            }
            try
            {
                await woken.WaitAsync(poll, stop);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
            }
        }
    }

    static string NextName() => $"{Environment.MachineName}:{Environment.ProcessId}:{Interlocked.Increment(ref lastNumber)}";
}

/// <summary>The server's in-process workers: SLATE_JOB_WORKERS of them (none when 0).</summary>
public sealed class JobWorkerService(JobWorkers workers, Settings settings) : IHostedService
{
    readonly CancellationTokenSource stopping = new();
    Task running = Task.CompletedTask;

    public Task StartAsync(CancellationToken ct)
    {
        if (settings.JobWorkers > 0) running = workers.RunAsync(settings.JobWorkers, stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        // Not cut short at the host's timeout: the workers end by themselves soon after it,
        // once the jobs they cancel are handed back (or left to their leases).
        await running;
    }
}
