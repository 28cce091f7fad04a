using System.Buffers;
using System.Data;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Entities;

/// <summary>An entity with the names its with-tasks row shows and is sorted by.</summary>
public sealed class EntityRow
{
    public required Entity Entity { get; init; }
    public required string TypeName { get; init; }
    public required string ProjectName { get; init; }
    public string? ParentName { get; init; }
    public Guid? GrandparentId { get; init; }
    public string? GrandparentName { get; init; }
}

/// <summary>A task of a listed entity with its caller-dependent parts.</summary>
public sealed record TaskItem(ProductionTask Task, List<Guid> Assignees, bool IsSubscribed);

/// <summary>One with-tasks row being written: the entity, its data as the caller may see it, its tasks.</summary>
public sealed record RowItem(EntityRow Row, JsonNode? Data, List<TaskItem> Tasks, WithTasksListing Listing);

/// <summary>A named field of a row and how its value is written.</summary>
public sealed record Field<T>(string Name, Action<Utf8JsonWriter, T> Write);

/// <summary>
/// The shape of one with-tasks view: its entity fields (plain order, and the compact order with
/// the header key naming them), its task fields. "tasks" in the entity fields marks where the
/// task list goes.
/// </summary>
public sealed record WithTasksLayout(
    IReadOnlyList<Field<RowItem>> Fields,
    IReadOnlyList<Field<TaskItem>> TaskFields,
    string? CompactKey = null,
    IReadOnlyList<Field<RowItem>>? CompactFields = null);

/// <summary>How the rows go on the wire: a JSON array of objects, Zou's compact document, or NDJSON.</summary>
public enum WithTasksFormat { Plain, Compact, Stream, CompactStream }

