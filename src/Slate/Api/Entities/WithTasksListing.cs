using System.Buffers;
using System.Data;
using System.IO.Pipelines;
using System.Linq.Expressions;
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
public sealed record Field<T>(string Name, Action<Utf8JsonWriter, T> Write)
{
    /// <summary>The name encoded once: written as is, without an escaping check on every row.</summary>
    public JsonEncodedText Key { get; } = JsonEncodedText.Encode(Name);
}

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
/// The entities in display order and the caller's subscriptions (one query each), then the tasks
/// and their assignees a chunk of entities at a time (two queries per chunk, by entity id: no sort
/// of the whole listing in the database, one chunk in memory), all inside one read transaction so
/// they see the same rows. docs/performance.md has the measurements behind this shape.
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

    /// <summary>About 15,000 tasks in memory at a time with Zou's usual 10 to 20 task types.</summary>
    const int EntitiesPerChunk = 1000;

    /// <summary>The task columns the views write (and sort on): less to read than the whole row.</summary>
    static readonly Expression<Func<ProductionTask, ProductionTask>> WrittenColumns = t => new ProductionTask
    {
        Id = t.Id, EntityId = t.EntityId, TaskTypeId = t.TaskTypeId, TaskStatusId = t.TaskStatusId, AssignerId = t.AssignerId,
        Priority = t.Priority, Estimation = t.Estimation, Duration = t.Duration, RetakeCount = t.RetakeCount,
        Difficulty = t.Difficulty, NbAssetsReady = t.NbAssetsReady, NbDrawings = t.NbDrawings, RealStartDate = t.RealStartDate,
        StartDate = t.StartDate, EndDate = t.EndDate, DueDate = t.DueDate, DoneDate = t.DoneDate,
        LastCommentDate = t.LastCommentDate, LastPreviewFileId = t.LastPreviewFileId, Data = t.Data, CreatedAt = t.CreatedAt,
    };

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
        // Prepared statements get PostgreSQL's generic plan after five runs; for "entity_id = ANY(@ids)
        // OR (entity_id IS NULL AND array_position(@ids, NULL) ...)" (EF Core's null handling) that plan
        // scans every task. Plans made for the actual ids use the entity index.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", aborted);
        var entities = await InDisplayOrder(rows).ToListAsync(aborted);
        var subscribed = (await db.Subscriptions.AsNoTracking()
            .Where(s => s.PersonId == callerId && s.TaskId != null)
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

        async Task WriteRowAsync(EntityRow row, List<TaskItem> rowTasks)
        {
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

        // The tasks are read a chunk of entities at a time, by entity id (an index lookup, no sort of
        // the whole listing in the database), and put in display order here: memory holds one chunk.
        foreach (var chunk in entities.Chunk(EntitiesPerChunk))
        {
            var ids = chunk.Select(r => r.Entity.Id).ToList();
            var chunkTasks = tasks.Where(t => EF.Parameter(ids).Contains(t.EntityId!.Value));
            var assignees = await AssigneesAsync(chunkTasks, aborted);
            var byEntity = (await chunkTasks.Select(WrittenColumns).ToListAsync(aborted))
                .Select(t => new TaskItem(t, assignees.GetValueOrDefault(t.Id) ?? [], subscribed.Contains(t.Id)))
                .ToLookup(item => item.Task.EntityId!.Value);
            foreach (var row in chunk)
                await WriteRowAsync(row, [.. byEntity[row.Entity.Id].OrderBy(item => item.Task.CreatedAt).ThenBy(item => item.Task.Id)]);
        }
        await transaction.CommitAsync(aborted);

        if (!stream) writer.WriteEndArray();
        if (compact && !stream) writer.WriteEndObject();
        writer.Flush();
        await output.FlushAsync(aborted);
    }

    /// <summary>The assignees of these tasks, by task, in person id order (one query: task ids by entity index, then the links by task).</summary>
    async Task<Dictionary<Guid, List<Guid>>> AssigneesAsync(IQueryable<ProductionTask> listed, CancellationToken aborted)
    {
        var byTask = await EntityService.AssigneesByTaskAsync(
            from link in db.TaskPersonLinks join task in listed on link.TaskId equals task.Id select link, aborted);
        foreach (var persons in byTask.Values) persons.Sort();
        return byTask;
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
            if (!compact) writer.WritePropertyName(field.Key);
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
