using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/project-templates: managers read, admins write, Zou's service rules on the body and the name.</summary>
public class ProjectTemplatesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    [Fact]
    public async Task Admin_creates_reads_updates_lists_and_deletes()
    {
        var admin = await Admin();
        var name = Unique("TV template");

        var post = await admin.PostAsJsonAsync("/api/data/project-templates", new
        {
            name, description = "Made for tests", fps = "24", production_type = "tvshow", is_single_preview_per_revision = true, task_types = new[] { Guid.NewGuid() },
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("ProjectTemplate", (string?)created["type"]);
        Assert.Equal("24", (string?)created["fps"]);
        Assert.False((bool)created["is_single_preview_per_revision"]!); // not a setting Zou takes on create
        Assert.False(created.ContainsKey("task_types"));
        var id = Guid.Parse((string)created["id"]!);

        var got = await (await admin.GetAsync($"/api/data/project-templates/{id}")).ReadJsonObjectAsync();
        Assert.Empty(got["task_types"]!.AsArray());
        var listed = (await (await admin.GetAsync($"/api/data/project-templates?name={name}")).JsonAsync()).AsArray();
        Assert.Equal(id.ToString(), (string?)Assert.Single(listed)!["id"]);
        var page = await (await admin.GetAsync($"/api/data/project-templates?page=1&limit=1&id={id}")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var put = await admin.PutAsJsonAsync($"/api/data/project-templates/{id}", new { fps = "25", hd_bitrate_compression = 30 });
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("25", (string?)updated["fps"]);
        Assert.Equal(30, (int)updated["hd_bitrate_compression"]!);

        await factory.WithDb(async db =>
        {
            db.ProjectTemplateAssetTypeLinks.Add(new ProjectTemplateAssetTypeLink { ProjectTemplateId = id, AssetTypeId = (await factory.EntityTypeAsync("Character")).Id });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/project-templates/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.ProjectTemplateAssetTypeLinks.AnyAsync(l => l.ProjectTemplateId == id)));
        Assert.Equal(["project-template:delete", "project-template:new", "project-template:update"], await factory.EventsAsync("project_template_id", id));
    }

    [Fact]
    public async Task Name_is_required_and_unique()
    {
        var admin = await Admin();
        var name = Unique("Feature");
        await admin.PostAsJsonAsync("/api/data/project-templates", new { name });
        var other = await (await admin.PostAsJsonAsync("/api/data/project-templates", new { name = Unique("Other") })).ReadJsonObjectAsync();

        var missing = await admin.PostAsJsonAsync("/api/data/project-templates", new { description = "no name" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("""{"message":"name is required"}""", await missing.Content.ReadAsStringAsync());
        var twice = await admin.PostAsJsonAsync("/api/data/project-templates", new { name });
        Assert.Equal("""{"message":"A project template with this name already exists"}""", await twice.Content.ReadAsStringAsync());
        var renamed = await admin.PutAsJsonAsync($"/api/data/project-templates/{other["id"]}", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal("""{"message":"A project template with this name already exists"}""", await renamed.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.ProjectTemplates.CountAsync(t => t.Name == name)));
    }

    [Fact]
    public async Task Managers_read_and_artists_are_refused()
    {
        var template = await (await (await Admin()).PostAsJsonAsync("/api/data/project-templates", new { name = Unique("Read") })).ReadJsonObjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/data/project-templates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/data/project-templates/{template["id"]}")).StatusCode);
        await (await manager.PutAsJsonAsync($"/api/data/project-templates/{template["id"]}", new { fps = "12" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PostAsJsonAsync("/api/data/project-templates", new { name = Unique("Mine") }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.GetAsync("/api/data/project-templates")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.GetAsync($"/api/data/project-templates/{template["id"]}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal("25", await factory.WithDb(db => db.ProjectTemplates.Where(t => t.Id == Guid.Parse((string)template["id"]!)).Select(t => t.Fps).SingleAsync()));
    }
}
