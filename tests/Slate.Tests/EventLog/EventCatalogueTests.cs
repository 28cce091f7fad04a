using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.EventLog;

/// <summary>The api_event rows services record, by name and data keys, as Zou's catalogue gives them (behavior-services.md §1.7).</summary>
public class EventCatalogueTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Theory]
    [InlineData("Character", "assets")]
    [InlineData("Shot", "shots")]
    public async Task Deleting_an_entity_with_its_tasks_records_each_task_delete(string typeName, string route)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync(open: true);
        var entity = await factory.CreateEntityAsync(project, typeName);
        var task = await factory.CreateTaskAsync(entity);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/{route}/{entity.Id}?force=true")).StatusCode);

        var deleted = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name == "task:delete" && e.ProjectId == project.Id).ToListAsync());
        Responses.AssertJsonEqual(new JsonObject
        {
            ["task_id"] = task.Id.ToString(), ["entity_id"] = entity.Id.ToString(), ["task_type_id"] = task.TaskTypeId.ToString(),
            ["project_id"] = project.Id.ToString(),
        }, Assert.Single(deleted).Data);
    }

    [Fact]
    public async Task Creating_the_default_task_status_on_first_use_records_task_status_new()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync(open: true);
        var asset = await factory.CreateEntityAsync(project);
        var modeling = await factory.CreateTaskTypeAsync();
        // No default status yet, nor one that would be taken for it: the route creates "Todo".
        await factory.WithDb(async db =>
        {
            foreach (var status in await db.TaskStatuses.Where(s => s.IsDefault == true || s.ShortName == "todo").ToListAsync())
                (status.IsDefault, status.ShortName) = (false, TestData.Unique("old"));
            return await db.SaveChangesAsync();
        });

        var created = await admin.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-types/{modeling.Id}/assets/create-tasks",
            new JsonArray(asset.Id.ToString()));
        var task = Assert.Single(await Responses.ArrayAsync(created, HttpStatusCode.Created))!;

        var recorded = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name == "task-status:new").ToListAsync());
        var statusEvent = Assert.Single(recorded);
        Responses.AssertJsonEqual(new JsonObject { ["task_status_id"] = (string?)task["task_status_id"] }, statusEvent.Data);
        Assert.Null(statusEvent.ProjectId);
    }
}
