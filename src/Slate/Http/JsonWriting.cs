using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Http;

/// <summary>Zou's forms of single values for the answers written straight to a Utf8JsonWriter.</summary>
public static class JsonWriting
{
    public static void Id(Utf8JsonWriter w, Guid? id)
    {
        if (id is { } value) w.WriteStringValue(value);
        else w.WriteNullValue();
    }

    public static void IdOrEmpty(Utf8JsonWriter w, Guid? id)
    {
        if (id is { } value) w.WriteStringValue(value);
        else w.WriteStringValue("");
    }

    public static void Ids(Utf8JsonWriter w, List<Guid>? ids)
    {
        w.WriteStartArray();
        foreach (var id in ids ?? []) w.WriteStringValue(id);
        w.WriteEndArray();
    }

    public static void Text(Utf8JsonWriter w, string? text)
    {
        if (text is null) w.WriteNullValue();
        else w.WriteStringValue(text);
    }

    public static void Bool(Utf8JsonWriter w, bool? value)
    {
        if (value is { } flag) w.WriteBooleanValue(flag);
        else w.WriteNullValue();
    }

    public static void Int(Utf8JsonWriter w, int? value)
    {
        if (value is { } number) w.WriteNumberValue(number);
        else w.WriteNullValue();
    }

    public static void Number(Utf8JsonWriter w, double? value)
    {
        if (value is { } number) w.WriteNumberValue(number);
        else w.WriteNullValue();
    }

    /// <summary>Zou's naive ISO form, "2026-11-28T06:40:00", its digits written directly (no format string to parse per value).</summary>
    public static void Date(Utf8JsonWriter w, DateTime? value)
    {
        if (value is not { } time)
        {
            w.WriteNullValue();
            return;
        }
        Span<byte> text = stackalloc byte[19];
        Digits(text[..4], time.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), time.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), time.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), time.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), time.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), time.Second);
        w.WriteStringValue(text);
    }

    static void Digits(Span<byte> into, int number)
    {
        for (var i = into.Length - 1; i >= 0; i--, number /= 10) into[i] = (byte)('0' + number % 10);
    }

    public static void Node(Utf8JsonWriter w, JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }
}
