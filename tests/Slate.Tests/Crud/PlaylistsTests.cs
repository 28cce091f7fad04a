using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/playlists: creation defaults, shots clean-up, client and vendor narrowing, creator rights and deletion.</summary>
public class PlaylistsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Playlist> CreatePlaylistAsync(Production production, Action<Playlist>? configure = null)
    {
        var playlist = new Playlist { Name = Unique("Dailies"), ProjectId = production.ProjectId };
        configure?.Invoke(playlist);
        return factory.Save(playlist);
    }

    static async Task<List<string>> Ids(HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).AsArray().Select(row => (string)row!["id"]!)];

    [Fact]
    public async Task Admin_creates_with_Zou_defaults_and_the_same_keys_as_a_get()
    {
        var production = await factory.CreateProductionAsync();
        var adminPerson = await factory.CreatePersonAsync("admin");
        var admin = await factory.ClientForAsync(adminPerson);

        var response = await admin.PostAsJsonAsync("/api/data/playlists",
            new { name = "Dailies", project_id = production.ProjectId, episode_id = "all", task_type_id = "none", for_entity = "asset", created_by = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonObjectAsync();
        Assert.Null(created["episode_id"]);
        Assert.Null(created["task_type_id"]);
        Assert.Equal(adminPerson.Id.ToString(), (string?)created["created_by"]);
        Assert.Empty(created["build_jobs"]!.AsArray());
        var got = await (await admin.GetAsync($"/api/data/playlists/{created["id"]}")).ReadJsonObjectAsync();
        Assert.Equal(got.Select(p => p.Key).Order(), created.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Admin_lists_filters_pages_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var playlist = await CreatePlaylistAsync(production);
        await CreatePlaylistAsync(production, p => p.ForClient = true);

        Assert.Equal(2, (await Ids(await admin.GetAsync($"/api/data/playlists?project_id={production.ProjectId}"))).Count);
        Assert.Single(await Ids(await admin.GetAsync($"/api/data/playlists?project_id={production.ProjectId}&for_client=true")));
        var page = await (await admin.GetAsync($"/api/data/playlists?project_id={production.ProjectId}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["nb_pages"]!);

        var put = await admin.PutAsJsonAsync($"/api/data/playlists/{playlist.Id}", new
        {
            name = "Review",
            shots = new object[]
            {
                new { entity_id = production.EntityId, preview_file_id = "p1", extra = 1 },
                new { id = production.EntityId, preview_file_id = "p2" },
                new { entity_id = production.EntityId },
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("Review", (string?)updated["name"]);
        Responses.AssertJsonEqual(new JsonArray(
            new JsonObject { ["entity_id"] = production.EntityId.ToString(), ["preview_file_id"] = "p1" },
            new JsonObject { ["entity_id"] = production.EntityId.ToString(), ["preview_file_id"] = "p2" }), updated["shots"]);

        var author = await factory.CreatePersonAsync("admin");
        await factory.Save(new BuildJob { PlaylistId = playlist.Id },
            new Notification { Type = "playlist-ready", PersonId = author.Id, AuthorId = author.Id, PlaylistId = playlist.Id },
            new PlaylistShareLink { Token = Unique("token"), PlaylistId = playlist.Id, CreatedBy = author.Id });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/playlists/{playlist.Id}")).StatusCode);
        await factory.WithDb(async db =>
        {
            Assert.False(await db.Playlists.AnyAsync(p => p.Id == playlist.Id));
            Assert.False(await db.BuildJobs.AnyAsync(j => j.PlaylistId == playlist.Id));
            Assert.False(await db.Notifications.AnyAsync(n => n.PlaylistId == playlist.Id));
            Assert.False(await db.PlaylistShareLinks.AnyAsync(l => l.PlaylistId == playlist.Id));
            return true;
        });
    }

    [Fact]
    public async Task Unknown_kinds_of_entity_and_malformed_shots_are_refused()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var name = Unique("Bad");

        var response = await admin.PostAsJsonAsync("/api/data/playlists", new { name, project_id = production.ProjectId, for_entity = "banana" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Responses.AssertJsonEqual(JsonNode.Parse("""{"error": true, "message": "for_entity must be one of shot, asset, sequence, edit, episode", "data": null}""")!,
            await response.JsonAsync());
        Assert.False(await factory.WithDb(db => db.Playlists.AnyAsync(p => p.Name == name)));
        var playlist = await CreatePlaylistAsync(production);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/data/playlists/{playlist.Id}", new { for_entity = 3 })).StatusCode);
        Assert.Equal("""{"message":"One of the provided values has an invalid format."}""",
            await (await admin.PutAsJsonAsync($"/api/data/playlists/{playlist.Id}", new { shots = new[] { "not an entry" } })).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lists_hold_team_projects_clients_see_what_is_for_them_and_vendors_nothing()
    {
        var production = await factory.CreateProductionAsync();
        var studio = await CreatePlaylistAsync(production);
        var forClients = await CreatePlaylistAsync(production, p => p.ForClient = true);
        var elsewhere = await CreatePlaylistAsync(await factory.CreateProductionAsync());
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var client = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "client"));
        var clientHere = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user", projectRole: "client"));
        var vendorHere = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user", projectRole: "vendor"));

        var seen = await Ids(await artist.GetAsync("/api/data/playlists"));
        Assert.Equal(new[] { studio.Id.ToString(), forClients.Id.ToString() }.Order(), seen.Order());
        Assert.DoesNotContain(elsewhere.Id.ToString(), seen);
        Assert.Equal([forClients.Id.ToString()], await Ids(await client.GetAsync("/api/data/playlists")));
        Assert.Equal([forClients.Id.ToString()], await Ids(await clientHere.GetAsync("/api/data/playlists")));
        Assert.Empty(await Ids(await vendorHere.GetAsync("/api/data/playlists")));
        await (await (await factory.ClientForAsync(await factory.CreateMemberAsync(production, "vendor"))).GetAsync("/api/data/playlists"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Clients_read_one_only_when_it_is_for_them()
    {
        var production = await factory.CreateProductionAsync();
        var studio = await CreatePlaylistAsync(production);
        var forClients = await CreatePlaylistAsync(production, p => p.ForClient = true);
        var client = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "client"));

        await (await client.GetAsync($"/api/data/playlists/{studio.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/playlists/{forClients.Id}")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreateMemberAsync(production, "vendor"))).GetAsync($"/api/data/playlists/{forClients.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("manager"))).GetAsync($"/api/data/playlists/{studio.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Supervisors_create_and_change_their_own_managers_change_any()
    {
        var production = await factory.CreateProductionAsync();
        var supervisor = await factory.CreateMemberAsync(production, "supervisor");
        var supervisorApi = await factory.ClientForAsync(supervisor);
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));
        var someoneElses = await CreatePlaylistAsync(production); // no creator known
        var managerPerson = await factory.CreateMemberAsync(production, "manager");
        var managers = await CreatePlaylistAsync(production, p => p.CreatedBy = managerPerson.Id);

        var name = Unique("Artist's");
        await (await artist.PostAsJsonAsync("/api/data/playlists", new { name, project_id = production.ProjectId }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Playlists.AnyAsync(p => p.Name == name)));
        var created = await supervisorApi.PostAsJsonAsync("/api/data/playlists", new { name = Unique("Mine"), project_id = production.ProjectId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mine = (string)(await created.ReadJsonObjectAsync())["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await supervisorApi.PutAsJsonAsync($"/api/data/playlists/{mine}", new { for_client = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisorApi.PutAsJsonAsync($"/api/data/playlists/{someoneElses.Id}", new { for_client = true })).StatusCode);
        await (await supervisorApi.PutAsJsonAsync($"/api/data/playlists/{managers.Id}", new { name = "Taken over" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await supervisorApi.DeleteAsync($"/api/data/playlists/{managers.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/playlists/{mine}", new { name = "Artist's" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(managers.Name, await factory.WithDb(db => db.Playlists.Where(p => p.Id == managers.Id).Select(p => p.Name).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/playlists/{mine}", new { name = Unique("Renamed") })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisorApi.DeleteAsync($"/api/data/playlists/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/data/playlists/{managers.Id}")).StatusCode);
    }
}
