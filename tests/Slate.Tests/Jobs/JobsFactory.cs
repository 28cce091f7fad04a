using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Slate.Data;
using Slate.Domain;
using Slate.Jobs;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Jobs;

/// <summary>
/// A server whose job workers know the test kinds below, retry at once and poll often. Its
/// second servers share its database, as a restarted server or another machine would.
/// </summary>
public class JobsFactory : SlateFactory
{
    readonly int workers;
    readonly int leaseSeconds;

    public JobsFactory() : this(new TestDatabase(), workers: 2, leaseSeconds: 60)
    {
    }

    protected JobsFactory(int workers) : this(new TestDatabase(), workers, leaseSeconds: 60)
    {
    }

    JobsFactory(TestDatabase database, int workers, int leaseSeconds) : base(database)
    {
        this.workers = workers;
        this.leaseSeconds = leaseSeconds;
    }

    /// <summary>Another server on the same database and files, with its own workers; start it with InitializeAsync.</summary>
    public JobsFactory SecondServer(int workers = 2, int leaseSeconds = 60) => new(Database.SameStorage(), workers, leaseSeconds);

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["SLATE_JOB_WORKERS"] = workers.ToString(),
        ["SLATE_JOB_POLL_SECONDS"] = "0.1",
        ["SLATE_JOB_RETRY_SECONDS"] = "0",
        ["SLATE_JOB_MAX_ATTEMPTS"] = "3",
        ["SLATE_JOB_LEASE_SECONDS"] = leaseSeconds.ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddJobHandler<CountingHandler>();
            services.AddJobHandler<FailingHandler>();
            services.AddJobHandler<HangingHandler>();
            // A job that ignores nothing still gets only this long to end when the server stops.
            services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        });
    }

    /// <summary>Queues a job through JobQueue in a unit of work, saved unless told otherwise; returns its id.</summary>
    public async Task<Guid> EnqueueAsync(string kind, JsonObject payload, bool save = true)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JobQueue>().Enqueue(kind, payload);
        var db = scope.ServiceProvider.GetRequiredService<SlateDb>();
        var id = db.ChangeTracker.Entries<Job>().Single().Entity.Id;
        if (save) await db.SaveChangesAsync();
        return id;
    }

    public Task<Job?> JobAsync(Guid id) => WithDb(db => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id));

    /// <summary>Waits for the job to reach one of the end states (done or failed) and returns it.</summary>
    public async Task<Job> FinishedJobAsync(Guid id)
    {
        Job? job = null;
        await Waiting.UntilAsync(async () => (job = await JobAsync(id))?.Status is JobStatus.Done or JobStatus.Failed,
            $"job {id} to finish (last seen {job?.Status})");
        return job!;
    }
}

/// <summary>What the test handlers saw, by the "key" of each payload (each test uses keys of its own).</summary>
public static class HandledJobs
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();
    public static readonly ConcurrentDictionary<string, string> GivenUp = new();

    public static string Key(JsonObject payload) => (string)payload["key"]!;

    public static int RunsOf(string key) => Runs.GetValueOrDefault(key);

    public static JsonObject Payload(string key) => new() { ["key"] = key };
}

/// <summary>Counts its runs, taking a little time so that concurrent workers would overlap.</summary>
public sealed class CountingHandler : IJobHandler
{
    public const string Name = "test-count";
    public string Kind => Name;

    public async Task RunAsync(JsonObject payload, CancellationToken cancel)
    {
        HandledJobs.Runs.AddOrUpdate(HandledJobs.Key(payload), 1, (_, runs) => runs + 1);
        await Task.Delay(20, cancel);
    }

    public Task GiveUpAsync(JsonObject payload, string error) => Task.CompletedTask;
}

/// <summary>Fails every run; records what it was told when the job was given up.</summary>
public sealed class FailingHandler : IJobHandler
{
    public const string Name = "test-fail";
    public string Kind => Name;

    public Task RunAsync(JsonObject payload, CancellationToken cancel)
    {
        var key = HandledJobs.Key(payload);
        HandledJobs.Runs.AddOrUpdate(key, 1, (_, runs) => runs + 1);
        throw new InvalidOperationException($"Could not process {key}.");
    }

    public Task GiveUpAsync(JsonObject payload, string error)
    {
        HandledJobs.GivenUp[HandledJobs.Key(payload)] = error;
        return Task.CompletedTask;
    }
}

/// <summary>Runs until cancelled, like a long encode when the server stops.</summary>
public sealed class HangingHandler : IJobHandler
{
    public const string Name = "test-hang";
    public string Kind => Name;

    public async Task RunAsync(JsonObject payload, CancellationToken cancel)
    {
        HandledJobs.Runs.AddOrUpdate(HandledJobs.Key(payload), 1, (_, runs) => runs + 1);
        await Task.Delay(Timeout.Infinite, cancel);
    }

    public Task GiveUpAsync(JsonObject payload, string error) => Task.CompletedTask;
}
