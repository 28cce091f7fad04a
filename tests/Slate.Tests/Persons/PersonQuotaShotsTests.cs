using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>The shots a person's quota counts per month, week and day (behavior-production.md §8.5, Zou's get_*_quota_shots).</summary>
public class PersonQuotaShotsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    sealed record Quotas(Person Artist, Person Manager, Project Project, TaskType TaskType, Entity Timed, Entity Untimed, Entity Done);

    async Task<Quotas> CreateAsync()
    {
        var artist = await factory.CreatePersonAsync(configure: p => p.Timezone = "UTC");
        var manager = await factory.CreatePersonAsync("manager", configure: p => p.Timezone = "UTC");
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null));
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var sequence = await factory.CreateEntityAsync(project, "Sequence");
        async Task<(Entity, ProductionTask)> ShotAsync(Action<ProductionTask> configure)
        {
            var shot = await factory.CreateEntityAsync(project, "Shot", e => (e.ParentId, e.NbFrames) = (sequence.Id, 48));
            var task = await factory.CreateTaskAsync(shot, taskType, artist);
            await factory.WithDb(async db =>
            {
                configure((await db.Tasks.FindAsync(task.Id))!);
                return await db.SaveChangesAsync();
            });
            return (shot, task);
        }
        var (timed, timedTask) = await ShotAsync(t => (t.EndDate, t.Duration) = (new DateTime(2026, 3, 4, 12, 0, 0), 100));
        await factory.CreateTimeSpentAsync(timedTask, artist, TimeSheet.Monday, 60);
        await factory.CreateTimeSpentAsync(timedTask, artist, TimeSheet.Monday.AddDays(1), 40);
        var (untimed, _) = await ShotAsync(t => (t.RealStartDate, t.EndDate) = (new DateTime(2026, 3, 2, 9, 0, 0), new DateTime(2026, 3, 6, 12, 0, 0)));
        var (done, _) = await ShotAsync(t => t.DoneDate = new DateTime(2026, 3, 10, 12, 0, 0));
        return new Quotas(artist, manager, project, taskType, timed, untimed, done);
    }

    static async Task<List<(string Id, double Weight)>> ShotsAsync(HttpClient client, string path)
    {
        var shots = await Responses.ArrayAsync(await client.GetAsync(path));
        Assert.Equal(shots.Select(s => (string)s!["full_name"]!).Order(StringComparer.Ordinal), shots.Select(s => (string)s!["full_name"]!));
        return [.. shots.Select(s => ((string)s!["id"]!, (double)s["weight"]!)).OrderBy(s => s.Item1)];
    }

    static List<(string, double)> Expected(params (Entity Shot, double Weight)[] shots) =>
        [.. shots.Select(s => (s.Shot.Id.ToString(), s.Weight)).OrderBy(s => s.Item1)];

    [Fact]
    public async Task Weighted_quotas_share_logged_time_and_spread_untimed_tasks_over_their_business_days()
    {
        var q = await CreateAsync();
        var client = await factory.ClientForAsync(q.Artist);
        var root = $"/api/data/persons/{q.Artist.Id}/quota-shots";
        var filters = $"project_id={q.Project.Id}&task_type_id={q.TaskType.Id}";

        Assert.Equal(Expected((q.Timed, 1.0), (q.Untimed, 1.0)), await ShotsAsync(client, $"{root}/month/2026/3?{filters}"));
        Assert.Equal(Expected((q.Timed, 1.0), (q.Untimed, 1.0)), await ShotsAsync(client, $"{root}/week/2026/10?{filters}"));
        Assert.Equal(Expected((q.Timed, 0.4), (q.Untimed, 0.2)), await ShotsAsync(client, $"{root}/day/2026/3/3?{filters}"));
        var shot = (await Responses.ArrayAsync(await client.GetAsync($"{root}/day/2026/3/2?{filters}")))
            .Single(s => (string?)s!["id"] == q.Timed.Id.ToString())!;
        Assert.EndsWith($" / {q.Timed.Name}", (string?)shot["full_name"]);
        Assert.Equal(48, (int)shot["nb_frames"]!);
        Assert.Equal("Entity", (string?)shot["type"]);

        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync($"{root}/month/2026/3")));
        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync($"{root}/month/2026/4?{filters}")));
    }

    [Fact]
    public async Task Raw_quotas_count_each_shot_delivered_in_the_period_once()
    {
        var q = await CreateAsync();
        var client = await factory.ClientForAsync(q.Manager);
        var root = $"/api/data/persons/{q.Artist.Id}/quota-shots/month/2026/3?project_id={q.Project.Id}&task_type_id={q.TaskType.Id}";

        Assert.Equal(Expected((q.Timed, 1), (q.Untimed, 1)), await ShotsAsync(client, $"{root}&count_mode=feedback"));
        Assert.Equal(Expected((q.Done, 1)), await ShotsAsync(client, $"{root}&count_mode=done"));
        Assert.Empty(await ShotsAsync(client, $"{root}&count_mode=weighteddone"));
        var weight = (await Responses.ArrayAsync(await client.GetAsync($"{root}&count_mode=done")))[0]!["weight"]!;
        Assert.Equal("1", weight.ToJsonString());
    }

    [Fact]
    public async Task Only_the_person_admins_and_the_projects_managers_read_quotas_and_bad_input_is_a_400()
    {
        var q = await CreateAsync();
        var root = $"/api/data/persons/{q.Artist.Id}/quota-shots";
        var filters = $"project_id={q.Project.Id}&task_type_id={q.TaskType.Id}";

        var other = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await other.GetAsync($"{root}/month/2026/3?{filters}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var outsideManager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsideManager.GetAsync($"{root}/week/2026/10?{filters}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{root}/day/2026/3/2?{filters}")).StatusCode);

        var client = await factory.ClientForAsync(q.Artist);
        await (await client.GetAsync($"{root}/month/2026/3?{filters}&count_mode=unicorn"))
            .AssertWrongParameterAsync("count_mode must be equal to weighted, weighteddone, feedback, or done");
        await (await client.GetAsync($"{root}/month/2026/13?{filters}")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync($"{root}/week/2026/60?{filters}")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync($"{root}/day/2026/2/29?{filters}")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync($"{root}/day/2026/3/2?project_id=nope")).AssertWrongParameterAsync("Wrong UUID format.");
        await (await admin.GetAsync($"/api/data/persons/{Guid.NewGuid()}/quota-shots/day/2026/3/2")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
