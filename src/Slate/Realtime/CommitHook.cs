using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Slate.Data;
using Slate.Domain;

namespace Slate.Realtime;

/// <summary>
/// Publishes the events of a unit of work once it is committed, in emit order: at the end of a
/// SaveChanges outside an explicit transaction, or at the commit of the explicit transaction.
/// A failed save or a rolled-back (or abandoned: disposed uncommitted) transaction publishes
/// nothing. Events not persisted go the same way, with the save that follows them (or the
/// transaction they were emitted in), without a row. Other bus messages queued on the context
/// (<see cref="UncommittedEvents.AfterCommit"/>) go out with the next committed save, after its events.
/// The events waiting are kept on the context (<see cref="SlateDb.UncommittedEvents"/>).
/// </summary>
public sealed class CommitHook(IEventBus bus) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stage(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Stage(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Unstage(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Unstage(eventData.Context);
        return Task.CompletedTask;
    }

    // What this save commits: the events not persisted and the rows still to insert (not those
    // the change tracker was cleared of), then the messages queued for it.
    static void Stage(DbContext? context)
    {
        if (context is not SlateDb db) return;
        var waiting = db.UncommittedEvents;
        waiting.Saving =
        [
            .. waiting.Emitted.Where(e => !e.Persisted || db.Entry(e.Row).State == EntityState.Added).Select(e => Published(e.Row)),
            .. waiting.Queued,
        ];
    }

    static void Unstage(DbContext? context)
    {
        if (context is SlateDb db) db.UncommittedEvents.Saving = [];
    }

    void Saved(DbContext? context)
    {
        if (context is not SlateDb db) return;
        var saved = db.UncommittedEvents.Saving;
        db.UncommittedEvents.Saving = [];
        db.UncommittedEvents.Emitted.Clear();
        db.UncommittedEvents.Queued.Clear();
        if (db.Database.CurrentTransaction is not null)
        {
            db.UncommittedEvents.Saved.AddRange(saved);
            return;
        }
        // Committed by this save. Rows still waiting belong to a transaction abandoned without a commit.
        db.UncommittedEvents.Saved.Clear();
        Publish(saved);
    }

    void Publish(List<BusMessage> messages)
    {
        foreach (var message in messages) bus.Publish(message);
    }

    /// <summary>What the sockets receive of an event: no api_event id, as Zou publishes before storing.</summary>
    public static PublishedEvent Published(ApiEvent row) => new(row.Name, row.Data?.DeepClone() as JsonObject ?? [], row.ProjectId);

    void Committed(DbContext? context)
    {
        if (context is not SlateDb db) return;
        Publish(db.UncommittedEvents.Saved);
        db.UncommittedEvents.Saved.Clear();
    }

    static void Forget(DbContext? context)
    {
        if (context is SlateDb db) db.UncommittedEvents.Saved.Clear();
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A context's events not yet committed: emitted and not yet saved (in emit order; an event not
/// persisted is an api_event row that is never added) and other bus messages queued for the next
/// save; what is being saved; what was saved in a transaction not yet committed.
/// </summary>
public sealed class UncommittedEvents
{
    public List<(ApiEvent Row, bool Persisted)> Emitted { get; } = [];
    public List<BusMessage> Queued { get; } = [];
    public List<BusMessage> Saving { get; set; } = [];
    public List<BusMessage> Saved { get; } = [];

    /// <summary>Publishes the message once the context's next save is committed (never if it rolls back).</summary>
    public void AfterCommit(BusMessage message) => Queued.Add(message);
}
