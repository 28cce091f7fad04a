using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Events;

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
}
