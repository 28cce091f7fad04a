using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>/data/metadata-descriptors/all-projects: one column changed at once in every open project the caller manages.</summary>
public class AllProjectsMetadataDescriptorsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<List<MetadataDescriptor>> DescriptorsAsync(Project project) =>
        factory.WithDb(db => db.MetadataDescriptors.AsNoTracking().Where(d => d.ProjectId == project.Id).OrderBy(d => d.Name).ToListAsync());

    [Fact]
    public async Task A_manager_adds_renames_reorders_and_deletes_a_column_in_the_open_projects_they_manage()
    {
        var managed = await factory.CreateProjectAsync();
        var manager = await factory.CreateMemberAsync(managed, "manager");
        var artistThere = await factory.CreateProjectAsync();
        await factory.JoinTeamAsync(artistThere, manager, "user");
        var closed = await factory.CreateProjectAsync(open: false);
        await factory.JoinTeamAsync(closed, manager);
        var client = await factory.ClientForAsync(manager);
        await factory.WithDb(async db =>
        {
            (await db.Projects.FindAsync(managed.Id))!.Data = new JsonObject { ["budget_code"] = "B-1" };
            return await db.SaveChangesAsync();
        });

        var created = await client.PostAsJsonAsync("/api/data/metadata-descriptors/all-projects", new { entity_type = "Project", name = "Budget code" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var descriptor = Assert.Single((await created.JsonAsync()).AsArray())!;
        Assert.Equal(managed.Id.ToString(), (string?)descriptor["project_id"]);
        Assert.Equal("budget_code", (string?)descriptor["field_name"]);
        Assert.Empty(await DescriptorsAsync(artistThere));
        Assert.Empty(await DescriptorsAsync(closed));
        // Projects that have it already are skipped.
        Assert.Empty((await (await client.PostAsJsonAsync("/api/data/metadata-descriptors/all-projects", new { entity_type = "Project", name = "Budget code" })).JsonAsync()).AsArray());

        var renamed = await client.PutAsJsonAsync("/api/data/metadata-descriptors/all-projects/budget_code", new { entity_type = "Project", name = "Cost code" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("cost_code", (string?)Assert.Single((await renamed.JsonAsync()).AsArray())!["field_name"]);
        Responses.AssertJsonEqual(new JsonObject { ["cost_code"] = "B-1" },
            await factory.WithDb(async db => (await db.Projects.FindAsync(managed.Id))!.Data));

        await client.PostAsJsonAsync("/api/data/metadata-descriptors/all-projects", new { entity_type = "Project", name = "Agency" });
        var reordered = await client.PostAsJsonAsync("/api/actions/metadata-descriptors/all-projects/reorder", new { entity_type = "Project", field_order = new[] { "cost_code" } });
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal(["cost_code", "agency"], (await reordered.JsonAsync()).AsArray().Select(d => (string?)d!["field_name"]).ToList());

        var deleted = await client.DeleteAsync("/api/data/metadata-descriptors/all-projects/cost_code?entity_type=Project");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Single((await deleted.JsonAsync()).AsArray());
        Assert.Equal(["Agency"], (await DescriptorsAsync(managed)).Select(d => d.Name).ToList());
        Responses.AssertJsonEqual(new JsonObject(), await factory.WithDb(async db => (await db.Projects.FindAsync(managed.Id))!.Data));
    }

    [Fact]
    public async Task Artists_are_refused_and_task_columns_are_not_shared()
    {
        var project = await factory.CreateProjectAsync();
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user", "manager"));
        await (await artist.PostAsJsonAsync("/api/data/metadata-descriptors/all-projects", new { entity_type = "Project", name = "Nope" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.DeleteAsync("/api/data/metadata-descriptors/all-projects/nope?entity_type=Project"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Empty(await DescriptorsAsync(project));

        var admin = await factory.AdminClientAsync();
        const string wrong = "Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.";
        await (await admin.PostAsJsonAsync("/api/data/metadata-descriptors/all-projects", new { entity_type = "Task", name = "Nope" })).AssertWrongParameterAsync(wrong);
        await (await admin.DeleteAsync("/api/data/metadata-descriptors/all-projects/nope")).AssertWrongParameterAsync(wrong);
        await (await admin.PutAsJsonAsync("/api/data/metadata-descriptors/all-projects/nope", new { entity_type = "Shot", data_type = "color" }))
            .AssertWrongParameterAsync("Invalid data_type");
    }
}
