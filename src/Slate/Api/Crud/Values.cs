using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slate.Api.Crud;

/// <summary>Reading column values from query strings and JSON bodies, as Zou accepts them.</summary>
public static partial class Values
{
    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    public static bool TryUuid(string text, out Guid id)
    {
        id = default;
        return UuidPattern().IsMatch(text) && Guid.TryParse(text, out id);
    }

    /// <summary>Zou's booleans: y/yes/t/true/on/1 and n/no/f/false/off/0, any case.</summary>
    public static bool? Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "y" or "yes" or "t" or "true" or "on" or "1" => true,
        "n" or "no" or "f" or "false" or "off" or "0" => false,
        _ => null,
    };

    /// <summary>ISO 8601 date or datetime; an offset or "Z" is converted to naive UTC.</summary>
    public static DateTime? DateTimeValue(string text)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var naive))
            return DateTime.SpecifyKind(naive, DateTimeKind.Unspecified);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && text.Length >= 10 && text[4] == '-')
            return DateTime.SpecifyKind(withOffset.UtcDateTime, DateTimeKind.Unspecified);
        return null;
    }

    /// <summary>A query-string value as the column's type, or null when it does not read as one.</summary>
    public static object? FromText(string text, Type type)
    {
        if (type == typeof(string)) return text;
        if (type == typeof(Guid)) return TryUuid(text, out var id) ? id : null;
        if (type == typeof(bool)) return Boolean(text);
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (type == typeof(long)) return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (type == typeof(double)) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        if (type == typeof(DateTime)) return DateTimeValue(text);
        if (type == typeof(DateOnly)) return DateTimeValue(text) is { } date ? DateOnly.FromDateTime(date) : null;
        return null;
    }

    /// <summary>
    /// A JSON body value as the column's type. Numbers and booleans may come as strings (form
    /// posts, scripts); null stays null. Throws <see cref="FormatException"/> when it cannot be read.
    /// </summary>
    public static object? FromJson(JsonNode? node, Type type)
    {
        if (node is null) return null;
        if (type == typeof(JsonNode)) return node.DeepClone();
        if (type == typeof(List<string>))
            return node is JsonArray items
                ? items.Select(item => item?.GetValueKind() == JsonValueKind.String ? (string)item! : throw new FormatException()).ToList()
                : throw new FormatException();
        if (node is not JsonValue value) throw new FormatException();
        var kind = value.GetValueKind();
        if (type == typeof(string))
            return kind switch
            {
                JsonValueKind.String => (string)value!,
                JsonValueKind.Number => value.ToJsonString(),
                _ => throw new FormatException(),
            };
        if (type == typeof(bool) && kind is JsonValueKind.True or JsonValueKind.False) return (bool)value;
        if (type == typeof(int) && kind == JsonValueKind.Number && value.TryGetValue<int>(out var i)) return i;
        if (type == typeof(long) && kind == JsonValueKind.Number && value.TryGetValue<long>(out var l)) return l;
        if (type == typeof(double) && kind == JsonValueKind.Number) return (double)value;
        if (kind == JsonValueKind.String) return FromText((string)value!, type) ?? throw new FormatException();
        throw new FormatException();
    }
}
