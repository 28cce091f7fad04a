namespace Slate.Bench.Load;

public static class Statistics
{
    /// <summary>The nearest-rank percentile (0.5 is the median) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
