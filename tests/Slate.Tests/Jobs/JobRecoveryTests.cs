using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Jobs;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Jobs;

/// <summary>A server running no jobs itself: the rows are left as a dead worker or a stopped server leaves them.</summary>
public sealed class IdleJobsFactory() : JobsFactory(workers: 0);

public sealed class JobRecoveryTests(IdleJobsFactory factory) : IClassFixture<IdleJobsFactory>
{
    [Fact]
    public async Task A_job_left_running_by_a_dead_worker_is_finished_after_a_restart()
    {
        var key = TestData.Unique("orphan");
        var orphan = await factory.Save(DeadWorkersJob(CountingHandler.Name, key, attempts: 1));

        await using var restarted = factory.SecondServer();
        await restarted.InitializeAsync();
        var job = await factory.FinishedJobAsync(orphan.Id);

        Assert.Equal(JobStatus.Done, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(1, HandledJobs.RunsOf(key));
        Assert.NotEqual(orphan.ClaimedBy, job.ClaimedBy);
    }

    [Fact]
    public async Task A_job_whose_worker_died_at_every_attempt_is_given_up()
    {
        var key = TestData.Unique("killer");
        var orphan = await factory.Save(DeadWorkersJob(FailingHandler.Name, key, attempts: 3));

        await using var restarted = factory.SecondServer();
        await restarted.InitializeAsync();
        var job = await factory.FinishedJobAsync(orphan.Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(0, HandledJobs.RunsOf(key));
        Assert.Equal("Its worker stopped answering during each of its 3 attempts.", job.LastError);
        Assert.Equal(job.LastError, HandledJobs.GivenUp[key]);
    }

    [Fact]
    public async Task A_job_running_when_its_server_stops_is_handed_back()
    {
        var key = TestData.Unique("long");
        var id = await factory.EnqueueAsync(HangingHandler.Name, HandledJobs.Payload(key));

        await using (var server = factory.SecondServer(workers: 1))
        {
            await server.InitializeAsync();
            await Waiting.UntilAsync(() => HandledJobs.RunsOf(key) == 1, "the job to start");
        } // stopping waits the shutdown timeout (1 s here), then cancels the job

        var job = await factory.JobAsync(id);
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseExpiresAt);
        await factory.WithDb(db => db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync()); // no later server should run it
    }

    [Fact]
    public async Task A_long_job_keeps_renewing_its_lease()
    {
        var key = TestData.Unique("renewed");
        var id = await factory.EnqueueAsync(HangingHandler.Name, HandledJobs.Payload(key));

        await using (var server = factory.SecondServer(workers: 1, leaseSeconds: 3))
        {
            await server.InitializeAsync();
            await Waiting.UntilAsync(() => HandledJobs.RunsOf(key) == 1, "the job to start");
            var claimed = await factory.JobAsync(id);
            await Waiting.UntilAsync(async () => (await factory.JobAsync(id))!.LeaseExpiresAt > claimed!.LeaseExpiresAt, "the lease to be renewed");

            var running = await factory.JobAsync(id);
            Assert.Equal(JobStatus.Running, running!.Status);
            Assert.Equal(claimed!.ClaimedBy, running.ClaimedBy);
            Assert.Equal(1, running.Attempts);
        }
        await factory.WithDb(db => db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task Concurrent_claims_never_take_one_job_twice()
    {
        var jobs = Enumerable.Range(0, 20).Select(_ => new Job
        {
            Kind = CountingHandler.Name, Payload = HandledJobs.Payload(TestData.Unique("race")), RunAfter = Clock.UtcNow().AddSeconds(-1),
        }).ToArray();
        await factory.Save(jobs[0], jobs[1..]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 40).Select(n => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync($"racer:{n}");
        })));

        var claimed = claims.OfType<Job>().Select(job => job.Id).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.All(jobs, job => Assert.Contains(job.Id, claimed));
        Assert.All(claims.OfType<Job>(), job => Assert.Equal(JobStatus.Running, job.Status));
    }

    /// <summary>A job as a worker that died leaves it: running, its lease expired a minute ago.</summary>
    static Job DeadWorkersJob(string kind, string key, int attempts) => new()
    {
        Kind = kind,
        Payload = HandledJobs.Payload(key),
        Status = JobStatus.Running,
        Attempts = attempts,
        RunAfter = Clock.UtcNow().AddMinutes(-5),
        ClaimedBy = "crashed-host:4242:1",
        LeaseExpiresAt = Clock.UtcNow().AddMinutes(-1),
    };
}
