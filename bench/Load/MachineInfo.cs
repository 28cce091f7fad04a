namespace Slate.Bench.Load;

/// <summary>The machine the figures were taken on, from /proc (Linux).</summary>
public static class MachineInfo
{
    public static Machine Read() => new(Environment.ProcessorCount, MemoryMb(), Cpu());

    static long MemoryMb() => ProcField("/proc/meminfo", "MemTotal") is { } total
        ? long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]) / 1024
        : 0;

    static string Cpu() => ProcField("/proc/cpuinfo", "model name") ?? "unknown";

    static string? ProcField(string path, string name) => File.Exists(path)
        ? File.ReadLines(path).Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
        : null;
}
