using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class WorkerCommandTests : IAsyncLifetime
{
    readonly CommandRunner slate = new(new Dictionary<string, string?> { ["SLATE_JOB_POLL_SECONDS"] = "0.1" });
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Fact]
    public async Task The_worker_takes_queued_jobs_until_stopped()
    {
        await slate.Run("init-db");
        // The command host has only Slate's own handlers; a kind none of them runs shows the
        // worker claimed the job and settled it.
        var job = new Job { Kind = "nobody-runs-this", Payload = new JsonObject { ["n"] = 1 }, RunAfter = Clock.UtcNow() };
        await slate.WithDb(async db => { db.Jobs.Add(job); return await db.SaveChangesAsync(); });

        await using var worker = await slate.Start("worker: running 2 job(s) at a time", "worker", "--workers", "2");
        Job? seen = null;
        await Waiting.UntilAsync(async () => (seen = await slate.WithDb(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id))).Status == JobStatus.Failed,
            "the worker to settle the job");

        Assert.Equal("No handler runs jobs of kind 'nobody-runs-this'.", seen!.LastError);
        Assert.Equal(0, await worker.StopAsync());
        Assert.Contains("Worker stopped.", worker.Output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task A_worker_count_must_be_a_positive_number(string count)
    {
        var result = await slate.Run("worker", "--workers", count);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--workers takes a number above 0.", result.Error);
    }
}
