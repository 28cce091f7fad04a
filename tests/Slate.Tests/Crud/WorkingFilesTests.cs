using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/working-files: no vendors in lists, team projects, task access to read, task action access to change.</summary>
public class WorkingFilesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<WorkingFile> CreateWorkingFileAsync(Production production, Guid? taskId = null) =>
        factory.Save(new WorkingFile { Name = Unique("scene"), Revision = 1, TaskId = taskId ?? production.TaskId, EntityId = production.EntityId });

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();

        var created = await admin.PostAsJsonAsync("/api/data/working-files",
            new { name = "main", revision = 1, task_id = production.TaskId, entity_id = production.EntityId, comment = "first save" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var file = await created.ReadJsonObjectAsync();
        Assert.Empty(file["outputs"]!.AsArray());
        var id = (string)file["id"]!;
        await CreateWorkingFileAsync(production);

        var rows = (await (await admin.GetAsync($"/api/data/working-files?task_id={production.TaskId}")).JsonAsync()).AsArray();
        Assert.Equal(2, rows.Count);
        var page = await (await admin.GetAsync($"/api/data/working-files?task_id={production.TaskId}&page=3&limit=1")).ReadJsonObjectAsync();
        Assert.Empty(page["data"]!.AsArray());
        Assert.Equal(2, (int)page["total"]!);

        Assert.Equal("first save", (string?)(await (await admin.GetAsync($"/api/data/working-files/{id}")).ReadJsonObjectAsync())["comment"]);
        var put = await admin.PutAsJsonAsync($"/api/data/working-files/{id}", new { comment = "second save" });
        Assert.Equal("second save", (string?)(await put.ReadJsonObjectAsync())["comment"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/working-files/{id}")).StatusCode);
        var events = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name.StartsWith("working-file:") && e.ProjectId == production.ProjectId).CountAsync());
        Assert.Equal(3, events);
    }

    [Fact]
    public async Task Lists_refuse_vendors_and_hold_the_teams_projects()
    {
        var production = await factory.CreateProductionAsync();
        var closed = await factory.CreateProductionAsync("Closed");
        var mine = await CreateWorkingFileAsync(production);
        var inClosed = await CreateWorkingFileAsync(closed);
        var withoutTask = await factory.Save(new WorkingFile { Name = Unique("loose"), EntityId = production.EntityId });
        var elsewhere = await CreateWorkingFileAsync(await factory.CreateProductionAsync());
        var artist = await factory.CreateMemberAsync(production, "user");
        await factory.AddToTeamAsync(closed.ProjectId, artist.Id);

        var rows = (await (await (await factory.ClientForAsync(artist)).GetAsync("/api/data/working-files")).JsonAsync()).AsArray()
            .Select(row => Guid.Parse((string)row!["id"]!)).ToList();
        Assert.Equal(new[] { mine.Id, inClosed.Id, withoutTask.Id }.Order(), rows.Order());
        Assert.DoesNotContain(elsewhere.Id, rows);

        await (await (await factory.ClientForAsync(await factory.CreateMemberAsync(production, "vendor"))).GetAsync("/api/data/working-files"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Task_access_reads_and_task_action_access_changes()
    {
        var production = await factory.CreateProductionAsync();
        var file = await CreateWorkingFileAsync(production);
        var artist = await factory.CreateMemberAsync(production, "user");
        var artistApi = await factory.ClientForAsync(artist);
        var vendorApi = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "vendor"));

        Assert.Equal(HttpStatusCode.OK, (await artistApi.GetAsync($"/api/data/working-files/{file.Id}")).StatusCode);
        await (await vendorApi.GetAsync($"/api/data/working-files/{file.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.PutAsJsonAsync($"/api/data/working-files/{file.Id}", new { comment = "mine now" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null(await factory.WithDb(db => db.WorkingFiles.Where(w => w.Id == file.Id).Select(w => w.Comment).SingleAsync()));

        await factory.AssignAsync(production.TaskId, artist.Id);
        Assert.Equal(HttpStatusCode.OK, (await artistApi.PutAsJsonAsync($"/api/data/working-files/{file.Id}", new { comment = "mine now" })).StatusCode);
        await (await artistApi.PostAsJsonAsync("/api/data/working-files", new { name = "x", task_id = production.TaskId }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.DeleteAsync($"/api/data/working-files/{file.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
