using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>
/// The generic CRUD algorithm (behavior-platform.md §2.2-2.7), shared by every collection: the
/// collection supplies its checks and hooks, this class the order of the steps, pagination,
/// relations, field selection, events and the single save that makes each request atomic.
/// </summary>
public sealed class CrudService(CrudContext c)
{
    public async Task<JsonNode> ListAsync<T>(CrudCollection<T> collection, IQueryCollection query) where T : class
    {
        c.Action = CrudAction.List;
        await collection.CheckListAsync(c);
        await collection.BeforeListAsync(c);
        var rows = QueryFilters.Apply(c.Db.Set<T>().AsNoTracking(), query, collection, c);
        rows = await collection.NarrowListAsync(rows, c);
        var relations = query.Count == 0
            ? collection.RelationsWithoutQuery
            : string.Equals(query["relations"], "true", StringComparison.OrdinalIgnoreCase);
        var fields = FieldsOf(query);

        if (Page(query) is not { } page)
            return new JsonArray([.. Select(await PresentAsync(collection, await collection.Unpaginated(rows).ToListAsync(), relations), fields)]);

        var limit = QueryArgs.Limit(query) ?? c.Settings.RecordsPerPage;
        var total = await rows.CountAsync();
        var offset = (page - 1) * limit;
        List<T> pageRows = page < 1 || offset > total || limit <= 0
            ? []
            : await Ordered(rows).Skip(offset).Take(limit).ToListAsync();
        return new JsonObject
        {
            ["data"] = new JsonArray([.. Select(await PresentAsync(collection, pageRows, relations), fields)]),
            ["total"] = total,
            ["nb_pages"] = limit > 0 ? (int)Math.Ceiling(total / (double)limit) : 0,
            ["limit"] = limit,
            ["offset"] = offset,
            ["page"] = page,
        };
    }

    public async Task<JsonObject> GetAsync<T>(CrudCollection<T> collection, string instanceId, IQueryCollection query) where T : class
    {
        c.Action = CrudAction.Get;
        var row = await FindAsync<T>(instanceId, tracked: false);
        await collection.CheckReadAsync(row, c);
        var relations = !string.Equals(query["relations"], "false", StringComparison.OrdinalIgnoreCase);
        return await collection.AnswerOneAsync(row, OneAnswer.Read, relations, c);
    }

    public async Task<JsonObject> CreateAsync<T>(CrudCollection<T> collection, HttpRequest request) where T : class, new()
    {
        c.Action = CrudAction.Create;
        var body = await BodyAsync(request);
        await collection.CheckCreateAsync(body, c);
        await collection.PrepareCreateAsync(body, c);
        var row = new T();
        var links = RowBinder.Apply(row, body, creating: true, collection.NotColumns.Concat(collection.ProtectedOnCreate).ToHashSet(), c.Db);
        await collection.BeforeCreateAsync(row, body, c);
        c.Db.Add(row);
        var id = ((Model)(object)row).Id;
        await RowBinder.WriteLinksAsync(id, links, c.Db);
        await collection.BeforeSaveAsync(row, c);
        await collection.EmitAsync(row, "new", c);
        await c.Db.SaveChangesAsync();
        return await collection.AnswerOneAsync(row, OneAnswer.Created, relations: true, c);
    }

    public async Task<JsonObject> UpdateAsync<T>(CrudCollection<T> collection, string instanceId, HttpRequest request) where T : class
    {
        c.Action = CrudAction.Update;
        var body = await BodyAsync(request);
        var row = await FindAsync<T>(instanceId, tracked: true);
        await collection.CheckUpdateAsync(row, body, c);
        await collection.BeforeUpdateAsync(row, body, c);
        var ignored = new HashSet<string>(collection.ProtectedOnUpdate.Concat(collection.NotColumns)) { "project_id" };
        var links = RowBinder.Apply(row, body, creating: false, ignored, c.Db);
        await RowBinder.WriteLinksAsync(((Model)(object)row).Id, links, c.Db);
        // updated_at always moves on a PUT, even when no column changed.
        ((Model)(object)row).UpdatedAt = Clock.UtcNow();
        await collection.BeforeSaveAsync(row, c);
        await collection.EmitAsync(row, "update", c);
        await c.Db.SaveChangesAsync();
        return await collection.AnswerOneAsync(row, OneAnswer.Updated, relations: false, c);
    }

