using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/entity-links: casting links through the generic routes, admins only.</summary>
public class EntityLinksTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_creates_reads_updates_lists_and_deletes()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync();
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var asset = await factory.CreateEntityAsync(project);

        var post = await admin.PostAsJsonAsync("/api/data/entity-links", new { entity_in_id = shot.Id, entity_out_id = asset.Id, label = "main" });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("EntityLink", (string?)created["type"]);
        Assert.Equal(1, (int)created["nb_occurences"]!);
        var id = Guid.Parse((string)created["id"]!);

        Responses.AssertJsonEqual(created, await (await admin.GetAsync($"/api/data/entity-links/{id}")).JsonAsync());
        var listed = (await (await admin.GetAsync($"/api/data/entity-links?entity_in_id={shot.Id}")).JsonAsync()).AsArray();
        Assert.Equal(id.ToString(), (string?)Assert.Single(listed)!["id"]);
        var page = await (await admin.GetAsync($"/api/data/entity-links?entity_out_id={asset.Id}&page=1&limit=10")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var updated = await (await admin.PutAsJsonAsync($"/api/data/entity-links/{id}", new { nb_occurences = 3 })).ReadJsonObjectAsync();
        Assert.Equal(3, (int)updated["nb_occurences"]!);

        var twice = await admin.PostAsJsonAsync("/api/data/entity-links", new { entity_in_id = shot.Id, entity_out_id = asset.Id });
        Assert.Equal("""{"message":"A record with the same unique values already exists."}""", await twice.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/entity-links/{id}")).StatusCode);
        Assert.Empty((await (await admin.GetAsync($"/api/data/entity-links?entity_in_id={shot.Id}")).JsonAsync()).AsArray());
        Assert.Equal(["entity-link:delete", "entity-link:new", "entity-link:update"], await factory.EventsAsync("entity_link_id", id));
    }

    [Fact]
    public async Task Managers_of_the_project_are_refused()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(manager);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var asset = await factory.CreateEntityAsync(project);
        var client = await factory.ClientForAsync(manager);

        await (await client.GetAsync("/api/data/entity-links")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync("/api/data/entity-links", new { entity_in_id = shot.Id, entity_out_id = asset.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.EntityLinks.AnyAsync(l => l.EntityInId == shot.Id)));
    }
}
