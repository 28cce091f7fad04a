namespace Slate.Data;

/// <summary>
/// Zou stores naive UTC datetimes (timestamp without time zone). Every timestamp Slate writes
/// comes from here, so the kind is always Unspecified and the precision is the database's (µs).
/// </summary>
public static class Clock
{
    public static DateTime UtcNow()
    {
        var now = DateTime.UtcNow;
        return DateTime.SpecifyKind(now.AddTicks(-(now.Ticks % 10)), DateTimeKind.Unspecified);
    }
}
