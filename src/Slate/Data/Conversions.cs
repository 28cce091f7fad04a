using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Slate.Data;

/// <summary>JSONB columns hold JSON text on both providers (jsonb on PostgreSQL, TEXT on SQLite).</summary>
public sealed class JsonNodeConverter() : ValueConverter<JsonNode, string>(
    node => node.ToJsonString((System.Text.Json.JsonSerializerOptions?)null),
    text => JsonNode.Parse(text, null, default)!);

/// <summary>JsonNode is mutable: compare and snapshot by content so in-place edits are saved.</summary>
public sealed class JsonNodeComparer() : ValueComparer<JsonNode>(
    (a, b) => JsonNode.DeepEquals(a, b),
    node => node.ToJsonString((System.Text.Json.JsonSerializerOptions?)null).GetHashCode(),
    node => node.DeepClone());

/// <summary>SQLite has no arrays: a list of byte strings is kept as a JSON list of base64 strings.</summary>
public sealed class ByteListAsJsonConverter() : ValueConverter<List<byte[]>, string>(
    list => System.Text.Json.JsonSerializer.Serialize(list.Select(Convert.ToBase64String), (System.Text.Json.JsonSerializerOptions?)null),
    text => System.Text.Json.JsonSerializer.Deserialize<List<string>>(text, (System.Text.Json.JsonSerializerOptions?)null)!
        .Select(Convert.FromBase64String).ToList());

public sealed class ByteListComparer() : ValueComparer<List<byte[]>>(
    (a, b) => a!.Count == b!.Count && a.Zip(b).All(pair => pair.First.SequenceEqual(pair.Second)),
    list => list.Count,
    list => list.Select(bytes => bytes.ToArray()).ToList());
