namespace Slate.Bench.Load;

/// <summary>
/// The server process's resident memory (/proc/PID/status) while a scenario runs: its peak
/// growth over the scenario's start. The kernel's peak (VmHWM) is reset at the start when this
/// process may (writing 5 to clear_refs), so even a peak between two samples is seen.
/// </summary>
public sealed class MemorySampler(int pid)
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    long baselineKb;
    long peakKb;
    bool kernelPeakReset;
    CancellationTokenSource? stop;
    Task? sampling;

    public void Start()
    {
        kernelPeakReset = TryResetKernelPeak();
        baselineKb = peakKb = ReadKb("VmRSS");
        stop = new CancellationTokenSource();
        sampling = SampleAsync(stop.Token);
    }

    /// <summary>The peak growth in MB since <see cref="Start"/>.</summary>
    public async Task<double> StopAsync()
    {
        await stop!.CancelAsync();
        await sampling!;
        if (kernelPeakReset) peakKb = Math.Max(peakKb, ReadKb("VmHWM"));
        return Math.Max(0, peakKb - baselineKb) / 1024.0;
    }

    async Task SampleAsync(CancellationToken stopped)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopped)) peakKb = Math.Max(peakKb, ReadKb("VmRSS"));
        }
        catch (OperationCanceledException)
        {
        }
    }

    bool TryResetKernelPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    long ReadKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }
}
