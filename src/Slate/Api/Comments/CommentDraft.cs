using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Api.Crud;
using Slate.Http;

namespace Slate.Api.Comments;

/// <summary>A file sent with a request: the form key it came under, its name and type, and its content.</summary>
public sealed record UploadedFile(string Field, string Name, string? Mimetype, Func<Stream> Open)
{
    /// <summary>Zou's reading of a file name: the lowercased text after the last dot (the whole name without one).</summary>
    public string Extension => Name[(Name.LastIndexOf('.') + 1)..].ToLowerInvariant();

    /// <summary>The name before its last dot; empty without one.</summary>
    public string BaseName => Name.LastIndexOf('.') is var dot and >= 0 ? Name[..dot] : "";
}

/// <summary>
/// A comment as asked for (Zou's CommentCreateSchema and the batch entries), read and checked
/// before anything is written: a malformed value is a 400 naming the field.
/// </summary>
public sealed record CommentDraft(
    Guid TaskStatusId, string Text, Guid? PersonId, DateTime? CreatedAt, JsonArray Checklist, List<string> Links, bool ForClient,
    IReadOnlyList<UploadedFile> Files)
{
    /// <summary>
    /// Reads the fields of a JSON body or a multipart form (where checklist and links arrive as
    /// JSON strings, and null or empty values mean empty lists). <paramref name="textKey"/> is
    /// "comment" for a single comment and "text" for batch entries.
    /// </summary>
    public static CommentDraft Read(JsonObject fields, string textKey, IReadOnlyList<UploadedFile> files)
    {
        var status = RequestBody.OptionalText(fields, "task_status_id")
            ?? throw new ValidationFailedException(("task_status_id", "Field required"));
        return new CommentDraft(
            Id("task_status_id", status),
            RequestBody.OptionalText(fields, textKey) ?? "",
            RequestBody.OptionalText(fields, "person_id") is { Length: > 0 } person ? Id("person_id", person) : null,
            // Zou reads "YYYY-MM-DD HH:MM:SS" or ISO and ignores a date it cannot read (the comment is dated now).
            RequestBody.OptionalText(fields, "created_at") is { Length: > 0 } date ? Values.DateTimeValue(date) : null,
            List(fields, "checklist"),
            [.. List(fields, "links").Select(link => link is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw new ValidationFailedException(("links", "Input should be a valid string")))],
            Flag(fields, "for_client"),
            files);
    }

    static Guid Id(string field, string text) =>
        Values.TryUuid(text, out var id) ? id : throw new ValidationFailedException((field, "Input should be a valid UUID"));

    static JsonArray List(JsonObject fields, string key)
    {
        var node = fields[key];
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (text.Length == 0) return [];
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new ValidationFailedException((key, "Input should be a valid list"));
            }
        }
        return node switch
        {
            null => [],
            JsonArray list => (JsonArray)list.DeepClone(),
            _ => throw new ValidationFailedException((key, "Input should be a valid list")),
        };
    }

    static bool Flag(JsonObject fields, string key) => fields[key] switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) && Values.Boolean(text) is { } flag => flag,
        _ => throw new ValidationFailedException((key, "Input should be a valid boolean")),
    };
}