    public async Task DeleteAsync<T>(CrudCollection<T> collection, string instanceId, IQueryCollection query) where T : class
    {
        c.Action = CrudAction.Delete;
        var row = await FindAsync<T>(instanceId, tracked: true);
        await collection.CheckDeleteAsync(row, c);
        // A delete may run bulk statements (link rows, a forced project removal) before the save:
        // one transaction makes them all or nothing.
        await using var transaction = await c.Db.Database.BeginTransactionAsync();
        await collection.DeleteAsync(row, query["force"] == "true", c);
        await collection.EmitAsync(row, "delete", c);
        await c.Db.SaveChangesAsync();
        await transaction.CommitAsync();
        await c.CommittedAsync();
    }

    /// <summary>400 for a malformed id, 404 for an unknown one, before any permission check (as Zou).</summary>
    async Task<T> FindAsync<T>(string instanceId, bool tracked) where T : class
    {
        if (!Values.TryUuid(instanceId, out var id)) throw new WrongParameterException("Malformed ID.");
        return await (tracked ? ById<T>.Tracked : ById<T>.Untracked)(c.Db, id) ?? throw new NotFoundException();
    }

    /// <summary>The row of an id, one compiled query per model: every instance route reads one.</summary>
    static class ById<T> where T : class
    {
        public static readonly Func<SlateDb, Guid, Task<T?>> Tracked = EF.CompileAsyncQuery((SlateDb db, Guid id) =>
            db.Set<T>().FirstOrDefault(row => EF.Property<Guid>(row, nameof(Model.Id)) == id));

        public static readonly Func<SlateDb, Guid, Task<T?>> Untracked = EF.CompileAsyncQuery((SlateDb db, Guid id) =>
            db.Set<T>().AsNoTracking().FirstOrDefault(row => EF.Property<Guid>(row, nameof(Model.Id)) == id));
    }

    static async Task<JsonObject> BodyAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw new ApiException(415, ApiException.ErrorBody(ErrorHandling.MessageFor(415)));
        return await RequestBody.ReadJsonAsync(request) switch
        {
            JsonObject body => body,
            null => throw new WrongParameterException(
                "Data are empty. Please verify that you sent JSON data and that you set the right headers."),
            _ => throw new BadRequestException("Request body must be a JSON object."),
        };
    }

    async Task<List<JsonObject>> PresentAsync<T>(CrudCollection<T> collection, IReadOnlyList<T> rows, bool relations) where T : class
    {
        return await collection.PresentAsync(rows, await c.Serializer.ObjectsAsync(rows, relations), c);
    }

    /// <summary>Zou's paginated order: most recently updated first, then by creation, then by id.</summary>
    static IQueryable<T> Ordered<T>(IQueryable<T> rows) where T : class => rows
        .OrderByDescending(row => EF.Property<DateTime?>(row, nameof(Model.UpdatedAt)))
        .ThenByDescending(row => EF.Property<DateTime?>(row, nameof(Model.CreatedAt)))
        .ThenBy(row => EF.Property<Guid>(row, nameof(Model.Id)));

    static int? Page(IQueryCollection query)
    {
        if (!query.TryGetValue("page", out var text)) return null;
        if (!int.TryParse(text, out var page)) throw new WrongParameterException("page must be an integer.");
        return page < 0 ? null : page; // a negative page means "not paginated"
    }

    static HashSet<string>? FieldsOf(IQueryCollection query) =>
        query.TryGetValue("fields", out var text) && text.ToString().Length > 0
            ? [.. text.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), "id", "type"]
            : null;

    /// <summary>`?fields=a,b` keeps those keys plus id and type; unknown names are ignored.</summary>
    static IEnumerable<JsonObject> Select(List<JsonObject> rows, HashSet<string>? fields)
    {
        if (fields is null) return rows;
        foreach (var row in rows)
            foreach (var key in row.Select(pair => pair.Key).Where(key => !fields.Contains(key)).ToList())
                row.Remove(key);
        return rows;
    }
}
