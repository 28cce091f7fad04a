using System.Runtime.InteropServices;
using Slate.Jobs;

namespace Slate.Cli;

/// <summary>`worker [--workers N]`: runs background jobs, without HTTP, until stopped.</summary>
public sealed class WorkerCommand : Command
{
    public override string Name => "worker";
    public override string Summary => "Run background jobs (movie normalization...) without serving HTTP, until stopped.";
    public override string Usage => "[--workers N]";
    public override string Details => """
        -w, --workers N  jobs run at a time (default SLATE_JOB_WORKERS, at least 1).
        Run it on other machines with the server's settings (same database and file store): the
        workers take jobs queued by any server. Ctrl+C or SIGTERM stops taking jobs and lets the
        running ones end (or hands them back after the shutdown timeout, 30 s by default).
        """;

    public override Task<int> Run(string[] args, CommandContext context)
    {
        var arguments = Arguments.Parse(args, [], ("workers", "w"));
        int? count = null;
        if (arguments.Option("workers") is { } workers)
            count = int.TryParse(workers, out var n) && n > 0 ? n : throw new UsageException("--workers takes a number above 0.");
        return context.WithServices(async services =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
            count ??= Math.Max(1, services.GetRequiredService<Settings>().JobWorkers);
            context.Out.WriteLine($"Slate {Settings.Version} worker: running {count} job(s) at a time. Ctrl+C stops it.");
            await services.GetRequiredService<JobWorkers>().RunAsync(count.Value, stop.Token);
            context.Out.WriteLine("Worker stopped.");
            return 0;
        });
    }

    /// <summary>The first signal asks for a clean stop instead of ending the process at once.</summary>
    static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }
}
