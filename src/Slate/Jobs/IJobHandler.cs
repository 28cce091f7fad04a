using System.Text.Json.Nodes;

namespace Slate.Jobs;

/// <summary>
/// Runs the jobs of one kind. Each run gets a fresh DI scope (its own SlateDb); a run that throws
/// is retried, and after the last attempt the job is given up. A run may happen again after it
/// ended (its worker died before recording the outcome), so runs must be safe to repeat.
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind of job this handler runs, as given to <see cref="JobQueue.Enqueue"/>.</summary>
    string Kind { get; }

    /// <summary>Does the work. The token fires when the worker shuts down or loses the job.</summary>
    Task RunAsync(JsonObject payload, CancellationToken cancel);

    /// <summary>Called once the job will not be tried again (e.g. marks the preview broken).</summary>
    Task GiveUpAsync(JsonObject payload, string error);
}
