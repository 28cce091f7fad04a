using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>GET /data/projects/open and /data/projects/all: who sees which projects, and what comes with them.</summary>
public class ProjectListingsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static JsonObject? Find(JsonNode list, Project project) =>
        list.AsArray().Select(p => p!.AsObject()).SingleOrDefault(p => (string?)p["id"] == project.Id.ToString());

    static List<string?> DescriptorNames(JsonObject project) =>
        [.. project["descriptors"]!.AsArray().Select(d => (string?)d!["name"]).Order()];

    Task<MetadataDescriptor> DescriptorAsync(Project project, string name, string entityType = "Asset", bool forClient = false,
        Department? department = null) => factory.WithDb(async db =>
    {
        var descriptor = new MetadataDescriptor
        {
            ProjectId = project.Id, EntityType = entityType, Name = name, FieldName = name.ToLowerInvariant(), DataType = "string",
            ForClient = forClient, Choices = new JsonArray(),
        };
        db.Add(descriptor);
        if (department is not null) db.Add(new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = department.Id });
        await db.SaveChangesAsync();
        return descriptor;
    });

    [Fact]
    public async Task Admins_get_every_open_project_with_its_settings_descriptors_and_first_episode()
    {
        var admin = await factory.AdminClientAsync();
        var project = await factory.CreateProjectAsync();
        var closed = await factory.CreateProjectAsync(open: false);
        await factory.WithDb(async db =>
        {
            var row = await db.Projects.FindAsync(project.Id);
            row!.ProductionType = "tvshow";
            return await db.SaveChangesAsync();
        });
        var taskType = await factory.CreateTaskTypeAsync();
        var status = await factory.CreateTaskStatusAsync();
        await factory.Save(new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = taskType.Id, Priority = 3 },
            new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = status.Id, Priority = 2 });
        var descriptor = await DescriptorAsync(project, "Complexity");
        await factory.CreateEntityAsync(project, "Episode");
        var running = await factory.CreateEntityAsync(project, "Episode");
        await factory.WithDb(async db =>
        {
            foreach (var episode in db.Entities.Where(e => e.ProjectId == project.Id && e.Id != running.Id)) episode.Status = "canceled";
            return await db.SaveChangesAsync();
        });

        var response = await admin.GetAsync("/api/data/projects/open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.JsonAsync();
        Assert.Null(Find(list, closed));
        var json = Find(list, project)!;
        Assert.Equal("Project", (string?)json["type"]);
        Assert.Empty(json["team"]!.AsArray());
        Assert.Equal(taskType.Id.ToString(), (string?)json["task_types"]![0]);
        Responses.AssertJsonEqual(new JsonArray(new JsonObject
        {
            ["id"] = descriptor.Id.ToString(), ["name"] = "Complexity", ["field_name"] = "complexity", ["data_type"] = "string",
            ["choices"] = new JsonArray(), ["for_client"] = false, ["entity_type"] = "Asset", ["task_type_id"] = null,
            ["position"] = null, ["departments"] = new JsonArray(),
        }), json["descriptors"]);
        Responses.AssertJsonEqual(new JsonObject { [taskType.Id.ToString()] = 3 }, json["task_types_priority"]);
        Responses.AssertJsonEqual(new JsonObject
        {
            [status.Id.ToString()] = new JsonObject
            {
                ["priority"] = 2, ["roles_for_board"] = new JsonArray("user", "admin", "supervisor", "manager", "vendor"),
            },
        }, json["task_statuses_link"]);
        Assert.Equal(running.Id.ToString(), (string?)json["first_episode_id"]);

        var byName = await (await admin.GetAsync($"/api/data/projects/open?name={Uri.EscapeDataString(project.Name)}")).JsonAsync();
        Assert.Equal(project.Id.ToString(), (string?)Assert.Single(byName.AsArray())!["id"]);
    }

    [Fact]
    public async Task Others_get_their_open_team_projects_with_the_descriptors_their_project_role_may_see()
    {
        var project = await factory.CreateProjectAsync();
        var elsewhere = await factory.CreateProjectAsync();
        var vendor = await factory.CreateMemberAsync(project, "user", "vendor");
        var client = await factory.CreateMemberAsync(project, "client");
        var artist = await factory.CreateMemberAsync(project, "user");
        var mine = await factory.CreateDepartmentAsync(vendor);
        var theirs = await factory.CreateDepartmentAsync();
        await DescriptorAsync(project, "Everyone");
        await DescriptorAsync(project, "Clients", forClient: true);
        await DescriptorAsync(project, "Mine", department: mine);
        await DescriptorAsync(project, "Theirs", department: theirs);

        async Task<JsonObject?> Seen(Person person) => Find(await (await (await factory.ClientForAsync(person)).GetAsync("/api/data/projects/open")).JsonAsync(), project);

        Assert.Equal(["Clients", "Everyone", "Mine", "Theirs"], DescriptorNames((await Seen(artist))!));
        Assert.Equal(["Clients"], DescriptorNames((await Seen(client))!));
        Assert.Equal(["Clients", "Everyone", "Mine"], DescriptorNames((await Seen(vendor))!));
        var artistList = await (await (await factory.ClientForAsync(artist)).GetAsync("/api/data/projects/open")).JsonAsync();
        Assert.Null(Find(artistList, elsewhere));
    }

    [Fact]
    public async Task All_projects_gives_admins_status_names_and_project_descriptors_and_others_their_team_projects()
    {
        var admin = await factory.AdminClientAsync();
        var closed = await factory.CreateProjectAsync(open: false);
        var member = await factory.CreateMemberAsync(closed, "user");
        var other = await factory.CreateProjectAsync();
        await DescriptorAsync(closed, "Delivery", entityType: "Project");
        await DescriptorAsync(closed, "Complexity");

        var all = await (await admin.GetAsync("/api/data/projects/all")).JsonAsync();
        var json = Find(all, closed)!;
        Assert.Equal("Closed", (string?)json["project_status_name"]);
        Assert.Equal(["Delivery"], DescriptorNames(json));
        Assert.NotNull(Find(all, other));

        var memberClient = await factory.ClientForAsync(member);
        var response = await memberClient.GetAsync("/api/data/projects/all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var theirs = await response.JsonAsync();
        var seen = Assert.Single(theirs.AsArray())!.AsObject();
        Assert.Equal(closed.Id.ToString(), (string?)seen["id"]);
        Assert.False(seen.ContainsKey("project_status_name"));

        var byName = await (await admin.GetAsync($"/api/data/projects/all?name={Uri.EscapeDataString(closed.Name.ToUpperInvariant())}")).JsonAsync();
        Assert.Equal(closed.Id.ToString(), (string?)Assert.Single(byName.AsArray())!["id"]);
        await (await memberClient.GetAsync($"/api/data/projects/all?name={Uri.EscapeDataString(other.Name)}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
