using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/milestones: admins list, team members but vendors read one, the project's managers write.</summary>
public class MilestonesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Milestone> CreateMilestone(Project project) => factory.WithDb(async db =>
    {
        var milestone = new Milestone { ProjectId = project.Id, Name = Unique("MS"), Date = new DateOnly(2025, 3, 1) };
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync();
        return milestone;
    });

    [Fact]
    public async Task Admin_creates_reads_updates_lists_and_deletes()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var other = await factory.CreateProjectAsync();

        var post = await admin.PostAsJsonAsync("/api/data/milestones", new { name = "Animatic lock", date = "2026-12-11", project_id = project.Id });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("Milestone", (string?)created["type"]);
        Assert.Equal("2026-12-11", (string?)created["date"]);
        var id = Guid.Parse((string)created["id"]!);

        Responses.AssertJsonEqual(created, await (await admin.GetAsync($"/api/data/milestones/{id}")).JsonAsync());
        var listed = (await (await admin.GetAsync($"/api/data/milestones?project_id={project.Id}")).JsonAsync()).AsArray();
        Assert.Equal(id.ToString(), (string?)Assert.Single(listed)!["id"]);
        var page = await (await admin.GetAsync($"/api/data/milestones?project_id={project.Id}&page=1&limit=5")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var put = await admin.PutAsJsonAsync($"/api/data/milestones/{id}", new { name = "Moved", project_id = other.Id });
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("Moved", (string?)updated["name"]);
        Assert.Equal(project.Id.ToString(), (string?)updated["project_id"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/milestones/{id}")).StatusCode);
        Assert.Equal(["milestone:delete", "milestone:new", "milestone:update"], await factory.EventsAsync("milestone_id", id));
    }

    [Fact]
    public async Task Team_members_read_and_vendors_do_not()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var projectVendor = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null), (projectVendor, "vendor"));
        var milestone = await CreateMilestone(project);
        var client = await factory.ClientForAsync(artist);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/milestones/{milestone.Id}")).StatusCode);
        await (await client.GetAsync("/api/data/milestones")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(vendor)).GetAsync($"/api/data/milestones/{milestone.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(projectVendor)).GetAsync($"/api/data/milestones/{milestone.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).GetAsync($"/api/data/milestones/{milestone.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Only_the_project_managers_write()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(artist, manager);
        var milestone = await CreateMilestone(project);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var artistClient = await factory.ClientForAsync(artist);

        await (await artistClient.PostAsJsonAsync("/api/data/milestones", new { name = "No", project_id = project.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.PutAsJsonAsync($"/api/data/milestones/{milestone.Id}", new { name = "No" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.DeleteAsync($"/api/data/milestones/{milestone.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await factory.WithDb(db => db.Milestones.CountAsync(m => m.ProjectId == project.Id && m.Name == milestone.Name)));

        var client = await factory.ClientForAsync(manager);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/data/milestones", new { name = "Yes", project_id = project.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/data/milestones/{milestone.Id}", new { name = "Yes 2" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/milestones/{milestone.Id}")).StatusCode);
    }
}
