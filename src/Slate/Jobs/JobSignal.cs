namespace Slate.Jobs;

/// <summary>
/// Wakes this process's idle workers when a job was just queued here, so they don't wait for
/// their next poll (polling remains for jobs queued by other processes).
/// </summary>
public sealed class JobSignal
{
    TaskCompletionSource next = New();

    /// <summary>Completes at the next <see cref="Wake"/>; take it before looking for work so no wake is missed.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Wake() => Interlocked.Exchange(ref next, New()).TrySetResult();

    static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
