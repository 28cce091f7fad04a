using System.Globalization;
using Slate.Http;

namespace Slate.Data;

/// <summary>
/// Days and periods read from a path (Zou's date_helpers intervals): a day, a year, a month, an
/// ISO week or a day given as numbers. Each is [Start, End) in calendar days; anything that is not
/// a real date (month 13, week 54, a word) is a 400 with the message the route gives, never a 500.
/// </summary>
public static class Periods
{
    public readonly record struct Period(DateOnly Start, DateOnly End)
    {
        /// <summary>The last day inside the period (Zou's _last_day_of).</summary>
        public DateOnly LastDay => End.AddDays(-1);
    }

    /// <summary>A day of the path: YYYY-MM-DD (month and day may drop their leading zero).</summary>
    public static DateOnly Day(string text, string message) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new WrongParameterException(message);

    public static Period Year(string year, string message) =>
        Build(message, () => new DateOnly(Number(year, message), 1, 1), start => start.AddYears(1));

    public static Period Month(string year, string month, string message) =>
        Build(message, () => new DateOnly(Number(year, message), Number(month, message), 1), start => start.AddMonths(1));

    /// <summary>The ISO week: Monday of week <paramref name="week"/> of the ISO year, and the next Monday.</summary>
    public static Period Week(string year, string week, string message) =>
        Build(message, () => DateOnly.FromDateTime(ISOWeek.ToDateTime(Number(year, message), Number(week, message), DayOfWeek.Monday)),
            start => start.AddDays(7));

    public static Period OneDay(string year, string month, string day, string message) =>
        Build(message, () => new DateOnly(Number(year, message), Number(month, message), Number(day, message)), start => start.AddDays(1));

    /// <summary>A whole number as Python's int() reads one (surrounding spaces and a sign allowed).</summary>
    static int Number(string text, string message) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw new WrongParameterException(message);

    static Period Build(string message, Func<DateOnly> start, Func<DateOnly, DateOnly> end)
    {
        try
        {
            var first = start();
            return new Period(first, end(first));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new WrongParameterException(message);
        }
    }
}
