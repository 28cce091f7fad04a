using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Shots;

/// <summary>POST /actions/projects/{id}/task-types/{id}/set-shot-nb-frames (behavior-production.md §1.7).</summary>
public class ShotFramesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string Path(Guid project, Guid? taskType) => $"/api/actions/projects/{project}/task-types/{taskType}/set-shot-nb-frames";

    Task<int?> FramesAsync(Entity shot) => factory.WithDb(db => db.Entities.Where(e => e.Id == shot.Id).Select(e => e.NbFrames).FirstAsync());

    [Fact]
    public async Task Shots_take_the_frames_of_their_latest_preview_of_the_task_type()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var otherSequence = await factory.CreateEntityAsync(project, "Sequence");
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence.Id; e.NbFrames = 10; });
        var outside = await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = otherSequence.Id; e.NbFrames = 10; });
        var untouched = await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence.Id; e.NbFrames = 10; });
        var task = await factory.CreateTaskAsync(shot);
        var old = await factory.CreatePreviewAsync(task, p => p.Duration = 10);
        await factory.CreatePreviewAsync(task, p => { p.Duration = 2.1; p.Revision = 2; p.CreatedAt = old.CreatedAt!.Value.AddMinutes(1); });
        var outsideTask = await factory.WithDb(async db =>
        {
            var outsideTask = new ProductionTask { Name = "main", ProjectId = project.Id, EntityId = outside.Id, TaskTypeId = task.TaskTypeId, TaskStatusId = task.TaskStatusId };
            db.Tasks.Add(outsideTask);
            await db.SaveChangesAsync();
            return outsideTask;
        });
        await factory.CreatePreviewAsync(outsideTask, p => p.Duration = 1);
        await factory.CreatePreviewAsync(await factory.CreateTaskAsync(untouched), p => p.Duration = 4);
        var client = await factory.ClientForAsync(manager);

        var response = await client.PostAsJsonAsync($"{Path(project.Id, task.TaskTypeId)}?episode_id={episode.Id}", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(new JsonArray(new JsonObject { ["id"] = shot.Id.ToString(), ["nb_frames"] = 52 }), await response.JsonAsync());
        Assert.Equal(52, await FramesAsync(shot));
        Assert.Equal(10, await FramesAsync(outside));
        Assert.Equal(10, await FramesAsync(untouched));
        Assert.Equal(["shot:update"], await factory.EventsAsync("shot_id", shot.Id));

        var all = await (await client.PostAsJsonAsync(Path(project.Id, task.TaskTypeId), new { })).JsonAsync();
        Assert.Equal(2, all.AsArray().Count);
        Assert.Equal(25, await FramesAsync(outside));
        Assert.Equal(10, await FramesAsync(untouched));

        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.PostAsJsonAsync(Path(project.Id, task.TaskTypeId), new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var malformed = await client.PostAsJsonAsync($"/api/actions/projects/{project.Id}/task-types/unicorn/set-shot-nb-frames", new { });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Invalid project or task type id", (string?)(await malformed.ReadJsonObjectAsync())["message"]);
        var badEpisode = await client.PostAsJsonAsync($"{Path(project.Id, task.TaskTypeId)}?episode_id=E01", new { });
        Assert.Equal(HttpStatusCode.BadRequest, badEpisode.StatusCode);
        Assert.Equal("Invalid episode id", (string?)(await badEpisode.ReadJsonObjectAsync())["message"]);
        await (await client.PostAsJsonAsync($"{Path(project.Id, task.TaskTypeId)}?episode_id={sequence.Id}", new { }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.PostAsJsonAsync(Path(Guid.NewGuid(), task.TaskTypeId), new { })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
