using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Jobs;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Jobs;

public sealed class JobQueueTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task A_job_saved_with_its_unit_of_work_runs_once_and_is_done()
    {
        var key = TestData.Unique("job");

        var job = await factory.FinishedJobAsync(await factory.EnqueueAsync(CountingHandler.Name, HandledJobs.Payload(key)));

        Assert.Equal(JobStatus.Done, job.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(1, HandledJobs.RunsOf(key));
        Assert.NotNull(job.FinishedAt);
        Assert.Null(job.LeaseExpiresAt);
        Assert.Null(job.LastError);
        Assert.StartsWith($"{Environment.MachineName}:{Environment.ProcessId}:", job.ClaimedBy);
    }

    [Fact]
    public async Task A_job_whose_unit_of_work_is_not_saved_never_runs()
    {
        var dropped = TestData.Unique("dropped");
        var later = TestData.Unique("later");

        var droppedId = await factory.EnqueueAsync(CountingHandler.Name, HandledJobs.Payload(dropped), save: false);
        await factory.FinishedJobAsync(await factory.EnqueueAsync(CountingHandler.Name, HandledJobs.Payload(later)));

        Assert.Null(await factory.JobAsync(droppedId));
        Assert.Equal(0, HandledJobs.RunsOf(dropped));
        Assert.Equal(1, HandledJobs.RunsOf(later));
    }

    [Fact]
    public async Task A_failing_job_is_retried_then_given_up()
    {
        var key = TestData.Unique("failing");

        var job = await factory.FinishedJobAsync(await factory.EnqueueAsync(FailingHandler.Name, HandledJobs.Payload(key)));

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, HandledJobs.RunsOf(key));
        Assert.Equal($"Could not process {key}.", job.LastError);
        Assert.Equal(job.LastError, HandledJobs.GivenUp[key]);
        Assert.NotNull(job.FinishedAt);
    }

    [Fact]
    public async Task A_job_of_an_unknown_kind_fails_with_a_clear_error()
    {
        var job = await factory.FinishedJobAsync(await factory.EnqueueAsync("no-such-kind", HandledJobs.Payload(TestData.Unique("unknown"))));

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("No handler runs jobs of kind 'no-such-kind'.", job.LastError);
    }

    [Fact]
    public async Task Two_servers_on_one_database_never_run_a_job_twice()
    {
        await using var second = factory.SecondServer();
        await second.InitializeAsync();
        var keys = Enumerable.Range(0, 40).Select(_ => TestData.Unique("shared")).ToList();

        List<Guid> ids;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
            foreach (var key in keys) queue.Enqueue(CountingHandler.Name, HandledJobs.Payload(key));
            var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
            ids = db.ChangeTracker.Entries<Job>().Select(entry => entry.Entity.Id).ToList();
            await db.SaveChangesAsync();
        }
        foreach (var id in ids) Assert.Equal(JobStatus.Done, (await factory.FinishedJobAsync(id)).Status);

        Assert.All(keys, key => Assert.Equal(1, HandledJobs.RunsOf(key)));
    }
}
