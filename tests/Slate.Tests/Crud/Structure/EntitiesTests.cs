using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/entities: assets, shots and the other kinds through the generic routes (behavior-platform.md §2.10-2.11).</summary>
public class EntitiesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static async Task<JsonArray> List(HttpClient client, string query = "") =>
        (await (await client.GetAsync($"/api/data/entities{query}")).JsonAsync()).AsArray();

    [Fact]
    public async Task Admin_creates_reads_updates_and_deletes_an_asset()
    {
        var adminPerson = await factory.CreatePersonAsync("admin");
        var admin = await factory.ClientForAsync(adminPerson);
        var project = await factory.CreateProjectAsync();
        var character = await factory.EntityTypeAsync("Character");
        var someoneElse = await factory.CreatePersonAsync();

        var post = await admin.PostAsJsonAsync("/api/data/entities", new
        {
            name = "Hero", project_id = project.Id, entity_type_id = character.Id, created_by = someoneElse.Id, data = new { complexity = "high" },
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Asset", (string?)created["type"]);
        Assert.Equal(adminPerson.Id.ToString(), (string?)created["created_by"]);
        Assert.Equal("running", (string?)created["status"]);
        Assert.Empty(created["entities_out"]!.AsArray());
        var id = Guid.Parse((string)created["id"]!);

        var got = await (await admin.GetAsync($"/api/data/entities/{id}")).ReadJsonObjectAsync();
        Assert.Equal("Asset", (string?)got["type"]);
        Assert.Equal("high", (string?)got["data"]!["complexity"]);
        var listed = await List(admin, $"?project_id={project.Id}&name=hero&relations=true");
        Responses.AssertJsonEqual(got, Assert.Single(listed));

        var put = await admin.PutAsJsonAsync($"/api/data/entities/{id}", new { name = "Hero 2", data = new { extra_work = true } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("Hero 2", (string?)updated["name"]);
        Assert.Equal("Asset", (string?)updated["type"]);
        Assert.True(updated.ContainsKey("entities_out"));
        Responses.AssertJsonEqual(new JsonObject { ["complexity"] = "high", ["extra_work"] = true }, updated["data"]);
        await admin.PutAsJsonAsync($"/api/data/entities/{id}", new { data = new { extra_field = true } });
        var merged = await (await admin.GetAsync($"/api/data/entities/{id}")).ReadJsonObjectAsync();
        Responses.AssertJsonEqual(new JsonObject { ["complexity"] = "high", ["extra_work"] = true, ["extra_field"] = true }, merged["data"]);

        var deleted = await admin.DeleteAsync($"/api/data/entities/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await admin.GetAsync($"/api/data/entities/{id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(["asset:delete", "asset:new", "asset:update", "asset:update"], await factory.EventsAsync("asset_id", id));
        var projectOfEvents = await factory.WithDb(db => db.ApiEvents.Where(e => e.Name == "asset:new").Select(e => e.ProjectId).ToListAsync());
        Assert.Contains(project.Id, projectOfEvents);
    }

    [Fact]
    public async Task Type_and_events_name_the_kind_of_entity()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var expected = new Dictionary<string, string>
        {
            ["Shot"] = "Shot", ["Sequence"] = "Sequence", ["Episode"] = "Episode", ["Edit"] = "Edit", ["Scene"] = "Scene",
            ["Concept"] = "Concept", ["Prop"] = "Asset",
        };
        var ids = new Dictionary<string, string>();
        foreach (var typeName in expected.Keys)
            ids[(await factory.CreateEntityAsync(project, typeName)).Id.ToString()] = typeName;

        var rows = await List(admin, $"?project_id={project.Id}");

        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows) Assert.Equal(expected[ids[(string)row!["id"]!]], (string?)row["type"]);
        var shotId = Guid.Parse(ids.Single(p => p.Value == "Shot").Key);
        await admin.PutAsJsonAsync($"/api/data/entities/{shotId}", new { description = "cut" });
        Assert.Equal(["shot:update"], await factory.EventsAsync("shot_id", shotId));
    }

    [Fact]
    public async Task Pagination_and_filters()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        for (var i = 0; i < 3; i++) await factory.CreateEntityAsync(project);

        var page = await (await admin.GetAsync($"/api/data/entities?project_id={project.Id}&page=2&limit=2")).ReadJsonObjectAsync();
        Assert.Equal(3, (int)page["total"]!);
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal("Asset", (string?)page["data"]![0]!["type"]);

        var bad = await admin.GetAsync("/api/data/entities?canceled=maybe");
        Assert.Equal("""{"error":true,"message":"Invalid boolean value: maybe","data":null}""", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_must_be_one_of_the_entity_statuses()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var type = await factory.EntityTypeAsync("Character");

        var post = await admin.PostAsJsonAsync("/api/data/entities", new { name = "Bad", project_id = project.Id, entity_type_id = type.Id, status = "paused" });
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("""{"error":true,"message":"Invalid status","data":null}""", await post.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id)));

        var entity = await factory.CreateEntityAsync(project);
        await (await admin.PutAsJsonAsync($"/api/data/entities/{entity.Id}", new { status = "paused", name = "Renamed" }))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Invalid status");
        Assert.Equal(entity.Name, await factory.WithDb(db => db.Entities.Where(e => e.Id == entity.Id).Select(e => e.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_rename_onto_a_sibling_is_refused_with_Zous_message()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var hero = await factory.CreateEntityAsync(project);
        var villain = await factory.CreateEntityAsync(project);

        var response = await admin.PutAsJsonAsync($"/api/data/entities/{villain.Id}", new { name = hero.Name });

        await response.AssertZouErrorAsync(HttpStatusCode.BadRequest,
            $"An entity with name '{hero.Name}', project_id '{project.Id}', entity_type_id '{hero.EntityTypeId}', and parent_id 'None' already exists. The combination of these fields must be unique.");
    }

    [Fact]
    public async Task Null_strings_clear_source_and_parent()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var asset = await factory.CreateEntityAsync(project, configure: e => { e.SourceId = episode.Id; e.ParentId = episode.Id; });

        var updated = await (await admin.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { source_id = "null", parent_id = "null" })).ReadJsonObjectAsync();

        Assert.Null(updated["source_id"]);
        Assert.Null(updated["parent_id"]);
    }

    [Fact]
    public async Task A_shot_left_alone_for_a_minute_keeps_a_version_when_changed()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var shot = await factory.CreateEntityAsync(project, "Shot", e => e.Data = new JsonObject { ["frame_in"] = 1 });
        await factory.WithDb(db => db.Entities.Where(e => e.Id == shot.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAt, Slate.Data.Clock.UtcNow().AddMinutes(-5))));

        await admin.PutAsJsonAsync($"/api/data/entities/{shot.Id}", new { name = "SH010", data = new { frame_in = 5 } });
        await admin.PutAsJsonAsync($"/api/data/entities/{shot.Id}", new { name = "SH020" });

        var version = Assert.Single(await factory.WithDb(db => db.EntityVersions.Where(v => v.EntityId == shot.Id).ToListAsync()));
        Assert.Equal(shot.Name, version.Name);
        Assert.Equal(5, (int)version.Data!["frame_in"]!);
    }

    [Fact]
    public async Task Non_admins_list_the_entities_of_their_open_projects()
    {
        var artist = await factory.CreatePersonAsync();
        var mine = await factory.CreateProjectAsync(artist);
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        var other = await factory.CreateProjectAsync();
        var visible = await factory.CreateEntityAsync(mine);
        await factory.CreateEntityAsync(closed);
        var hidden = await factory.CreateEntityAsync(other);
        var client = await factory.ClientForAsync(artist);

        Assert.Equal([visible.Id.ToString()], Ids(await List(client)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/entities/{visible.Id}")).StatusCode);
        await (await client.GetAsync($"/api/data/entities/{hidden.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Theory]
    [InlineData("vendor", null)]
    [InlineData("user", "vendor")]
    public async Task Vendors_only_reach_the_entities_they_hold_a_task_on(string globalRole, string? projectRole)
    {
        var vendor = await factory.CreatePersonAsync(globalRole);
        var project = await factory.CreateProjectAsync(true, (vendor, projectRole));
        var assigned = await factory.CreateEntityAsync(project);
        var other = await factory.CreateEntityAsync(project);
        await factory.CreateTaskAsync(assigned, vendor);
        await factory.CreateTaskAsync(other);
        var client = await factory.ClientForAsync(vendor);

        Assert.Equal([assigned.Id.ToString()], Ids(await List(client)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/entities/{assigned.Id}")).StatusCode);
        await (await client.GetAsync($"/api/data/entities/{other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Only_the_project_managers_create_entities()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(artist, manager);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var type = await factory.EntityTypeAsync("Character");
        object Body(string name) => new { name, project_id = project.Id, entity_type_id = type.Id };

        await (await (await factory.ClientForAsync(artist)).PostAsJsonAsync("/api/data/entities", Body("ByArtist")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.PostAsJsonAsync("/api/data/entities", Body("ByOutsider")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Entities.AnyAsync(e => e.ProjectId == project.Id)));

        var created = await (await factory.ClientForAsync(manager)).PostAsJsonAsync("/api/data/entities", Body("ByManager"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(manager.Id.ToString(), (string?)(await created.ReadJsonObjectAsync())["created_by"]);
    }

    [Fact]
    public async Task Creators_in_the_team_change_and_delete_their_entities_and_other_artists_are_refused_with_403()
    {
        var creator = await factory.CreatePersonAsync();
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(creator, artist);
        var entity = await factory.CreateEntityAsync(project, configure: e => e.CreatedBy = creator.Id);
        var other = await factory.ClientForAsync(artist);

        await (await other.PutAsJsonAsync($"/api/data/entities/{entity.Id}", new { description = "mine now" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await other.DeleteAsync($"/api/data/entities/{entity.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null(await factory.WithDb(db => db.Entities.Where(e => e.Id == entity.Id).Select(e => e.Description).SingleAsync()));

        var client = await factory.ClientForAsync(creator);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/data/entities/{entity.Id}", new { description = "by creator" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/entities/{entity.Id}")).StatusCode);
    }

    [Fact]
    public async Task Supervisors_change_only_the_metadata_of_their_departments()
    {
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var free = await factory.CreatePersonAsync("supervisor");
        var project = await factory.CreateProjectAsync(supervisor, free);
        var mine = await factory.CreateDepartmentAsync(supervisor);
        var theirs = await factory.CreateDepartmentAsync();
        var asset = await factory.CreateEntityAsync(project);
        await factory.WithDb(async db =>
        {
            var size = new MetadataDescriptor { ProjectId = project.Id, EntityType = "Asset", Name = "Size", FieldName = "size" };
            var cost = new MetadataDescriptor { ProjectId = project.Id, EntityType = "Asset", Name = "Cost", FieldName = "cost" };
            db.AddRange(size, cost,
                new DepartmentMetadataDescriptorLink { MetadataDescriptorId = size.Id, DepartmentId = mine.Id },
                new DepartmentMetadataDescriptorLink { MetadataDescriptorId = cost.Id, DepartmentId = theirs.Id });
            return await db.SaveChangesAsync();
        });
        var client = await factory.ClientForAsync(supervisor);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { data = new { size = "L" } })).StatusCode);
        await (await client.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { data = new { cost = 3 } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { name = "Renamed", data = new { size = "S" } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var stored = await factory.WithDb(db => db.Entities.SingleAsync(e => e.Id == asset.Id));
        Assert.Equal(asset.Name, stored.Name);
        Responses.AssertJsonEqual(new JsonObject { ["size"] = "L" }, stored.Data);

        // Without a department, a supervisor covers every field (but still only "data").
        var freeClient = await factory.ClientForAsync(free);
        Assert.Equal(HttpStatusCode.OK, (await freeClient.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { data = new { cost = 3 } })).StatusCode);
        await (await freeClient.PutAsJsonAsync($"/api/data/entities/{asset.Id}", new { description = "x" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Deleting_takes_the_casting_along_but_refuses_an_entity_with_tasks()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var asset = await factory.CreateEntityAsync(project);
        var prop = await factory.CreateEntityAsync(project);
        var person = await factory.CreatePersonAsync();
        await factory.WithDb(async db =>
        {
            db.AddRange(new EntityLink { EntityInId = shot.Id, EntityOutId = asset.Id }, new EntityLink { EntityInId = asset.Id, EntityOutId = prop.Id },
                new EntityConceptLink { EntityInId = prop.Id, EntityOutId = asset.Id }, new Subscription { PersonId = person.Id, EntityId = asset.Id });
            return await db.SaveChangesAsync();
        });
        await factory.CreateTaskAsync(shot);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/entities/{asset.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.EntityLinks.AnyAsync(l => l.EntityInId == asset.Id || l.EntityOutId == asset.Id)));
        Assert.False(await factory.WithDb(db => db.EntityConceptLinks.AnyAsync(l => l.EntityOutId == asset.Id)));

        var refused = await admin.DeleteAsync($"/api/data/entities/{shot.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await refused.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.Entities.AnyAsync(e => e.Id == shot.Id)));
    }

    [Fact]
    public async Task Data_must_be_an_object_and_ids_well_formed()
    {
        var admin = await Admin();
        var entity = await factory.CreateEntityAsync(await factory.CreateProjectAsync());

        await (await admin.PutAsJsonAsync($"/api/data/entities/{entity.Id}", new { data = new[] { 1 } }))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "data must be a JSON object.");
        var malformed = await admin.PutAsJsonAsync("/api/data/entities/not-a-uuid", new { description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Malformed ID.", (string?)(await malformed.ReadJsonObjectAsync())["message"]);
        await (await admin.PutAsJsonAsync($"/api/data/entities/{Guid.NewGuid()}", new { description = "x" }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
