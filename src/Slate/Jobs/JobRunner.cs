using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;

namespace Slate.Jobs;

/// <summary>
/// Claims one job and runs it to its outcome: done, retried later, given up, or released when
/// the worker shuts down. The job's lease is renewed every third of its length while it runs.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, Settings settings, ILogger<JobRunner> logger)
{
    /// <summary>False when no job was waiting.</summary>
    /// <param name="abandon">Fires when the worker must stop now: the running job is cancelled and handed back.</param>
    public async Task<bool> RunNextAsync(string worker, CancellationToken abandon)
    {
        // Never cancelled halfway: a claim committed but not read would leave the job to its lease.
        var job = await WithStore(store => store.ClaimAsync(worker));
        if (job is null) return false;
        await RunAsync(job, abandon);
        return true;
    }

    async Task RunAsync(Job job, CancellationToken abandon)
    {
        if (job.Attempts > settings.JobMaxAttempts)
        {
            // Only a job whose worker died during each attempt gets here (failures stop at the last attempt).
            await GiveUpAsync(job, $"Its worker stopped answering during each of its {settings.JobMaxAttempts} attempts.");
            return;
        }
        (Outcome outcome, string error) result;
        bool leaseKept;
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(abandon))
        using (var renewing = new CancellationTokenSource())
        {
            var renewals = KeepLeaseAsync(job, renewing.Token, cancel);
            result = await RunHandlerAsync(job, cancel.Token);
            await renewing.CancelAsync();
            leaseKept = await renewals;
        }
        if (!leaseKept) return; // another worker holds it now; its outcome is that worker's to record
        switch (result.outcome)
        {
            case Outcome.Done:
                await WithStore(store => store.FinishAsync(job));
                break;
            case Outcome.Cancelled:
                await WithStore(store => store.ReleaseAsync(job));
                break;
            case Outcome.NoHandler:
                logger.LogError("Job {Id} failed: {Error}", job.Id, result.error);
                await WithStore(store => store.FailAsync(job, result.error));
                break;
            case Outcome.Failed when job.Attempts < settings.JobMaxAttempts:
                var due = Clock.UtcNow().AddSeconds(settings.JobRetrySeconds * job.Attempts);
                await WithStore(store => store.RetryAsync(job, result.error, due));
                break;
            case Outcome.Failed:
                await GiveUpAsync(job, result.error);
                break;
        }
    }

    enum Outcome { Done, Failed, Cancelled, NoHandler }

    async Task<(Outcome, string)> RunHandlerAsync(Job job, CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (Handler(scope.ServiceProvider, job) is not { } handler)
                return (Outcome.NoHandler, $"No handler runs jobs of kind '{job.Kind}'.");
            await handler.RunAsync(Payload(job), cancel);
            return (Outcome.Done, "");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return (Outcome.Cancelled, "");
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {Id} ({Kind}) failed on attempt {Attempt}", job.Id, job.Kind, job.Attempts);
            return (Outcome.Failed, e.Message);
        }
    }

    /// <summary>
    /// Renews the lease until stopped; false (after cancelling the run) when the job was lost
    /// meanwhile: this worker stalled past its lease and another took the job over.
    /// </summary>
    async Task<bool> KeepLeaseAsync(Job job, CancellationToken stop, CancellationTokenSource run)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.JobLeaseSeconds / 3.0));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                bool held;
                try
                {
                    held = await WithStore(store => store.RenewAsync(job));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is away for a moment: the lease still runs, try at the next tick.
                    logger.LogWarning(e, "Could not renew the lease of job {Id} ({Kind})", job.Id, job.Kind);
                    continue;
                }
                if (held) continue;
                logger.LogWarning("Job {Id} ({Kind}) was taken over by another worker; this run is cancelled", job.Id, job.Kind);
                await run.CancelAsync();
                return false;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return true;
    }

    /// <summary>The handler is told first, so a crash in between gives it up again rather than never.</summary>
    async Task GiveUpAsync(Job job, string error)
    {
        logger.LogError("Job {Id} ({Kind}) given up after {Attempts} attempts: {Error}", job.Id, job.Kind, job.Attempts, error);
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                if (Handler(scope.ServiceProvider, job) is { } handler) await handler.GiveUpAsync(Payload(job), error);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Giving up job {Id} ({Kind}) failed", job.Id, job.Kind);
            }
        }
        await WithStore(store => store.FailAsync(job, error));
    }

    static IJobHandler? Handler(IServiceProvider services, Job job) =>
        services.GetServices<IJobHandler>().FirstOrDefault(handler => handler.Kind == job.Kind);

    static JsonObject Payload(Job job) => job.Payload!.DeepClone().AsObject();

    async Task<T> WithStore<T>(Func<JobStore, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<JobStore>());
    }
}
