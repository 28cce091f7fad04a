using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/entity-types: reference data with a case-insensitive unique name and asset-type events.</summary>
public class EntityTypesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<TaskType> CreateTaskType() => factory.WithDb(async db =>
    {
        var type = new TaskType { Name = Unique("Modeling") };
        db.TaskTypes.Add(type);
        await db.SaveChangesAsync();
        return type;
    });

    [Fact]
    public async Task Admin_creates_reads_updates_lists_and_deletes()
    {
        var admin = await Admin();
        var modeling = await CreateTaskType();
        var rigging = await CreateTaskType();
        var name = Unique("Fx");

        var post = await admin.PostAsJsonAsync("/api/data/entity-types", new { name, task_types = new[] { modeling.Id } });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("EntityType", (string?)created["type"]);
        Assert.Equal(modeling.Id.ToString(), (string?)Assert.Single(created["task_types"]!.AsArray()));
        var id = Guid.Parse((string)created["id"]!);

        var got = await (await admin.GetAsync($"/api/data/entity-types/{id}")).ReadJsonObjectAsync();
        Responses.AssertJsonEqual(created, got);
        var listed = (await (await admin.GetAsync($"/api/data/entity-types?name={name.ToUpperInvariant()}")).JsonAsync()).AsArray();
        Assert.Equal(id.ToString(), (string?)Assert.Single(listed)!["id"]);
        Assert.False(listed[0]!.AsObject().ContainsKey("task_types"));
        var page = await (await admin.GetAsync($"/api/data/entity-types?page=1&limit=1&id={id}")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var put = await admin.PutAsJsonAsync($"/api/data/entity-types/{id}", new { short_name = "fx", task_types = new[] { rigging.Id } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("fx", (string?)updated["short_name"]);
        Assert.Equal(rigging.Id.ToString(), (string?)Assert.Single(updated["task_types"]!.AsArray()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/entity-types/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.TaskTypeAssetTypeLinks.AnyAsync(l => l.AssetTypeId == id)));
        Assert.Equal(["asset-type:delete", "asset-type:new", "asset-type:update"], await factory.EventsAsync("asset_type_id", id));
        Assert.Empty(await factory.EventsAsync("entity_type_id", id));
    }

    [Fact]
    public async Task A_name_taken_in_another_case_is_refused()
    {
        var admin = await Admin();
        var name = Unique("Character");
        await admin.PostAsJsonAsync("/api/data/entity-types", new { name });

        var response = await admin.PostAsJsonAsync("/api/data/entity-types", new { name = name.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":true,"message":"Entity type with this name already exists","data":null}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.EntityTypes.CountAsync(t => t.Name.ToLower() == name.ToLowerInvariant())));
    }

    [Fact]
    public async Task Everyone_reads_and_only_admins_write()
    {
        var type = await factory.EntityTypeAsync(Unique("Prop"));
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var name = Unique("Vehicle");

        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync("/api/data/entity-types")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync($"/api/data/entity-types/{type.Id}")).StatusCode);
        await (await manager.PostAsJsonAsync("/api/data/entity-types", new { name })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/entity-types/{type.Id}", new { name })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/entity-types/{type.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.EntityTypes.AnyAsync(t => t.Name == name)));
    }

    [Fact]
    public async Task A_type_still_used_by_entities_is_not_deleted()
    {
        var project = await factory.CreateProjectAsync();
        var type = await factory.EntityTypeAsync(Unique("Set"));
        await factory.CreateEntityAsync(project, type.Name);

        var response = await (await Admin()).DeleteAsync($"/api/data/entity-types/{type.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await response.Content.ReadAsStringAsync());
    }
}
