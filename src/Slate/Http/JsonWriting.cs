using System.Globalization;
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

    public static void Date(Utf8JsonWriter w, DateTime? value)
    {
        if (value is { } time) w.WriteStringValue(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        else w.WriteNullValue();
    }

    public static void Node(Utf8JsonWriter w, JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }
}
