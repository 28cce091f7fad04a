using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>Previews on comments and main previews from tasks (behavior-production.md §4.7, §5.9, §11 checks 34-36).</summary>
public class TaskPreviewsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>A project with an asset and a task assigned to the artist, and a manager and a client in the team.</summary>
    async Task<(Project Project, Entity Asset, ProductionTask Task, Person Artist, Person Manager, Person Client)> ProductionAsync()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var client = await factory.CreatePersonAsync("client");
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null), (client, null));
        var asset = await factory.CreateEntityAsync(project);
        return (project, asset, await factory.CreateTaskAsync(asset, artist), artist, manager, client);
    }

    Task<Comment> CommentAsync(ProductionTask task, Person author) =>
        factory.Save(new Comment { ObjectId = task.Id, ObjectType = "Task", PersonId = author.Id, Text = "look" });

    static string AddPreview(ProductionTask task, Comment comment) => $"/api/actions/tasks/{task.Id}/comments/{comment.Id}/add-preview";

    static async Task<JsonObject> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    [Fact]
    public async Task Previews_on_comments_are_numbered_by_revision()
    {
        var (_, _, task, artist, manager, _) = await ProductionAsync();
        var client = await factory.ClientForAsync(artist);
        var first = await CommentAsync(task, artist);
        await factory.Save(new News { AuthorId = artist.Id, CommentId = first.Id, TaskId = task.Id });

        var preview = await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, first), new { }));
        Assert.Equal(1, (int)preview["revision"]!);
        Assert.Equal(1, (int)preview["position"]!);
        Assert.Equal("processing", (string?)preview["status"]);
        Assert.Equal("mp4", (string?)preview["extension"]);
        Assert.Equal("webgui", (string?)preview["source"]);
        Assert.Equal("PreviewFile", (string?)preview["type"]);
        Assert.Equal(artist.Id.ToString(), (string?)preview["person_id"]);
        Assert.Equal([first.Id.ToString()], preview["comments"]!.AsArray().Select(c => (string?)c));
        var read = await (await (await factory.ClientForAsync(manager)).GetAsync($"/api/data/preview-files/{preview["id"]}?relations=true")).ReadJsonObjectAsync();
        Assert.Equal(read.Select(p => p.Key).Order(), preview.Select(p => p.Key).Order());
        var previewId = Guid.Parse((string)preview["id"]!);
        Assert.Equal(previewId, await factory.WithDb(db => db.News.Where(n => n.CommentId == first.Id).Select(n => n.PreviewFileId).FirstAsync()));
        Assert.Contains("preview-file:new", await factory.EventsAsync("preview_file_id", previewId));

        var second = await CommentAsync(task, artist);
        await (await client.PostAsJsonAsync(AddPreview(task, second), new { revision = 1 })).AssertZouErrorAsync(HttpStatusCode.BadRequest,
            "Revision 1 already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.");
        Assert.Equal(2, (int)(await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, second), new { })))["revision"]!);
        var third = await CommentAsync(task, artist);
        Assert.Equal(0, (int)(await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, third), new { revision = 0 })))["revision"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(AddPreview(task, third), new { revision = -1 })).StatusCode);

        // Another preview of the first comment's revision goes to the next position.
        var extra = await CreatedAsync(await client.PostAsync($"/api/actions/tasks/{task.Id}/comments/{first.Id}/preview-files/{previewId}", null));
        Assert.Equal(1, (int)extra["revision"]!);
        Assert.Equal(2, (int)extra["position"]!);
        var more = await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, first), new { }));
        Assert.Equal(1, (int)more["revision"]!);
        Assert.Equal(3, (int)more["position"]!);
    }

    [Fact]
    public async Task A_project_with_one_preview_per_revision_refuses_a_second_position()
    {
        var (project, _, task, artist, _, _) = await ProductionAsync();
        await factory.WithDb(db => db.Projects.Where(p => p.Id == project.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsSinglePreviewPerRevision, true)));
        var client = await factory.ClientForAsync(artist);
        var comment = await CommentAsync(task, artist);
        var preview = await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, comment), new { }));

        await (await client.PostAsync($"/api/actions/tasks/{task.Id}/comments/{comment.Id}/preview-files/{preview["id"]}", null))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Only one preview file is allowed per revision for this project.");
        Assert.Equal(1, await factory.WithDb(db => db.PreviewFiles.CountAsync(p => p.TaskId == task.Id)));
    }

    [Fact]
    public async Task Paths_must_hold_together_and_callers_need_task_access()
    {
        var (project, asset, task, artist, _, _) = await ProductionAsync();
        var otherTask = await factory.CreateTaskAsync(asset);
        var comment = await CommentAsync(task, artist);
        var foreignComment = await CommentAsync(otherTask, artist);
        var foreignPreview = await factory.CreatePreviewAsync(otherTask);
        var client = await factory.ClientForAsync(artist);

        await (await client.PostAsJsonAsync(AddPreview(task, foreignComment), new { })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsync($"/api/actions/tasks/{task.Id}/comments/{comment.Id}/preview-files/{foreignPreview.Id}", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync($"/api/actions/tasks/nope/comments/{comment.Id}/add-preview", new { }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var colleague = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(project.Id, colleague);
        await (await (await factory.ClientForAsync(colleague)).PostAsJsonAsync(AddPreview(task, comment), new { }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).PostAsJsonAsync(AddPreview(task, comment), new { }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await factory.WithDb(db => db.PreviewFiles.CountAsync(p => p.TaskId == task.Id)));
    }

    [Fact]
    public async Task Removing_a_comment_preview_clears_what_points_at_it()
    {
        var (_, asset, task, artist, _, _) = await ProductionAsync();
        var client = await factory.ClientForAsync(artist);
        var comment = await CommentAsync(task, artist);
        var other = await CommentAsync(task, artist);
        var preview = await CreatedAsync(await client.PostAsJsonAsync(AddPreview(task, comment), new { }));
        var previewId = Guid.Parse((string)preview["id"]!);
        await factory.WithDb(async db =>
        {
            await db.Entities.Where(e => e.Id == asset.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviewFileId, previewId));
            return await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastPreviewFileId, previewId));
        });
        var path = $"/api/actions/tasks/{task.Id}/comments/{comment.Id}/preview-files/{previewId}";

        await (await client.DeleteAsync($"/api/actions/tasks/{task.Id}/comments/{other.Id}/preview-files/{previewId}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).DeleteAsync(path))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(path)).StatusCode);

        Assert.False(await factory.WithDb(db => db.PreviewFiles.AnyAsync(p => p.Id == previewId)));
        Assert.Null(await factory.WithDb(db => db.Entities.Where(e => e.Id == asset.Id).Select(e => e.PreviewFileId).FirstAsync()));
        Assert.Null(await factory.WithDb(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.LastPreviewFileId).FirstAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_last_preview_of_a_task_becomes_its_entity_thumbnail()
    {
        var (_, asset, task, _, manager, clientPerson) = await ProductionAsync();
        var secondAsset = await factory.CreateEntityAsync((await factory.WithDb(db => db.Projects.FirstAsync(p => p.Id == asset.ProjectId))));
        var secondTask = await factory.CreateTaskAsync(secondAsset);
        var bare = await factory.CreateTaskAsync(asset);
        await factory.CreatePreviewAsync(task, p => p.Revision = 1);
        var last = await factory.CreatePreviewAsync(task, p => p.Revision = 2);
        var secondPreview = await factory.CreatePreviewAsync(secondTask);
        var client = await factory.ClientForAsync(manager);

        var entity = await (await client.PutAsJsonAsync($"/api/actions/tasks/{task.Id}/set-main-preview", new { })).ReadJsonObjectAsync();
        Assert.Equal(asset.Id.ToString(), (string?)entity["id"]);
        Assert.Equal(last.Id.ToString(), (string?)entity["preview_file_id"]);
        Assert.Equal("Entity", (string?)entity["type"]);
        Assert.Contains("preview-file:set-main", await factory.EventsAsync("entity_id", asset.Id));
        Assert.Contains("asset:update", await factory.EventsAsync("asset_id", asset.Id));

        await (await client.PutAsJsonAsync($"/api/actions/tasks/{bare.Id}/set-main-preview", new { }))
            .AssertWrongParameterAsync("This task has no preview file to set as the main preview.");
        await (await (await factory.ClientForAsync(clientPerson)).PutAsJsonAsync($"/api/actions/tasks/{task.Id}/set-main-preview", new { }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).PutAsJsonAsync($"/api/actions/tasks/{task.Id}/set-main-preview", new { }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var many = await client.PutAsJsonAsync("/api/actions/tasks/set-main-preview", new { task_ids = new[] { secondTask.Id, bare.Id } });
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        var changed = (await many.JsonAsync()).AsArray();
        Assert.Equal(secondPreview.Id.ToString(), (string?)Assert.Single(changed)!["preview_file_id"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/actions/tasks/set-main-preview", new { task_ids = Array.Empty<Guid>() })).StatusCode);
        await (await (await factory.ClientForAsync(clientPerson)).PutAsJsonAsync("/api/actions/tasks/set-main-preview", new { task_ids = new[] { secondTask.Id } }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task To_review_sets_the_status_and_says_where_the_preview_goes()
    {
        var (project, _, task, artist, manager, _) = await ProductionAsync();
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/actions/tasks/{task.Id}/to-review";

        var answer = await (await client.PutAsJsonAsync(path, new { comment = "please" })).ReadJsonObjectAsync();
        var status = await factory.WithDb(db => db.TaskStatuses.FirstAsync(s => s.Name == "To review"));
        Assert.Equal(status.Id.ToString(), (string?)answer["task_status_id"]);
        Assert.Equal(task.Id.ToString(), (string?)answer["id"]);
        Assert.Equal(project.Id.ToString(), (string?)answer["project"]!["id"]);
        Assert.Equal(task.EntityId.ToString(), (string?)answer["entity"]!["id"]);
        Assert.Equal("Character", (string?)answer["entity_type"]!["name"]);
        Assert.Equal(manager.Id.ToString(), (string?)answer["person"]!["id"]);
        Assert.Null(answer["person"]!["password"]);
        Assert.Equal("please", (string?)answer["comment"]);
        Responses.AssertJsonEqual(new JsonObject { ["folder_path"] = "", ["file_name"] = "" }, answer["preview_path"]);
        Assert.Contains("task:to-review", await factory.EventsAsync("task_id", task.Id));

        await (await client.PutAsJsonAsync(path, new { person_id = Guid.NewGuid() })).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Cannot find given person.");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync(path, new { revision = -2 })).StatusCode);
        var colleague = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(project.Id, colleague);
        var colleagueClient = await factory.ClientForAsync(colleague);
        await (await colleagueClient.PutAsJsonAsync(path, new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await colleagueClient.PutAsJsonAsync(path, new { change_status = false })).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync())).PutAsJsonAsync(path, new { change_status = false }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(artist)).PutAsJsonAsync(path, new { })).StatusCode);
    }

    [Fact]
    public async Task The_preview_path_follows_the_project_file_tree()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var tree = new JsonObject
        {
            ["preview"] = new JsonObject
            {
                ["mountpoint"] = "/simple", ["root"] = "productions/previews",
                ["folder_path"] = new JsonObject { ["shot"] = "<Project>/shots/<Episode>/<Sequence>/<Shot>/<TaskType>", ["style"] = "lowercase" },
                ["file_name"] = new JsonObject { ["shot"] = "<Project>_<Sequence>_<Shot.id>_<Name>_v<Revision>", ["style"] = "uppercase" },
            },
        };
        await factory.WithDb(async db =>
        {
            (await db.Projects.FindAsync(project.Id))!.FileTree = tree;
            return await db.SaveChangesAsync();
        });
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.Name = "Seq2");
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH 010"; e.ParentId = sequence.Id; });
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var task = await factory.CreateTaskAsync(shot, taskType);

        var answer = await (await (await factory.ClientForAsync(manager)).PutAsJsonAsync($"/api/actions/tasks/{task.Id}/to-review",
            new { name = "Final Cut", revision = 3, change_status = false })).ReadJsonObjectAsync();

        var slug = project.Name.ToLowerInvariant();
        Assert.Equal($"/simple/productions/previews/{slug}/shots/e001/s002/sh_010/{taskType.Name.ToLowerInvariant()}",
            (string?)answer["preview_path"]!["folder_path"]);
        Assert.Equal($"{slug.ToUpperInvariant()}_S002_{shot.Id}_FINAL_CUT_V003", (string?)answer["preview_path"]!["file_name"]);
        Assert.Null(answer["task_status_id"]);
    }
}
