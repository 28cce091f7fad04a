using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>/data/projects/{id}/team: members read it, managers of the project change it, with per-project roles.</summary>
public class ProjectTeamTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<List<ProjectPersonLink>> TeamAsync(Project project) =>
        factory.WithDb(db => db.ProjectPersonLinks.AsNoTracking().Where(l => l.ProjectId == project.Id).ToListAsync());

    [Fact]
    public async Task Members_read_the_team_with_project_roles_and_only_managers_see_full_persons()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.CreateMemberAsync(project, "user", "manager");
        var artist = await factory.CreateMemberAsync(project, "user");

        var full = (await (await (await factory.ClientForAsync(manager)).GetAsync($"/api/data/projects/{project.Id}/team")).JsonAsync()).AsArray();
        var asManager = full.Single(p => (string?)p!["id"] == manager.Id.ToString())!.AsObject();
        Assert.Equal("manager", (string?)asManager["project_role"]);
        Assert.Equal(manager.Email, (string?)asManager["email"]);
        Assert.False(asManager.ContainsKey("password"));
        Assert.Null(full.Single(p => (string?)p!["id"] == artist.Id.ToString())!["project_role"]);

        var response = await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/projects/{project.Id}/team");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var minimal = (await response.JsonAsync()).AsArray();
        Assert.Equal(2, minimal.Count);
        Assert.All(minimal, p => Assert.False(p!.AsObject().ContainsKey("email")));
        Assert.Equal("manager", (string?)minimal.Single(p => (string?)p!["id"] == manager.Id.ToString())!["project_role"]);
    }

    [Fact]
    public async Task Outsiders_cannot_read_the_team_and_bad_project_ids_are_refused()
    {
        var project = await factory.CreateProjectAsync();
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.GetAsync($"/api/data/projects/{project.Id}/team")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var admin = await factory.AdminClientAsync();
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/team")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/projects/not-a-uuid/team")).AssertWrongParameterAsync("Malformed ID.");
    }

    [Fact]
    public async Task Managers_add_a_person_with_a_project_role()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var person = await factory.CreatePersonAsync("user");

        var response = await manager.PostAsJsonAsync($"/api/data/projects/{project.Id}/team", new { person_id = person.Id, role = "supervisor" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonObjectAsync();
        Assert.Equal(project.Id.ToString(), (string?)json["id"]);
        Assert.Equal("Project", (string?)json["type"]);
        Assert.False(json.ContainsKey("team"));
        Assert.Equal("supervisor", (await TeamAsync(project)).Single(l => l.PersonId == person.Id).Role);
        Assert.Single(await factory.EventsAsync("project:update", "project_id", project.Id));

        // Adding again keeps one link.
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/data/projects/{project.Id}/team", new { person_id = person.Id })).StatusCode);
        Assert.Equal(2, (await TeamAsync(project)).Count);
    }

    [Fact]
    public async Task Adding_refuses_admin_as_a_project_role_unknown_persons_and_non_managers()
    {
        var project = await factory.CreateProjectAsync();
        var admin = await factory.AdminClientAsync();
        var person = await factory.CreatePersonAsync("user");
        var path = $"/api/data/projects/{project.Id}/team";

        await (await admin.PostAsJsonAsync(path, new { person_id = person.Id, role = "admin" }))
            .AssertWrongParameterAsync("admin is a global role and cannot be set per project");
        await (await admin.PostAsJsonAsync(path, new { person_id = person.Id, role = "director" })).AssertWrongParameterAsync("director is not a role");
        var unknown = Guid.NewGuid();
        await (await admin.PostAsJsonAsync(path, new { person_id = unknown })).AssertWrongParameterAsync($"Person with id {unknown} not found");
        var missing = await admin.PostAsJsonAsync(path, new { role = "user" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Validation error.", (string?)(await missing.ReadJsonObjectAsync())["message"]);

        foreach (var refused in new[] { await factory.CreateMemberAsync(project, "supervisor"), await factory.CreatePersonAsync("manager") })
            await (await (await factory.ClientForAsync(refused)).PostAsJsonAsync(path, new { person_id = person.Id }))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.DoesNotContain(await TeamAsync(project), l => l.PersonId == person.Id);
        Assert.Empty(await factory.EventsAsync("project:update", "project_id", project.Id));
    }

    [Fact]
    public async Task Managers_set_and_reset_a_member_role()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));
        var artist = await factory.CreateMemberAsync(project, "user");
        var path = $"/api/data/projects/{project.Id}/team/{artist.Id}";

        var response = await manager.PutAsJsonAsync(path, new { role = "vendor" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(new System.Text.Json.Nodes.JsonObject
        {
            ["project_id"] = project.Id.ToString(), ["person_id"] = artist.Id.ToString(), ["role"] = "vendor",
        }, await response.JsonAsync());
        Assert.Equal("vendor", (await TeamAsync(project)).Single(l => l.PersonId == artist.Id).Role);

        Assert.Null((await (await manager.PutAsJsonAsync(path, new { role = (string?)null })).JsonAsync())["role"]);
        Assert.Null((await TeamAsync(project)).Single(l => l.PersonId == artist.Id).Role);

        await (await manager.PutAsJsonAsync(path, new { role = "admin" })).AssertWrongParameterAsync("admin is a global role and cannot be set per project");
        var stranger = await factory.CreatePersonAsync("user");
        await (await manager.PutAsJsonAsync($"/api/data/projects/{project.Id}/team/{stranger.Id}", new { role = "user" }))
            .AssertWrongParameterAsync("Person is not a member of the project team");
        await (await (await factory.ClientForAsync(artist)).PutAsJsonAsync(path, new { role = "manager" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null((await TeamAsync(project)).Single(l => l.PersonId == artist.Id).Role);
    }

    [Fact]
    public async Task Managers_remove_a_member_and_others_cannot()
    {
        var project = await factory.CreateProjectAsync();
        var artist = await factory.CreateMemberAsync(project, "user");
        var path = $"/api/data/projects/{project.Id}/team/{artist.Id}";

        await (await (await factory.ClientForAsync(artist)).DeleteAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var otherManager = await factory.CreateMemberAsync(await factory.CreateProjectAsync(), "manager");
        await (await (await factory.ClientForAsync(otherManager)).DeleteAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Single(await TeamAsync(project));

        var admin = await factory.AdminClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(path)).StatusCode);
        Assert.Empty(await TeamAsync(project));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(path)).StatusCode);
        await (await admin.DeleteAsync($"/api/data/projects/{Guid.NewGuid()}/team/{artist.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
