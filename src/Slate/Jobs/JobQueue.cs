using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Jobs;

/// <summary>
/// Queues background work in the caller's unit of work: the job row is saved by the caller's
/// SaveChanges, so a job exists exactly when the change that asked for it is committed. Once
/// saved, this process's workers are woken.
/// </summary>
public sealed class JobQueue(SlateDb db, JobSignal signal)
{
    bool wakeAfterSave;

    public void Enqueue(string kind, JsonObject payload)
    {
        db.Jobs.Add(new Job { Kind = kind, Payload = payload, RunAfter = Clock.UtcNow() });
        if (wakeAfterSave) return;
        wakeAfterSave = true;
        db.SavedChanges += WakeWorkers;
    }

    // Inside an explicit transaction this fires before the commit: a woken worker then finds the
    // job at its next poll (PostgreSQL) or once the commit frees SQLite's write lock.
    void WakeWorkers(object? sender, SavedChangesEventArgs e)
    {
        db.SavedChanges -= WakeWorkers;
        wakeAfterSave = false;
        signal.Wake();
    }
}
