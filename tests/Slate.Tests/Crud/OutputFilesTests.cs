using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/output-files: no vendors in lists, open team projects, entity access to read, managers or assignees change.</summary>
public class OutputFilesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<OutputFile> CreateOutputFileAsync(Production production, Action<OutputFile>? configure = null)
    {
        var status = await factory.Save(new FileStatus { Name = Unique("Status"), Color = "#000000" });
        var file = new OutputFile { Name = Unique("cache"), Revision = 1, FileStatusId = status.Id, EntityId = production.EntityId };
        configure?.Invoke(file);
        return await factory.Save(file);
    }

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var status = await factory.Save(new FileStatus { Name = Unique("Status"), Color = "#000000" });

        var created = await admin.PostAsJsonAsync("/api/data/output-files",
            new { name = "main", revision = 1, file_status_id = status.Id, entity_id = production.EntityId, representation = "abc" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var file = await created.ReadJsonObjectAsync();
        Assert.Null(file["source_file"]);
        var id = (string)file["id"]!;
        await CreateOutputFileAsync(production);

        Assert.Equal(2, (await (await admin.GetAsync($"/api/data/output-files?entity_id={production.EntityId}")).JsonAsync()).AsArray().Count);
        Assert.Single((await (await admin.GetAsync($"/api/data/output-files?entity_id={production.EntityId}&representation=abc")).JsonAsync()).AsArray());
        var page = await (await admin.GetAsync($"/api/data/output-files?entity_id={production.EntityId}&page=1&limit=5")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["nb_pages"]!);

        Assert.Equal("abc", (string?)(await (await admin.GetAsync($"/api/data/output-files/{id}")).ReadJsonObjectAsync())["representation"]);
        var put = await admin.PutAsJsonAsync($"/api/data/output-files/{id}", new { comment = "published" });
        Assert.Equal("published", (string?)(await put.ReadJsonObjectAsync())["comment"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/output-files/{id}")).StatusCode);
        var events = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name.StartsWith("output-file:") && e.ProjectId == production.ProjectId).ToListAsync());
        Assert.Equal(["output-file:delete", "output-file:new", "output-file:update"], events.Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Lists_refuse_vendors_and_hold_open_team_projects()
    {
        var production = await factory.CreateProductionAsync();
        var closed = await factory.CreateProductionAsync("Closed");
        var mine = await CreateOutputFileAsync(production);
        await CreateOutputFileAsync(closed);
        await CreateOutputFileAsync(await factory.CreateProductionAsync());
        var artist = await factory.CreateMemberAsync(production, "user");
        await factory.AddToTeamAsync(closed.ProjectId, artist.Id);

        var rows = (await (await (await factory.ClientForAsync(artist)).GetAsync("/api/data/output-files")).JsonAsync()).AsArray();
        Assert.Equal(mine.Id.ToString(), (string?)Assert.Single(rows)!["id"]);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"))).GetAsync("/api/data/output-files"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Entity_access_reads_and_managers_or_assignees_change()
    {
        var production = await factory.CreateProductionAsync();
        var shot = await factory.CreateTaskAsync(production);
        var file = await CreateOutputFileAsync(production, f => f.TemporalEntityId = shot.EntityId);
        var artist = await factory.CreateMemberAsync(production, "user");
        var artistApi = await factory.ClientForAsync(artist);
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));

        Assert.Equal(HttpStatusCode.OK, (await artistApi.GetAsync($"/api/data/output-files/{file.Id}")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("user"))).GetAsync($"/api/data/output-files/{file.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.PutAsJsonAsync($"/api/data/output-files/{file.Id}", new { comment = "mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null(await factory.WithDb(db => db.OutputFiles.Where(o => o.Id == file.Id).Select(o => o.Comment).SingleAsync()));

        await factory.AssignAsync(shot.Id, artist.Id); // assigned on the temporal entity
        Assert.Equal(HttpStatusCode.OK, (await artistApi.PutAsJsonAsync($"/api/data/output-files/{file.Id}", new { comment = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/output-files/{file.Id}", new { comment = "checked" })).StatusCode);
        await (await manager.DeleteAsync($"/api/data/output-files/{file.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
