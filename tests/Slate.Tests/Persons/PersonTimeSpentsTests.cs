using System.Net;
using System.Text.Json.Nodes;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>A person's time spents: raw, of a day, totalled per task over a period (behavior-production.md §8.5).</summary>
public class PersonTimeSpentsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string Id(Slate.Domain.Model row) => row.Id.ToString();

    [Fact]
    public async Task Admins_read_a_persons_time_spents_between_two_dates_and_nobody_else_does()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var admin = await factory.ClientForAsync(sheet.Admin);
        var path = $"/api/data/persons/{sheet.Artist.Id}/time-spents";

        var range = await Responses.ArrayAsync(await admin.GetAsync($"{path}?start_date=2026-03-02&end_date=2026-03-02"));
        Assert.Equal(3, range.Count);
        Assert.All(range, r => Assert.Equal("2026-03-02", (string?)r!["date"]));
        Assert.Equal(["duration", "date", "task_id", "person_id", "id", "created_at", "updated_at", "type"], range[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(5, (await Responses.ArrayAsync(await admin.GetAsync(path))).Count);

        await (await admin.GetAsync($"{path}?start_date=2026-03-02")).AssertWrongParameterAsync(
            "If querying for a range of dates, both a `start_date` and an `end_date` must be given.");
        await (await admin.GetAsync($"{path}?start_date=2026-03-02&end_date=nope")).AssertWrongParameterAsync(
            "Wrong date format for 2026-03-02 and/or nope");
        var self = await factory.ClientForAsync(sheet.Artist);
        await (await self.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/persons/{Guid.NewGuid()}/time-spents")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var bot = await factory.CreatePersonAsync("user", configure: p => p.IsBot = true);
        await (await admin.GetAsync($"/api/data/persons/{bot.Id}/time-spents")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_day_is_read_in_full_by_the_person_and_admins_and_within_their_projects_and_departments_by_managers_and_supervisors()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var path = $"/api/data/persons/{sheet.Artist.Id}/time-spents/2026-03-02";
        async Task<List<string?>> TasksAsync(Slate.Domain.Person caller) =>
            [.. (await Responses.ArrayAsync(await (await factory.ClientForAsync(caller)).GetAsync(path))).Select(r => (string?)r!["task_id"]).Order()];

        var all = new List<string?> { Id(sheet.ShotAnimation), Id(sheet.ShotModeling), Id(sheet.AssetAnimation) }.Order().ToList();
        Assert.Equal(all, await TasksAsync(sheet.Artist));
        Assert.Equal(all, await TasksAsync(sheet.Admin));
        Assert.Equal(new List<string?> { Id(sheet.ShotAnimation), Id(sheet.ShotModeling) }.Order(), await TasksAsync(sheet.Manager));
        Assert.Equal([Id(sheet.ShotAnimation)], await TasksAsync(sheet.Supervisor));

        // Another artist sees nothing of it, even sharing a project.
        var other = await factory.ClientForAsync(sheet.Other);
        await (await other.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await other.GetAsync($"/api/data/persons/{sheet.Artist.Id}/time-spents/2026-13-45")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(sheet.Admin);
        await (await admin.GetAsync($"/api/data/persons/{sheet.Artist.Id}/time-spents/2026-13-45")).AssertWrongParameterAsync("Invalid month or year.");
        await (await admin.GetAsync("/api/data/persons/not-an-id/time-spents/2026-03-02")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Period_views_total_the_time_per_task_with_its_names()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var client = await factory.ClientForAsync(sheet.Artist);
        var root = $"/api/data/persons/{sheet.Artist.Id}/time-spents";

        var month = await Responses.ArrayAsync(await client.GetAsync($"{root}/month/2026/3"));
        Assert.Equal(3, month.Count);
        var shotRow = month.Single(r => (string?)r!["task_id"] == Id(sheet.ShotAnimation))!.AsObject();
        Assert.Equal(["task_id", "task_type_id", "project_id", "project_name", "entity_name", "entity_type_name", "sequence_name", "episode_name", "duration"],
            shotRow.Select(p => p.Key));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["task_id"] = Id(sheet.ShotAnimation), ["task_type_id"] = sheet.ShotAnimation.TaskTypeId.ToString(),
            ["project_id"] = Id(sheet.First), ["project_name"] = sheet.First.Name, ["entity_name"] = sheet.Shot.Name,
            ["entity_type_name"] = "Shot", ["sequence_name"] = sheet.Sequence.Name, ["episode_name"] = sheet.Episode.Name, ["duration"] = 90.0,
        }, shotRow);
        var assetRow = month.Single(r => (string?)r!["task_id"] == Id(sheet.AssetAnimation))!;
        Assert.Null((string?)assetRow["sequence_name"]);
        Assert.Equal(15.0, (double)assetRow["duration"]!);

        var year = await Responses.ArrayAsync(await client.GetAsync($"{root}/year/2026"));
        Assert.Equal(20.0, (double)year.Single(r => (string?)r!["task_id"] == Id(sheet.AssetAnimation))!["duration"]!);
        var week = await Responses.ArrayAsync(await client.GetAsync($"{root}/week/2026/10"));
        Assert.Equal(120.0 + 30.0, week.Sum(r => (double)r!["duration"]!));
        var day = await Responses.ArrayAsync(await client.GetAsync($"{root}/day/2026/03/03"));
        Assert.Equal([Id(sheet.ShotAnimation)], day.Select(r => (string?)r!["task_id"]));
        var onSecond = await Responses.ArrayAsync(await client.GetAsync($"{root}/month/2026/03?project_id={sheet.Second.Id}"));
        Assert.Equal([Id(sheet.AssetAnimation)], onSecond.Select(r => (string?)r!["task_id"]));

        await (await client.GetAsync($"{root}/year/twenty")).AssertWrongParameterAsync("Invalid date format.");
        await (await client.GetAsync($"{root}/month/2026/13")).AssertWrongParameterAsync("Invalid date format.");
        await (await client.GetAsync($"{root}/week/2026/54")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync($"{root}/day/2026/02/30")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync($"{root}/month/2026/03?project_id=nope")).AssertWrongParameterAsync("Wrong UUID format.");
    }

    [Fact]
    public async Task Managers_and_supervisors_see_period_totals_on_their_projects_only_and_artists_not_at_all()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var root = $"/api/data/persons/{sheet.Artist.Id}/time-spents/month/2026/3";

        var manager = await factory.ClientForAsync(sheet.Manager);
        var managed = await Responses.ArrayAsync(await manager.GetAsync(root));
        Assert.Equal(new[] { Id(sheet.ShotAnimation), Id(sheet.ShotModeling) }.Order(), managed.Select(r => (string)r!["task_id"]!).Order());
        await (await manager.GetAsync($"{root}?project_id={sheet.Second.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var supervisor = await factory.ClientForAsync(sheet.Supervisor);
        Assert.Equal([Id(sheet.ShotAnimation)], (await Responses.ArrayAsync(await supervisor.GetAsync(root))).Select(r => (string?)r!["task_id"]));

        var other = await factory.ClientForAsync(sheet.Other);
        foreach (var path in new[] { root, $"/api/data/persons/{sheet.Artist.Id}/time-spents/year/2026", $"/api/data/persons/{sheet.Artist.Id}/time-spents/week/2026/10",
                     $"/api/data/persons/{sheet.Artist.Id}/time-spents/day/2026/3/2" })
            await (await other.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_raw_month_on_all_projects_is_for_the_person_and_admins()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var path = $"/api/data/persons/{sheet.Artist.Id}/time-spents/month/all/2026/03";

        var rows = await Responses.ArrayAsync(await (await factory.ClientForAsync(sheet.Artist)).GetAsync(path));
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("TimeSpent", (string?)r!["type"]));
        Assert.Equal(4, (await Responses.ArrayAsync(await (await factory.ClientForAsync(sheet.Admin)).GetAsync(path))).Count);
        await (await (await factory.ClientForAsync(sheet.Manager)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(sheet.Artist)).GetAsync($"/api/data/persons/{sheet.Artist.Id}/time-spents/month/all/2026/0"))
            .AssertWrongParameterAsync("Invalid month or year.");
    }

    [Fact]
    public async Task A_period_view_takes_the_same_number_of_queries_whatever_the_number_of_tasks()
    {
        var few = await TimeSheet.CreateAsync(factory);
        var many = await TimeSheet.CreateAsync(factory);
        foreach (var extra in Enumerable.Range(0, 6))
            await factory.CreateTimeSpentAsync(await factory.CreateTaskAsync(many.Shot, many.Artist), many.Artist, TimeSheet.Monday, 10 + extra);

        async Task<int> CountAsync(TimeSheet sheet)
        {
            var client = await factory.ClientForAsync(sheet.Manager);
            using var counter = await SqlCommandCounter.StartAsync(factory);
            var rows = await Responses.ArrayAsync(await client.GetAsync($"/api/data/persons/{sheet.Artist.Id}/time-spents/month/2026/3"));
            Assert.NotEmpty(rows);
            return counter.Count;
        }
        Assert.Equal(await CountAsync(few), await CountAsync(many));
    }
}
