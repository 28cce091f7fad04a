using System.Globalization;

namespace Slate.Api.Index;

/// <summary>
/// Readings of the machine for /status/resources, taken from Linux's /proc the way Zou's psutil
/// takes them. Where /proc is missing (not Linux) the readings are zeros rather than errors: the
/// route is a monitoring probe and must not fail.
/// </summary>
public static class SystemResources
{
    public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes);

    /// <summary>Bytes, and the used share of the total in percent (psutil's virtual_memory).</summary>
    public sealed record Memory(long Total, long Used, long Available, double Percent);

    /// <summary>Each core's busy share over <paramref name="interval"/>, in percent with one decimal.</summary>
    public static async Task<IReadOnlyList<double>> CpuPercentPerCoreAsync(TimeSpan interval, CancellationToken ct)
    {
        var before = ReadCoreTimes();
        await Task.Delay(interval, ct);
        var after = ReadCoreTimes();
        return after.Zip(before, (now, then) =>
        {
            var total = now.Total - then.Total;
            return total == 0 ? 0.0 : Math.Round(100.0 * (now.Busy - then.Busy) / total, 1);
        }).ToList();
    }

    public static LoadAverage ReadLoadAverage()
    {
        var fields = ReadProc("loadavg").FirstOrDefault()?.Split(' ') ?? [];
        double At(int i) => i < fields.Length ? double.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        return new LoadAverage(At(0), At(1), At(2));
    }

    public static Memory ReadMemory()
    {
        var kilobytes = new Dictionary<string, long>();
        foreach (var line in ReadProc("meminfo"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[1].Trim().Split(' ')[0], out var value))
                kilobytes[parts[0]] = value;
        }
        long Bytes(string key) => kilobytes.GetValueOrDefault(key) * 1024;

        var total = Bytes("MemTotal");
        var free = Bytes("MemFree");
        var available = Bytes("MemAvailable");
        // psutil counts reclaimable slab as cache, and falls back to total - free when the
        // subtraction goes negative (it can inside containers).
        var used = total - free - Bytes("Buffers") - Bytes("Cached") - Bytes("SReclaimable");
        if (used < 0) used = total - free;
        var percent = total == 0 ? 0.0 : Math.Round(100.0 * (total - available) / total, 1);
        return new Memory(total, used, available, percent);
    }

    /// <summary>
    /// Per-core jiffies from /proc/stat ("cpuN user nice system idle iowait irq softirq steal
    /// guest guest_nice"). Guest time is already inside user and nice, so it is left out of the
    /// total; idle and iowait are the time not busy.
    /// </summary>
    static List<(ulong Busy, ulong Total)> ReadCoreTimes() =>
        ReadProc("stat")
            .Where(line => line.Length > 3 && line.StartsWith("cpu") && char.IsAsciiDigit(line[3]))
            .Select(line =>
            {
                var jiffies = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(ulong.Parse).ToArray();
                var total = jiffies.Aggregate(0UL, (sum, value) => sum + value);
                var idle = jiffies[3] + (jiffies.Length > 4 ? jiffies[4] : 0);
                return (total - idle, total);
            })
            .ToList();

    static IEnumerable<string> ReadProc(string name)
    {
        var path = Path.Combine("/proc", name);
        return File.Exists(path) ? File.ReadLines(path) : [];
    }
}
