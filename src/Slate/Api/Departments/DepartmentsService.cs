using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Departments;

/// <summary>
/// What each department is equipped with (Zou's departments blueprint): software licenses and
/// hardware items, given to a department by a link row. Admins only. The two kinds differ only by
/// their tables, so one set of rules serves both.
/// </summary>
public sealed class DepartmentsService(SlateDb db, ZouSerializer serializer, CurrentUser user)
{
    /// <summary>A kind of equipment: its item and link tables, the link's column naming the item, the body's key.</summary>
    public sealed record Equipment<TItem, TLink>(string ItemKey, string BodyKey) where TItem : Model where TLink : Model, new();

    public static readonly Equipment<Software, SoftwareDepartmentLink> Software = new(nameof(SoftwareDepartmentLink.SoftwareId), "software_id");
    public static readonly Equipment<HardwareItem, HardwareItemDepartmentLink> Hardware =
        new(nameof(HardwareItemDepartmentLink.HardwareItemId), "hardware_item_id");

    /// <summary>Every department's items, keyed by department id.</summary>
    public async Task<JsonObject> AllAsync<TItem, TLink>(Equipment<TItem, TLink> kind) where TItem : Model where TLink : Model, new()
    {
        user.CheckAdmin();
        var answer = new JsonObject();
        foreach (var (department, item) in await PairsAsync(kind, null))
        {
            var key = ZouSerializer.Uuid(department);
            if (answer[key] is not JsonArray items) answer[key] = items = [];
            items.Add(await serializer.RowAsync(item));
        }
        return answer;
    }

    /// <summary>One item of the department; 404 when the department does not have it.</summary>
    public async Task<JsonObject> OneAsync<TItem, TLink>(Equipment<TItem, TLink> kind, string departmentId, string itemId)
        where TItem : Model where TLink : Model, new()
    {
        user.CheckAdmin();
        var department = await DepartmentAsync(departmentId);
        var id = EntityService.PathId(itemId);
        var pair = (await PairsAsync(kind, department)).FirstOrDefault(p => p.Item.Id == id);
        return pair.Item is null ? throw new NotFoundException() : await serializer.RowAsync(pair.Item);
    }

    /// <summary>Gives the item to the department (once: an existing link is answered as it is).</summary>
    public async Task<JsonObject> AddAsync<TItem, TLink>(Equipment<TItem, TLink> kind, string departmentId, JsonObject body)
        where TItem : Model where TLink : Model, new()
    {
        user.CheckAdmin();
        var department = await DepartmentAsync(departmentId);
        var itemId = RequestBody.OptionalId(body, kind.BodyKey) ?? throw new ValidationFailedException((kind.BodyKey, "Field required"));
        await ItemAsync(kind, itemId);
        var link = await LinkAsync(kind, department, itemId);
        if (link is null)
        {
            link = new TLink();
            db.Entry(link).Property("DepartmentId").CurrentValue = department;
            db.Entry(link).Property(kind.ItemKey).CurrentValue = itemId;
            db.Add(link);
            await db.SaveChangesAsync();
        }
        return await serializer.RowAsync(link);
    }

    /// <summary>Takes the item from the department (nothing to do when it does not have it).</summary>
    public async Task RemoveAsync<TItem, TLink>(Equipment<TItem, TLink> kind, string departmentId, string itemId)
        where TItem : Model where TLink : Model, new()
    {
        user.CheckAdmin();
        var department = await DepartmentAsync(departmentId);
        var id = EntityService.PathId(itemId);
        await ItemAsync(kind, id);
        if (await LinkAsync(kind, department, id) is { } link)
        {
            db.Remove(link);
            await db.SaveChangesAsync();
        }
    }

    async Task<Guid> DepartmentAsync(string departmentId)
    {
        var id = EntityService.PathId(departmentId);
        return await db.Departments.AnyAsync(d => d.Id == id) ? id : throw new NotFoundException();
    }

    async Task ItemAsync<TItem, TLink>(Equipment<TItem, TLink> kind, Guid id) where TItem : Model where TLink : Model, new()
    {
        if (!await db.Set<TItem>().AnyAsync(i => i.Id == id)) throw new NotFoundException();
    }

    Task<TLink?> LinkAsync<TItem, TLink>(Equipment<TItem, TLink> kind, Guid department, Guid item) where TItem : Model where TLink : Model, new() =>
        db.Set<TLink>().FirstOrDefaultAsync(l => EF.Property<Guid>(l, "DepartmentId") == department && EF.Property<Guid>(l, kind.ItemKey) == item);

    /// <summary>(department, item) pairs in one query, of one department or of all.</summary>
    async Task<List<(Guid Department, TItem Item)>> PairsAsync<TItem, TLink>(Equipment<TItem, TLink> kind, Guid? department)
        where TItem : Model where TLink : Model, new()
    {
        var links = db.Set<TLink>().AsNoTracking();
        if (department is { } only) links = links.Where(l => EF.Property<Guid>(l, "DepartmentId") == only);
        var pairs = await links
            .Join(db.Set<TItem>().AsNoTracking(), l => EF.Property<Guid>(l, kind.ItemKey), i => i.Id,
                (l, i) => new { Department = EF.Property<Guid>(l, "DepartmentId"), Item = i })
            .ToListAsync();
        return [.. pairs.Select(p => (p.Department, p.Item))];
    }
}
