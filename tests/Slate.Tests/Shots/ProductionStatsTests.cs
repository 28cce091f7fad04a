using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using ProductionData = Slate.Tests.Crud.ProductionData;
using TaskData = Slate.Tests.Crud.TaskData;

namespace Slate.Tests.Shots;

/// <summary>A project's episode stats, retake stats and quotas (the shots blueprint's statistics routes).</summary>
public class ProductionStatsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<JsonObject> ObjectAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    /// <summary>A task of the type and status on the entity, set up by configure, assigned to the persons.</summary>
    async Task<ProductionTask> TaskAsync(Entity entity, TaskType type, ProductionTaskStatus? status, Action<ProductionTask> configure,
        params Person[] assignees)
    {
        var task = await TaskData.CreateTaskAsync(factory, entity, type, status, assignees);
        return await factory.WithDb(async db =>
        {
            db.Attach(task);
            configure(task);
            await db.SaveChangesAsync();
            return task;
        });
    }

    /// <summary>An episode with a sequence holding two shots (48 and 72 frames), and a sequence of no episode with a shot.</summary>
    async Task<(Entity Episode, Entity Shot48, Entity Shot72, Entity Loose)> ShotsAsync(Project project)
    {
        var episode = await factory.CreateEntityAsync(project, "Episode");
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.ParentId = episode.Id);
        var loose = await factory.CreateEntityAsync(project, "Sequence");
        return (episode,
            await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence.Id; e.NbFrames = 48; }),
            await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = sequence.Id; e.NbFrames = 72; }),
            await factory.CreateEntityAsync(project, "Shot", e => { e.ParentId = loose.Id; e.NbFrames = 10; }));
    }

    static JsonObject Bucket(ProductionTaskStatus status, int count, int frames, int drawings) => new()
    {
        ["name"] = status.ShortName, ["color"] = status.Color, ["count"] = count, ["frames"] = frames, ["drawings"] = drawings,
    };

    [Fact]
    public async Task Episode_stats_count_tasks_per_episode_type_and_status()
    {
        var member = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (member, null), (vendor, null));
        var (episode, shot48, shot72, loose) = await ShotsAsync(project);
        var (layout, anim) = (await TaskData.CreateTaskTypeAsync(factory, "Shot"), await TaskData.CreateTaskTypeAsync(factory, "Shot"));
        var todo = await ProductionData.CreateTaskStatusAsync(factory, s => s.Color = "#f5f5f5");
        var wfa = await ProductionData.CreateTaskStatusAsync(factory, s => s.Color = "#ab26ff");
        await TaskAsync(shot48, layout, todo, t => t.NbDrawings = 3);
        await TaskAsync(shot72, layout, todo, _ => { });
        await TaskAsync(shot48, anim, wfa, _ => { }, vendor);
        await TaskAsync(loose, layout, todo, _ => { });
        var (ep, lt, an) = (episode.Id.ToString(), layout.Id.ToString(), anim.Id.ToString());

        var stats = await ObjectAsync(await (await factory.ClientForAsync(member)).GetAsync($"/api/data/projects/{project.Id}/episodes/stats"));
        JsonObject TodoAndWfa() => new() { [todo.Id.ToString()] = Bucket(todo, 2, 120, 3), [wfa.Id.ToString()] = Bucket(wfa, 1, 48, 0) };
        Responses.AssertJsonEqual(new JsonObject
        {
            [ep] = new JsonObject
            {
                [lt] = new JsonObject { [todo.Id.ToString()] = Bucket(todo, 2, 120, 3) },
                [an] = new JsonObject { [wfa.Id.ToString()] = Bucket(wfa, 1, 48, 0) },
                ["all"] = TodoAndWfa(),
            },
            ["all"] = new JsonObject
            {
                ["all"] = TodoAndWfa(),
                [lt] = new JsonObject { [todo.Id.ToString()] = Bucket(todo, 2, 120, 3) },
                [an] = new JsonObject { [wfa.Id.ToString()] = Bucket(wfa, 1, 48, 0) },
            },
        }, stats);
        Assert.Equal([ep, "all"], stats.Select(p => p.Key).ToList());

        var own = await ObjectAsync(await (await factory.ClientForAsync(vendor)).GetAsync($"/api/data/projects/{project.Id}/episodes/stats"));
        Assert.Equal(1, (int)own[ep]!["all"]![wfa.Id.ToString()]!["count"]!);
        Assert.Null(own[ep]!["all"]![todo.Id.ToString()]);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        foreach (var route in (string[])["stats", "retake-stats"])
            await (await outsider.GetAsync($"/api/data/projects/{project.Id}/episodes/{route}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/episodes/stats")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Retake_stats_count_done_retake_and_other_tasks_take_by_take()
    {
        var member = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (member, null));
        var (episode, shot48, shot72, loose) = await ShotsAsync(project);
        var (layout, anim) = (await TaskData.CreateTaskTypeAsync(factory, "Shot"), await TaskData.CreateTaskTypeAsync(factory, "Shot"));
        var retake = await ProductionData.CreateTaskStatusAsync(factory, s => s.IsRetake = true);
        var done = await ProductionData.CreateTaskStatusAsync(factory, s => s.IsDone = true);
        var wip = await ProductionData.CreateTaskStatusAsync(factory);
        await TaskAsync(shot48, layout, retake, t => t.RetakeCount = 2);
        await TaskAsync(shot72, layout, done, t => t.RetakeCount = 1);
        await TaskAsync(shot48, anim, wip, _ => { });
        await TaskAsync(loose, layout, retake, t => t.RetakeCount = 5);

        var stats = await ObjectAsync(await (await factory.ClientForAsync(member)).GetAsync($"/api/data/projects/{project.Id}/episodes/retake-stats"));
        static JsonObject Counts(int count, int frames) => new() { ["count"] = count, ["frames"] = frames, ["drawings"] = 0 };
        var everything = stats["all"]!["all"]!;
        Responses.AssertJsonEqual(new JsonObject
        {
            ["max_retake_count"] = 2, ["evolution"] = new JsonObject(),
            ["done"] = Counts(1, 72), ["retake"] = Counts(1, 48), ["other"] = Counts(1, 48),
        }, everything);
        Assert.Equal(["max_retake_count", "evolution", "done", "retake", "other"], everything.AsObject().Select(p => p.Key).ToList());
        Responses.AssertJsonEqual(new JsonObject
        {
            ["1"] = new JsonObject { ["done"] = Counts(0, 0), ["retake"] = Counts(2, 120), ["other"] = Counts(1, 48) },
            ["2"] = new JsonObject { ["done"] = Counts(1, 72), ["retake"] = Counts(1, 48), ["other"] = Counts(1, 48) },
        }, stats[episode.Id.ToString()]!["all"]!["evolution"]);
        Assert.Equal(0, (int)stats[episode.Id.ToString()]![anim.Id.ToString()]!["max_retake_count"]!);
        Assert.Equal(2, (int)stats["all"]![layout.Id.ToString()]!["retake"]!["count"]! + (int)stats["all"]![layout.Id.ToString()]!["done"]!["count"]!);
    }

    [Fact]
    public async Task Quotas_count_the_frames_each_artist_delivered()
    {
        var manager = await factory.CreatePersonAsync(configure: p => p.Timezone = "UTC");
        var artist = await factory.CreatePersonAsync(configure: p => p.Timezone = "UTC");
        var colleague = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (manager, "manager"), (artist, null), (colleague, null), (vendor, null));
        var (_, shot48, shot72, _) = await ShotsAsync(project);
        var layout = await TaskData.CreateTaskTypeAsync(factory, "Shot");
        var delivered = new DateTime(2026, 11, 27, 10, 0, 0);
        await TaskAsync(shot48, layout, null, t => { t.EndDate = delivered; t.RealStartDate = delivered.AddDays(-1); t.NbDrawings = 2; }, artist);
        var timed = await TaskAsync(shot72, layout, null, t => { t.EndDate = delivered; t.Duration = 480; }, artist);
        await factory.Save(new TimeSpent { TaskId = timed.Id, PersonId = artist.Id, Date = new DateOnly(2026, 11, 20), Duration = 240 });
        var path = $"/api/data/projects/{project.Id}/quotas/{layout.Id}";
        var client = await factory.ClientForAsync(manager);

        static JsonObject Periods(string day, string week, long frames, double seconds, long count, long drawings) => new()
        {
            ["day"] = Period(day, day[..7], frames, seconds, count, drawings),
            ["week"] = Period(week, day[..4], frames, seconds, count, drawings),
            ["month"] = Period(day[..7], day[..4], frames, seconds, count, drawings),
            ["year"] = new JsonObject
            {
                ["frames"] = new JsonObject { [day[..4]] = frames }, ["seconds"] = new JsonObject { [day[..4]] = seconds },
                ["count"] = new JsonObject { [day[..4]] = count }, ["drawings"] = new JsonObject { [day[..4]] = drawings },
            },
        };
        static JsonObject Period(string key, string entries, long frames, double seconds, long count, long drawings) => new()
        {
            ["frames"] = new JsonObject { [key] = frames }, ["seconds"] = new JsonObject { [key] = seconds },
            ["count"] = new JsonObject { [key] = count }, ["entries"] = new JsonObject { [entries] = 1 },
            ["drawings"] = new JsonObject { [key] = drawings },
        };

        var raw = await ObjectAsync(await client.GetAsync($"{path}?count_mode=feedback"));
        Assert.Equal([artist.Id.ToString(), "total"], raw.Select(p => p.Key).ToList());
        var day = raw[artist.Id.ToString()]!["day"]!;
        Assert.Equal(120, (int)day["frames"]!["2026-11-27"]!);
        Assert.Equal(4.8, (double)day["seconds"]!["2026-11-27"]!, 6);
        Assert.Equal(2, (int)day["count"]!["2026-11-27"]!);
        Assert.Equal(2, (int)day["drawings"]!["2026-11-27"]!);
        Assert.Equal(1, (int)raw["total"]!["week"]!["entries"]!["2026"]!);
        Assert.Equal(2, (int)raw["total"]!["week"]!["count"]!["2026-48"]!);
        Assert.Empty(await ObjectAsync(await client.GetAsync($"{path}?count_mode=done")));

        var weighted = await ObjectAsync(await client.GetAsync(path));
        var mine = weighted[artist.Id.ToString()]!.AsObject();
        Assert.Equal(36, (int)mine["day"]!["frames"]!["2026-11-20"]!);
        Assert.Equal(24, (int)mine["day"]!["frames"]!["2026-11-27"]!);
        Assert.Null(mine["day"]!["frames"]!["2026-11-28"]);
        Assert.Equal(1, (int)mine["week"]!["count"]!["2026-47"]!);
        Assert.Equal(2, (int)mine["day"]!["entries"]!["2026-11"]!);
        Assert.Equal(1, (int)mine["month"]!["entries"]!["2026"]!);

        var own = await ObjectAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/projects/{project.Id}/quotas/persons/{artist.Id}"));
        Responses.AssertJsonEqual(new JsonObject
        {
            [layout.Id.ToString()] = Periods("2026-11-20", "2026-47", 36, 1.44, 1, 0),
            ["total"] = Periods("2026-11-20", "2026-47", 36, 1.44, 1, 0),
        }, own);
        var rawOwn = await ObjectAsync(await client.GetAsync($"/api/data/projects/{project.Id}/quotas/persons/{artist.Id}?count_mode=feedback"));
        Assert.Equal(120, (int)rawOwn[layout.Id.ToString()]!["year"]!["frames"]!["2026"]!);

        Assert.Empty(await ObjectAsync(await (await factory.ClientForAsync(vendor)).GetAsync($"{path}?count_mode=feedback")));
        Assert.Empty(await ObjectAsync(await client.GetAsync($"{path}?studio_id={Guid.NewGuid()}")));
        await Responses.AssertWrongParameterAsync(await client.GetAsync($"{path}?count_mode=banana"), "count_mode must be equal to weighted, weigtheddone, feedback, or done");
        await Responses.AssertWrongParameterAsync(await client.GetAsync($"{path}?studio_id=x"), "Invalid UUID value: x");
        await (await client.GetAsync($"/api/data/projects/{project.Id}/quotas/{Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync($"/api/data/projects/{project.Id}/quotas/persons/{Guid.NewGuid()}"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await (await factory.ClientForAsync(colleague)).GetAsync($"/api/data/projects/{project.Id}/quotas/persons/{artist.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
