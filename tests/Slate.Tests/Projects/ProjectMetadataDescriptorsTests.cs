using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>/data/projects/{id}/metadata-descriptors: a production's custom columns and the values stored under them.</summary>
public class ProjectMetadataDescriptorsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string Path(Project project) => $"/api/data/projects/{project.Id}/metadata-descriptors";

    static async Task<string> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadJsonObjectAsync())["id"]!;
    }

    Task<JsonNode?> DataOf<T>(Guid id) where T : class => factory.WithDb(async db =>
        (JsonNode?)db.Entry((await db.Set<T>().FindAsync(id))!).Property("Data").CurrentValue);

    [Fact]
    public async Task A_manager_adds_a_column_that_open_projects_show_and_an_outside_manager_cannot()
    {
        var project = await factory.CreateProjectAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "manager"));

        var response = await manager.PostAsJsonAsync(Path(project),
            new { entity_type = "Asset", name = "environment type", data_type = "list", choices = new[] { "indoor", "outdoor" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonObjectAsync();
        Assert.Equal("environment_type", (string?)json["field_name"]);
        Assert.Equal("MetadataDescriptor", (string?)json["type"]);
        Assert.False(json.ContainsKey("departments"));
        Responses.AssertJsonEqual(new JsonArray("indoor", "outdoor"), json["choices"]);
        var open = await (await manager.GetAsync("/api/data/projects/open")).JsonAsync();
        var listed = open.AsArray().Single(p => (string?)p!["id"] == project.Id.ToString())!;
        Assert.Equal("environment_type", (string?)Assert.Single(listed["descriptors"]!.AsArray())!["field_name"]);
        Assert.Single(await factory.EventsAsync("metadata-descriptor:new", "project_id", project.Id));

        await (await manager.PostAsJsonAsync(Path(project), new { entity_type = "Asset", name = "Environment type" }))
            .AssertWrongParameterAsync("Metadata descriptor already exists.");
        await (await manager.PostAsJsonAsync(Path(project), new { entity_type = "Prop", name = "Other" }))
            .AssertWrongParameterAsync("Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task.");
        await (await manager.PostAsJsonAsync(Path(project), new { name = "Other", data_type = "color" })).AssertWrongParameterAsync("Invalid data_type");
        await (await manager.PostAsJsonAsync(Path(project), new { entity_type = "Task", name = "Other" }))
            .AssertWrongParameterAsync("Task metadata descriptors require a task_type_id.");

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.PostAsJsonAsync(Path(project), new { name = "Sneaky" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync(Path(project))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await factory.WithDb(db => db.MetadataDescriptors.CountAsync(d => d.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Renaming_moves_the_stored_values_and_deleting_strips_them_in_rows_of_the_kind_only()
    {
        var project = await factory.CreateProjectAsync();
        var admin = await factory.AdminClientAsync();
        await factory.WithDb(async db =>
        {
            (await db.Projects.FindAsync(project.Id))!.Data = new JsonObject { ["delivery_code"] = "X-12", ["other"] = 1 };
            return await db.SaveChangesAsync();
        });
        var asset = await factory.CreateEntityAsync(project, "Character");
        var shot = await factory.CreateEntityAsync(project, "Shot");
        await factory.WithDb(async db =>
        {
            (await db.Entities.FindAsync(asset.Id))!.Data = new JsonObject { ["mood"] = "dark" };
            (await db.Entities.FindAsync(shot.Id))!.Data = new JsonObject { ["mood"] = "shot value" };
            return await db.SaveChangesAsync();
        });

        var projectColumn = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { entity_type = "Project", name = "Delivery code" }));
        var assetColumn = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { entity_type = "Asset", name = "Mood" }));

        var renamed = await admin.PutAsJsonAsync($"{Path(project)}/{projectColumn}", new { name = "Ship code" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("ship_code", (string?)(await renamed.ReadJsonObjectAsync())["field_name"]);
        Responses.AssertJsonEqual(new JsonObject { ["ship_code"] = "X-12", ["other"] = 1 }, await DataOf<Project>(project.Id));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Path(project)}/{assetColumn}", new { name = "Atmosphere" })).StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["atmosphere"] = "dark" }, await DataOf<Entity>(asset.Id));
        Responses.AssertJsonEqual(new JsonObject { ["mood"] = "shot value" }, await DataOf<Entity>(shot.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Path(project)}/{projectColumn}")).StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["other"] = 1 }, await DataOf<Project>(project.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Path(project)}/{assetColumn}")).StatusCode);
        Responses.AssertJsonEqual(new JsonObject(), await DataOf<Entity>(asset.Id));
        Responses.AssertJsonEqual(new JsonObject { ["mood"] = "shot value" }, await DataOf<Entity>(shot.Id));
        Assert.Equal(2, (await factory.EventsAsync("metadata-descriptor:update", "project_id", project.Id)).Count);
        Assert.Equal(2, (await factory.EventsAsync("metadata-descriptor:delete", "project_id", project.Id)).Count);
        await (await admin.PutAsJsonAsync($"{Path(project)}/{assetColumn}", new { name = "Again" })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Task_columns_belong_to_a_task_type_and_move_the_values_of_its_tasks()
    {
        var project = await factory.CreateProjectAsync();
        var admin = await factory.AdminClientAsync();
        var taskType = await factory.CreateTaskTypeAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Character"), taskType);
        await factory.WithDb(async db =>
        {
            (await db.Tasks.FindAsync(task.Id))!.Data = new JsonObject { ["frames"] = 12 };
            return await db.SaveChangesAsync();
        });

        await (await admin.PostAsJsonAsync(Path(project), new { entity_type = "Asset", name = "Frames", task_type_id = taskType.Id }))
            .AssertWrongParameterAsync("task_type_id only applies to Task metadata descriptors.");
        await (await admin.PostAsJsonAsync(Path(project), new { entity_type = "Task", name = "Frames", task_type_id = Guid.NewGuid() }))
            .AssertWrongParameterAsync("Task type not found.");
        var column = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { entity_type = "Task", name = "Frames", task_type_id = taskType.Id, data_type = "number" }));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Path(project)}/{column}", new { name = "Frame count" })).StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["frame_count"] = 12 }, await DataOf<ProductionTask>(task.Id));
        var read = await (await admin.GetAsync($"{Path(project)}/{column}")).ReadJsonObjectAsync();
        Assert.Equal("number", (string?)read["data_type"]);
        Assert.Empty(read["departments"]!.AsArray());
    }

    [Fact]
    public async Task Supervisors_change_only_columns_of_their_departments_and_clients_see_only_client_columns()
    {
        var project = await factory.CreateProjectAsync();
        var supervisor = await factory.CreateMemberAsync(project, "supervisor");
        var department = await factory.CreateDepartmentAsync(supervisor);
        var supervisorClient = await factory.ClientForAsync(supervisor);

        await (await supervisorClient.PostAsJsonAsync(Path(project), new { name = "Everyone" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var column = await CreatedIdAsync(await supervisorClient.PostAsJsonAsync(Path(project), new { name = "Rigging notes", departments = new[] { department.Id } }));
        Assert.Equal(department.Id.ToString(), (string?)(await (await supervisorClient.GetAsync($"{Path(project)}/{column}")).JsonAsync())["departments"]![0]);
        await (await supervisorClient.PutAsJsonAsync($"{Path(project)}/{column}", new { departments = Array.Empty<Guid>(), for_client = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var admin = await factory.AdminClientAsync();
        var forClients = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { name = "Client notes", for_client = true }));
        var client = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "client"));
        var listed = (await (await client.GetAsync(Path(project))).JsonAsync()).AsArray();
        Assert.Equal(forClients, (string?)Assert.Single(listed)!["id"]);
        await (await client.GetAsync($"{Path(project)}/{column}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        // A column reached through another project's path does not exist there.
        var other = await factory.CreateProjectAsync();
        await (await admin.GetAsync($"{Path(other)}/{column}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.DeleteAsync($"{Path(other)}/{column}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_reorder_the_columns_of_a_kind()
    {
        var project = await factory.CreateProjectAsync();
        var admin = await factory.AdminClientAsync();
        var b = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { name = "B" }));
        var a = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { name = "A" }));
        var c = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { name = "C" }));
        var shotColumn = await CreatedIdAsync(await admin.PostAsJsonAsync(Path(project), new { entity_type = "Shot", name = "S" }));

        var response = await admin.PostAsJsonAsync($"{Path(project)}/reorder", new { entity_type = "Asset", descriptor_ids = new[] { c } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ordered = (await response.JsonAsync()).AsArray();
        Assert.Equal([c, a, b], ordered.Select(d => (string?)d!["id"]).ToList());
        Assert.Equal([1, 2, 3], ordered.Select(d => (int)d!["position"]!).ToList());

        await (await admin.PostAsJsonAsync($"{Path(project)}/reorder", new { entity_type = "Asset", descriptor_ids = new[] { shotColumn } }))
            .AssertWrongParameterAsync($"Descriptor {shotColumn} not found for project {project.Id} and entity type Asset");
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(project, "user"));
        await (await artist.PostAsJsonAsync($"{Path(project)}/reorder", new { entity_type = "Asset", descriptor_ids = new[] { a } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
