using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Slate.Data;
using Slate.Domain;

namespace Slate.Jobs;

/// <summary>
/// The changes of a job's row. The claim is the one statement that decides which worker runs a
/// job; every later change is made only by the worker holding it (status running, claimed_by
/// its name), so a worker that lost its job to another can no longer touch it.
/// </summary>
public sealed class JobStore(SlateDb db, Settings settings)
{
    const string ClaimStart =
        "UPDATE slate_job SET status = 'running', claimed_by = @worker, attempts = attempts + 1, lease_expires_at = @lease, updated_at = @now " +
        "WHERE id = (SELECT id FROM slate_job " +
        "WHERE (status = 'queued' AND run_after <= @now) OR (status = 'running' AND lease_expires_at < @now) " +
        "ORDER BY run_after LIMIT 1";
    const string ClaimEnd = ") RETURNING *";
    // PostgreSQL: concurrent claims skip the row another one locked instead of waiting for it.
    // SQLite runs one write at a time, so the UPDATE alone is atomic.
    const string PostgresClaim = ClaimStart + " FOR UPDATE SKIP LOCKED" + ClaimEnd;
    const string SqliteClaim = ClaimStart + ClaimEnd;

    /// <summary>
    /// Takes the oldest job that is queued and due, or running with an expired lease (its worker
    /// died): status running, this worker's name, one more attempt, a fresh lease. Null when none.
    /// </summary>
    public async Task<Job?> ClaimAsync(string worker)
    {
        var now = Clock.UtcNow();
        var claimed = await db.Jobs.FromSqlRaw(db.Database.IsNpgsql() ? PostgresClaim : SqliteClaim,
                Parameter("worker", DbType.String, worker),
                Parameter("lease", DbType.DateTime2, now.AddSeconds(settings.JobLeaseSeconds)),
                Parameter("now", DbType.DateTime2, now))
            .AsNoTracking().ToListAsync();
        return claimed.SingleOrDefault();
    }

    /// <summary>
    /// A typed parameter of the raw claim: DateTime2 is a timestamp without time zone on
    /// PostgreSQL (Zou's naive UTC), where an untyped DateTime would be sent as timestamptz.
    /// </summary>
    DbParameter Parameter(string name, DbType type, object value)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        return parameter;
    }

    /// <summary>Pushes the lease back; false when the job is no longer this worker's.</summary>
    public Task<bool> RenewAsync(Job job) =>
        UpdateHeldAsync(job, set => set.SetProperty(j => j.LeaseExpiresAt, Clock.UtcNow().AddSeconds(settings.JobLeaseSeconds)));

    public Task<bool> FinishAsync(Job job) =>
        UpdateHeldAsync(job, set => set
            .SetProperty(j => j.Status, JobStatus.Done)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.FinishedAt, Clock.UtcNow()));

    /// <summary>Back in the queue after a failed attempt, due again at <paramref name="runAfter"/>.</summary>
    public Task<bool> RetryAsync(Job job, string error, DateTime runAfter) =>
        UpdateHeldAsync(job, set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.RunAfter, runAfter));

    public Task<bool> FailAsync(Job job, string error) =>
        UpdateHeldAsync(job, set => set
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.FinishedAt, Clock.UtcNow()));

    /// <summary>Hands an interrupted job back at once, without counting the attempt (the worker is shutting down).</summary>
    public Task<bool> ReleaseAsync(Job job) =>
        UpdateHeldAsync(job, set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.RunAfter, Clock.UtcNow()));

    async Task<bool> UpdateHeldAsync(Job job, Action<UpdateSettersBuilder<Job>> set)
    {
        var updatedAt = Clock.UtcNow();
        var changed = await db.Jobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Running && j.ClaimedBy == job.ClaimedBy)
            .ExecuteUpdateAsync(setters => set(setters.SetProperty(j => j.UpdatedAt, updatedAt)));
        return changed == 1;
    }
}
