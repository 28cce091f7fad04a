using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Http;
using static Slate.Http.JsonWriting;

namespace Slate.Api.Playlists;

/// <summary>A preview of a playlist entity's task, with the few fields the playlist shows.</summary>
public sealed record PlaylistPreview(
    Guid Id, int? Revision, string? Extension, int? Width, int? Height, double? Duration, string Status, DateTime? CreatedAt,
    Guid TaskId, Guid TaskTypeId, Guid EntityId);

/// <summary>The first preview of a revision (by position) and the revision's other previews, nested in it.</summary>
public sealed record PreviewRevision(PlaylistPreview Main, List<PlaylistPreview> Others);

/// <summary>
/// What a playlist entry shows beside its stored keys: its entity's revisions by task type id
/// (null: the entity has no preview, Zou sends []), and when its preview was found, that
/// preview's nested previews.
/// </summary>
public sealed record EntryPreviews(OrderedDictionary<Guid, List<PreviewRevision>>? ByTaskType, List<PlaylistPreview>? Nested);

/// <summary>A build job as the playlist lists it.</summary>
public sealed record PlaylistBuildJob(Guid Id, string Status, DateTime? CreatedAt);

/// <summary>
/// The full playlist, written straight to the response: the playlist's columns in Zou's order,
/// each entry's keys as the service left them with "preview_files" and "preview_file_previews"
/// written from the preview rows (the same preview may show in both, so no JSON tree is built
/// for them), then "build_jobs".
/// </summary>
public sealed class FullPlaylist(JsonObject playlist, IReadOnlyList<EntryPreviews?> entries, IReadOnlyList<PlaylistBuildJob> buildJobs) : IResult
{
    const int FlushThreshold = 32 * 1024;

    /// <summary>Zou sends a preview's status label (sqlalchemy_utils' Choice), not its code, here.</summary>
    static readonly Dictionary<string, string> StatusLabels = new()
    {
        ["processing"] = "Processing", ["ready"] = "Ready", ["broken"] = "Broken", ["missing"] = "Missing",
    };

    public static string StatusLabel(string status) => StatusLabels.GetValueOrDefault(status, status);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var output = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(output, ZouJson.WriterOptions);
        writer.WriteStartObject();
        foreach (var (key, value) in playlist)
        {
            writer.WritePropertyName(key);
            if (key != "shots" || value is not JsonArray shots)
            {
                Node(writer, value);
                continue;
            }
            writer.WriteStartArray();
            for (var i = 0; i < shots.Count; i++)
            {
                WriteEntry(writer, shots[i], entries[i]);
                if (writer.BytesPending > FlushThreshold)
                {
                    writer.Flush();
                    await output.FlushAsync(context.RequestAborted);
                }
            }
            writer.WriteEndArray();
        }
        writer.WritePropertyName("build_jobs");
        writer.WriteStartArray();
        foreach (var job in buildJobs)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            Id(writer, job.Id);
            writer.WritePropertyName("status");
            Text(writer, job.Status);
            writer.WritePropertyName("created_at");
            Date(writer, job.CreatedAt);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    static void WriteEntry(Utf8JsonWriter writer, JsonNode? entry, EntryPreviews? previews)
    {
        if (entry is not JsonObject fields || previews is null)
        {
            Node(writer, entry);
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, value) in fields)
        {
            writer.WritePropertyName(key);
            if (key == "preview_files") WriteByTaskType(writer, previews.ByTaskType);
            else if (key == "preview_file_previews" && previews.Nested is { } nested) WritePreviews(writer, nested);
            else Node(writer, value);
        }
        writer.WriteEndObject();
    }

    static void WriteByTaskType(Utf8JsonWriter writer, OrderedDictionary<Guid, List<PreviewRevision>>? byTaskType)
    {
        if (byTaskType is null)
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        foreach (var (taskTypeId, revisions) in byTaskType)
        {
            writer.WritePropertyName(ZouSerializer.Uuid(taskTypeId));
            writer.WriteStartArray();
            foreach (var revision in revisions)
            {
                writer.WriteStartObject();
                WritePreviewFields(writer, revision.Main);
                writer.WritePropertyName("previews");
                WritePreviews(writer, revision.Others);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    static void WritePreviews(Utf8JsonWriter writer, List<PlaylistPreview> previews)
    {
        writer.WriteStartArray();
        foreach (var preview in previews)
        {
            writer.WriteStartObject();
            WritePreviewFields(writer, preview);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    static void WritePreviewFields(Utf8JsonWriter writer, PlaylistPreview preview)
    {
        writer.WritePropertyName("id");
        Id(writer, preview.Id);
        writer.WritePropertyName("revision");
        Int(writer, preview.Revision);
        writer.WritePropertyName("extension");
        Text(writer, preview.Extension);
        writer.WritePropertyName("width");
        Int(writer, preview.Width);
        writer.WritePropertyName("height");
        Int(writer, preview.Height);
        writer.WritePropertyName("duration");
        Number(writer, preview.Duration ?? 0);
        writer.WritePropertyName("status");
        Text(writer, StatusLabel(preview.Status));
        writer.WritePropertyName("created_at");
        Date(writer, preview.CreatedAt);
        writer.WritePropertyName("task_id");
        Id(writer, preview.TaskId);
    }
}
