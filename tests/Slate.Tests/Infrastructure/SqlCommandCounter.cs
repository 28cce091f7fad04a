using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends to one database (told apart by its connection string,
/// so test classes running beside it do not count) while it is alive.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    readonly string connectionString;
    readonly IDisposable listeners;
    readonly List<IDisposable> subscriptions = [];
    int count;

    SqlCommandCounter(string connectionString)
    {
        this.connectionString = connectionString;
        listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Starts counting the commands sent to the factory's database.</summary>
    public static async Task<SqlCommandCounter> StartAsync(SlateFactory factory) =>
        new(await factory.WithDb(db => Task.FromResult(db.Database.GetConnectionString()!)));

    public int Count => Volatile.Read(ref count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (subscriptions) subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        // The server's job workers poll the same database; their commands are not the request's.
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Context?.Database.GetConnectionString() == connectionString
            && !data.Command.CommandText.Contains("slate_job"))
            Interlocked.Increment(ref count);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        listeners.Dispose();
        lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
    }
}
