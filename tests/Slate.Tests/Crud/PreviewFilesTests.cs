using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/preview-files: list narrowing, vendor reads, who updates (Zou's intended rule), revisions and deletion.</summary>
public class PreviewFilesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<List<string>> Ids(HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).AsArray().Select(row => (string)row!["id"]!)];

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();

        var created = await admin.PostAsJsonAsync("/api/data/preview-files", new { name = "v1", task_id = production.TaskId, revision = 1, extension = "png" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var preview = await created.ReadJsonObjectAsync();
        Assert.Equal("processing", (string?)preview["status"]);
        Assert.Empty(preview["comments"]!.AsArray());
        var id = (string)preview["id"]!;
        await factory.CreatePreviewAsync(production.TaskId, p => p.Revision = 2);

        Assert.Equal(2, (await Ids(await admin.GetAsync($"/api/data/preview-files?task_id={production.TaskId}"))).Count);
        var page = await (await admin.GetAsync($"/api/data/preview-files?task_id={production.TaskId}&page=1&limit=1&fields=revision")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal(["id", "revision", "type"], page["data"]![0]!.AsObject().Select(p => p.Key).Order());

        Assert.Equal("v1", (string?)(await (await admin.GetAsync($"/api/data/preview-files/{id}")).ReadJsonObjectAsync())["name"]);
        var put = await admin.PutAsJsonAsync($"/api/data/preview-files/{id}", new { validation_status = "validated" });
        Assert.Equal("validated", (string?)(await put.ReadJsonObjectAsync())["validation_status"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/preview-files/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/preview-files/{id}")).StatusCode);
        var events = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name.StartsWith("preview-file:") && e.ProjectId == production.ProjectId).ToListAsync());
        Assert.Equal(["preview-file:delete", "preview-file:new", "preview-file:update"], events.Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Lists_hold_open_team_projects_and_for_vendors_their_tasks()
    {
        var production = await factory.CreateProductionAsync();
        var closed = await factory.CreateProductionAsync("Closed");
        var otherTask = await factory.CreateTaskAsync(production);
        var mine = await factory.CreatePreviewAsync(production.TaskId);
        var other = await factory.CreatePreviewAsync(otherTask.Id);
        var inClosed = await factory.CreatePreviewAsync(closed.TaskId);
        var artist = await factory.CreateMemberAsync(production, "user");
        await factory.AddToTeamAsync(closed.ProjectId, artist.Id);
        var vendor = await factory.CreateMemberAsync(production, "vendor");
        await factory.AssignAsync(production.TaskId, vendor.Id);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        var ids = Uri.EscapeDataString(new JsonArray(mine.Id.ToString(), other.Id.ToString(), inClosed.Id.ToString()).ToJsonString());

        Assert.Equal(new[] { mine.Id.ToString(), other.Id.ToString() }.Order(),
            (await Ids(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/preview-files?id={ids}"))).Order());
        Assert.Equal([mine.Id.ToString()], await Ids(await (await factory.ClientForAsync(vendor)).GetAsync($"/api/data/preview-files?id={ids}")));
        Assert.Empty(await Ids(await outsider.GetAsync($"/api/data/preview-files?id={ids}")));
    }

    [Fact]
    public async Task Team_members_read_one_and_vendors_only_on_their_tasks()
    {
        var production = await factory.CreateProductionAsync();
        var preview = await factory.CreatePreviewAsync(production.TaskId);
        var vendor = await factory.CreateMemberAsync(production, "vendor");
        var vendorApi = await factory.ClientForAsync(vendor);

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(await factory.CreateMemberAsync(production, "client"))).GetAsync($"/api/data/preview-files/{preview.Id}")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("manager"))).GetAsync($"/api/data/preview-files/{preview.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await vendorApi.GetAsync($"/api/data/preview-files/{preview.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.AssignAsync(production.TaskId, vendor.Id);
        Assert.Equal(HttpStatusCode.OK, (await vendorApi.GetAsync($"/api/data/preview-files/{preview.Id}")).StatusCode);
    }

    [Fact]
    public async Task Managers_and_the_tasks_assignees_update_and_only_admins_create()
    {
        var production = await factory.CreateProductionAsync();
        var preview = await factory.CreatePreviewAsync(production.TaskId);
        var artist = await factory.CreateMemberAsync(production, "user");
        var artistApi = await factory.ClientForAsync(artist);
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));

        await (await artistApi.PutAsJsonAsync($"/api/data/preview-files/{preview.Id}", new { status = "broken" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal("ready", await factory.WithDb(db => db.PreviewFiles.Where(p => p.Id == preview.Id).Select(p => p.Status).SingleAsync()));
        await factory.AssignAsync(production.TaskId, artist.Id);
        Assert.Equal(HttpStatusCode.OK, (await artistApi.PutAsJsonAsync($"/api/data/preview-files/{preview.Id}", new { status = "broken" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/preview-files/{preview.Id}", new { validation_status = "rejected" })).StatusCode);

        await (await manager.PostAsJsonAsync("/api/data/preview-files", new { name = "v9", task_id = production.TaskId }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.DeleteAsync($"/api/data/preview-files/{preview.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/data/preview-files/{preview.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_main_preview_takes_its_extra_positions_to_a_free_revision()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var main = await factory.CreatePreviewAsync(production.TaskId, p => p.Revision = 1);
        var extra = await factory.CreatePreviewAsync(production.TaskId, p => { p.Revision = 1; p.Position = 2; });
        await factory.CreatePreviewAsync(production.TaskId, p => p.Revision = 2);

        var taken = await admin.PutAsJsonAsync($"/api/data/preview-files/{main.Id}", new { revision = 2 });
        await taken.AssertZouErrorAsync(HttpStatusCode.BadRequest,
            "Revision 2 already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/preview-files/{main.Id}", new { revision = 5 })).StatusCode);
        var revisions = await factory.WithDb(db => db.PreviewFiles.Where(p => p.Id == main.Id || p.Id == extra.Id).Select(p => p.Revision).ToListAsync());
        Assert.Equal([5, 5], revisions);
    }

    [Fact]
    public async Task Deleting_detaches_the_preview_and_the_task_falls_back_to_its_previous_one()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var author = await factory.CreatePersonAsync("admin");
        var older = await factory.CreatePreviewAsync(production.TaskId, p => p.CreatedAt = new DateTime(2026, 1, 1));
        var latest = await factory.CreatePreviewAsync(production.TaskId, p => { p.Revision = 2; p.CreatedAt = new DateTime(2026, 1, 2); });
        var comment = await factory.CreateCommentAsync(production, author.Id, c => c.PreviewFileId = latest.Id);
        await factory.Save(new CommentPreviewLink { Comment = comment.Id, PreviewFile = latest.Id },
            new News { AuthorId = author.Id, CommentId = comment.Id, TaskId = production.TaskId, PreviewFileId = latest.Id });
        await factory.WithDb(async db =>
        {
            await db.Tasks.Where(t => t.Id == production.TaskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastPreviewFileId, latest.Id));
            return await db.Entities.Where(e => e.Id == production.EntityId).ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviewFileId, latest.Id));
        });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/preview-files/{latest.Id}")).StatusCode);

        await factory.WithDb(async db =>
        {
            Assert.Equal(older.Id, await db.Tasks.Where(t => t.Id == production.TaskId).Select(t => t.LastPreviewFileId).SingleAsync());
            Assert.Null(await db.Entities.Where(e => e.Id == production.EntityId).Select(e => e.PreviewFileId).SingleAsync());
            Assert.Null(await db.Comments.Where(c => c.Id == comment.Id).Select(c => c.PreviewFileId).SingleAsync());
            Assert.Null(await db.News.Where(n => n.CommentId == comment.Id).Select(n => n.PreviewFileId).SingleAsync());
            Assert.False(await db.CommentPreviewLinks.AnyAsync(l => l.PreviewFile == latest.Id));
            return true;
        });
    }
}