/// <summary>
/// A prepared with-tasks listing (behavior-production.md §1.6), written straight to the response.
/// A fixed number of queries whatever the row count: the entities (in display order), their tasks
/// with assignees in the same order (streamed and merged with the entities, so tasks are never all
/// held in memory), and the caller's subscriptions; both main queries run in one read transaction
/// so they see the same rows.
/// </summary>
public sealed class WithTasksListing(SlateDb db, IQueryable<EntityRow> rows, IQueryable<ProductionTask> tasks, Guid callerId,
    WithTasksLayout layout) : IResult
{
    /// <summary>Per project, the data keys the caller may not see (vendors' restricted descriptors).</summary>
    public Dictionary<Guid, HashSet<string>> HiddenData { get; init; } = [];

    /// <summary>Per asset, the episodes it is cast in (assets' casting_episode_ids).</summary>
    public Dictionary<Guid, List<Guid>> CastingEpisodes { get; init; } = [];

    /// <summary>Per entity, the entities its concept links point to.</summary>
    public Dictionary<Guid, List<Guid>> ConceptLinks { get; init; } = [];

    public WithTasksFormat Format { get; init; } = WithTasksFormat.Plain;

    const int FlushThreshold = 32 * 1024;

    static IOrderedQueryable<EntityRow> InDisplayOrder(IQueryable<EntityRow> rows) => rows
        .OrderBy(r => r.TypeName).ThenBy(r => r.GrandparentName).ThenBy(r => r.ParentName)
        .ThenBy(r => r.Entity.Name).ThenBy(r => r.Entity.Id);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Format is WithTasksFormat.Stream or WithTasksFormat.CompactStream
            ? "application/x-ndjson" : "application/json";
        await WriteAsync(context.Response.BodyWriter, context.RequestAborted);
    }

    /// <summary>The rows as JSON objects (the plain form), for answers built around one row.</summary>
    public async Task<List<JsonObject>> ObjectsAsync()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await WriteAsync(pipe.Writer, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        var text = result.Buffer.ToArray();
        await pipe.Reader.CompleteAsync();
        return [.. JsonNode.Parse(text)!.AsArray().Select(row => row!.AsObject())];
    }

    async Task WriteAsync(PipeWriter output, CancellationToken aborted)
    {
        var compact = Format is WithTasksFormat.Compact or WithTasksFormat.CompactStream;
        var stream = Format is WithTasksFormat.Stream or WithTasksFormat.CompactStream;
        var fields = compact ? layout.CompactFields ?? layout.Fields : layout.Fields;
        var writer = new Utf8JsonWriter(output, ZouJson.WriterOptions);

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, aborted);
        var entities = await InDisplayOrder(rows).ToListAsync(aborted);
        var positions = new Dictionary<Guid, int>(entities.Count);
        for (var i = 0; i < entities.Count; i++) positions[entities[i].Entity.Id] = i;
        var listed = tasks.Join(rows, t => t.EntityId, r => r.Entity.Id, (t, r) => t.Id);
        var subscribed = (await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == callerId && s.TaskId != null && listed.Contains(s.TaskId.Value))
            .Select(s => s.TaskId!.Value).ToListAsync(aborted)).ToHashSet();

        long unflushed = 0;
        if (compact || stream) WriteHeader(writer, compact, stream);
        if (stream) EndLine();
        else writer.WriteStartArray();

        void EndLine()
        {
            writer.Flush();
            output.Write("\n"u8);
            writer.Reset(output);
        }

        async Task WriteRowAsync(int position, List<TaskItem> rowTasks)
        {
            var row = entities[position];
            var data = HiddenData.TryGetValue(row.Entity.ProjectId, out var hidden) ? Without(row.Entity.Data, hidden) : row.Entity.Data;
            WriteFields(writer, fields, new RowItem(row, data, rowTasks, this), compact, item =>
            {
                writer.WriteStartArray();
                foreach (var task in item.Tasks) WriteFields(writer, layout.TaskFields, task, compact, null);
                writer.WriteEndArray();
            });
            unflushed += writer.BytesPending;
            if (stream) EndLine();
            else writer.Flush();
            if (unflushed > FlushThreshold)
            {
                await output.FlushAsync(aborted);
                unflushed = 0;
            }
        }

        var lines = from t in tasks
                    join r in rows on t.EntityId equals r.Entity.Id
                    from link in db.TaskPersonLinks.Where(l => l.TaskId == t.Id).DefaultIfEmpty()
                    orderby r.TypeName, r.GrandparentName, r.ParentName, r.Entity.Name, r.Entity.Id, t.CreatedAt, t.Id, link.PersonId
                    select new { Task = t, Assignee = (Guid?)link.PersonId };
        var next = 0;
        List<TaskItem> pending = [];
        TaskItem? last = null;
        await foreach (var line in lines.AsAsyncEnumerable().WithCancellation(aborted))
        {
            if (last is not null && last.Task.Id == line.Task.Id)
            {
                if (line.Assignee is { } more) last.Assignees.Add(more);
                continue;
            }
            if (!positions.TryGetValue(line.Task.EntityId ?? Guid.Empty, out var position) || position < next) continue;
            for (; next < position; next++, pending = []) await WriteRowAsync(next, pending);
            last = new TaskItem(line.Task, line.Assignee is { } assignee ? [assignee] : [], subscribed.Contains(line.Task.Id));
            pending.Add(last);
        }
        for (; next < entities.Count; next++, pending = []) await WriteRowAsync(next, pending);
        await transaction.CommitAsync(aborted);

        if (!stream) writer.WriteEndArray();
        if (compact && !stream) writer.WriteEndObject();
        writer.Flush();
        await output.FlushAsync(aborted);
    }

    /// <summary>
    /// Zou's header: {"compact": bool} and, compact, the field lists. Not streamed, it opens the
    /// document whose "rows" hold the rows; streamed, it is the first line.
    /// </summary>
    void WriteHeader(Utf8JsonWriter writer, bool compact, bool stream)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("compact", compact);
        if (compact)
        {
            writer.WriteStartArray(layout.CompactKey!);
            foreach (var field in layout.CompactFields ?? layout.Fields) writer.WriteStringValue(field.Name);
            writer.WriteEndArray();
            writer.WriteStartArray("task_fields");
            foreach (var field in layout.TaskFields) writer.WriteStringValue(field.Name);
            writer.WriteEndArray();
        }
        if (stream) writer.WriteEndObject();
        else writer.WritePropertyName("rows");
    }

    /// <summary>A value's fields as an object, or compact as an array in field order.</summary>
    static void WriteFields<T>(Utf8JsonWriter writer, IReadOnlyList<Field<T>> fields, T value, bool compact, Action<T>? writeTasks)
    {
        if (compact) writer.WriteStartArray();
        else writer.WriteStartObject();
        foreach (var field in fields)
        {
            if (!compact) writer.WritePropertyName(field.Name);
            if (writeTasks is not null && field.Name == "tasks") writeTasks(value);
            else field.Write(writer, value);
        }
        if (compact) writer.WriteEndArray();
        else writer.WriteEndObject();
    }

    static JsonNode? Without(JsonNode? data, HashSet<string> hidden)
    {
        if (data is not JsonObject fields || !fields.Any(pair => hidden.Contains(pair.Key))) return data;
        var visible = new JsonObject();
        foreach (var (key, value) in fields)
            if (!hidden.Contains(key)) visible[key] = value?.DeepClone();
        return visible;
    }
}
