using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Projects;

/// <summary>A production's time spents and its team's day offs (behavior-production.md §8.3-8.5).</summary>
public class ProjectTimeTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly DateOnly Day = new(2026, 11, 27);

    async Task<HttpClient> Admin(string? timezone = null) =>
        await factory.ClientForAsync(await factory.CreatePersonAsync("admin", configure: p => p.Timezone = timezone));

    static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task The_team_reads_the_time_spents_of_the_project_and_its_vendors_their_own()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(shot, artist, vendor);
        var artistTime = await factory.CreateTimeSpentAsync(task, artist, Day, 120);
        var vendorTime = await factory.CreateTimeSpentAsync(task, vendor, Day, 60);
        var elsewhere = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true, (artist, null)), "Shot"), artist);
        await factory.CreateTimeSpentAsync(elsewhere, artist, Day, 30);
        var path = $"/api/data/projects/{project.Id}/time-spents";

        var rows = (await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync(path))).AsArray();
        Assert.Equal(Ids(artistTime, vendorTime), Ids(rows));
        var row = rows.Single(r => (string?)r!["id"] == artistTime.Id.ToString())!;
        Assert.Equal("TimeSpent", (string?)row["type"]);
        Assert.Equal(120, (double)row["duration"]!);
        Assert.Equal("2026-11-27", (string?)row["date"]);
        Assert.Equal(Ids(vendorTime), Ids((await OkAsync(await (await factory.ClientForAsync(vendor)).GetAsync(path))).AsArray()));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await Admin();
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/time-spents")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/projects/nope/time-spents")).AssertWrongParameterAsync("Malformed ID.");
    }

    [Fact]
    public async Task Managers_read_a_task_types_time_spents_by_person_latest_first()
    {
        var manager = await factory.CreatePersonAsync();
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, "manager"), (artist, null), (other, null));
        var taskType = await factory.CreateTaskTypeAsync("Shot");
        var first = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), taskType, artist, other);
        var second = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), taskType, artist);
        var early = await factory.CreateTimeSpentAsync(first, artist, Day, 60);
        var late = await factory.CreateTimeSpentAsync(second, artist, Day.AddDays(3), 90);
        var others = await factory.CreateTimeSpentAsync(first, other, Day.AddDays(1), 30);
        await factory.CreateTimeSpentAsync(await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist), artist, Day, 10);
        var client = await factory.ClientForAsync(manager);
        var path = $"/api/data/projects/{project.Id}/task-types/{taskType.Id}/time-spents";

        var byPerson = (await OkAsync(await client.GetAsync(path))).AsObject();
        Assert.Equal(new[] { artist.Id.ToString(), other.Id.ToString() }.Order(), byPerson.Select(p => p.Key).Order());
        Assert.Equal([late.Id.ToString(), early.Id.ToString()], byPerson[artist.Id.ToString()]!.AsArray().Select(r => (string)r!["id"]!).ToList());
        Assert.Equal(others.Id.ToString(), (string?)byPerson[other.Id.ToString()]![0]!["id"]);

        var ranged = (await OkAsync(await client.GetAsync($"{path}?start_date=2026-11-28&end_date=2026-11-29"))).AsObject();
        Assert.Equal(other.Id.ToString(), Assert.Single(ranged).Key);
        Assert.Equal(artist.Id.ToString(), Assert.Single((await OkAsync(await client.GetAsync($"{path}?start_date=2026-11-30"))).AsObject()).Key);

        await (await client.GetAsync($"{path}?start_date=yesterday")).AssertWrongParameterAsync("Wrong date format for yesterday and/or None");
        await (await client.GetAsync($"/api/data/projects/{project.Id}/task-types/bad/time-spents")).AssertWrongParameterAsync("Wrong UUID format.");
        await (await client.GetAsync($"/api/data/projects/{project.Id}/task-types/{Guid.NewGuid()}/time-spents"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await (await factory.ClientForAsync(artist)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_team_reads_its_day_offs_with_descriptions_for_managers_and_owners()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var colleague = await factory.CreatePersonAsync();
        var client = await factory.CreatePersonAsync("client");
        var vendor = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null), (colleague, null), (client, null), (vendor, "vendor"));
        var artistOff = await factory.CreateDayOffAsync(artist, Day, Day.AddDays(2), "Family event");
        var colleagueOff = await factory.CreateDayOffAsync(colleague, Day.AddDays(10), description: "Dentist");
        await factory.CreateDayOffAsync(await factory.CreatePersonAsync(), Day, description: "Not in the team");
        var path = $"/api/data/projects/{project.Id}/day-offs";

        var all = (await OkAsync(await (await factory.ClientForAsync(manager)).GetAsync(path))).AsObject();
        Assert.Equal(new[] { artist.Id.ToString(), colleague.Id.ToString() }.Order(), all.Select(p => p.Key).Order());
        var first = all[artist.Id.ToString()]![0]!.AsObject();
        Assert.Equal(artistOff.Id.ToString(), (string?)first["id"]);
        Assert.Equal("DayOff", (string?)first["type"]);
        Assert.Equal("2026-11-29", (string?)first["end_date"]);
        Assert.Equal("Family event", (string?)first["description"]);
        Assert.Equal("Dentist", (string?)all[colleague.Id.ToString()]![0]!["description"]);

        var asArtist = (await OkAsync(await (await factory.ClientForAsync(artist)).GetAsync(path))).AsObject();
        Assert.Equal("Family event", (string?)asArtist[artist.Id.ToString()]![0]!["description"]);
        Assert.False(asArtist[colleague.Id.ToString()]![0]!.AsObject().ContainsKey("description"));

        var ranged = (await OkAsync(await (await factory.ClientForAsync(manager)).GetAsync($"{path}?start_date=2026-11-29&end_date=2026-12-01"))).AsObject();
        Assert.Equal(artist.Id.ToString(), Assert.Single(ranged).Key);
        Assert.Equal(colleagueOff.Id.ToString(),
            (string?)Assert.Single((await OkAsync(await (await factory.ClientForAsync(manager)).GetAsync($"{path}?start_date=2026-12-01"))).AsObject()).Value![0]!["id"]);
        await (await (await factory.ClientForAsync(manager)).GetAsync($"{path}?end_date=2026-02-30")).AssertWrongParameterAsync("Wrong date format for None and/or 2026-02-30");

        foreach (var refused in new[] { client, vendor, await factory.CreatePersonAsync("manager") })
            await (await (await factory.ClientForAsync(refused)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Admins_read_the_time_spents_by_department_person_and_month_in_their_timezone()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null));
        var department = await factory.CreateDepartmentAsync();
        var modeling = await factory.CreateTaskTypeAsync("Asset", department);
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project), modeling, artist);
        await factory.CreateTimeSpentAsync(task, artist, Day, 120);
        await factory.CreateTimeSpentAsync(task, artist, new DateOnly(2026, 12, 1), 60);
        await factory.CreateTimeSpentAsync(await factory.CreateTaskAsync(await factory.CreateEntityAsync(project), artist), artist, Day, 15);
        var path = $"/api/data/projects/{project.Id}/budgets/time-spents";

        var expected = new JsonObject
        {
            [department.Id.ToString()] = new JsonObject
            {
                ["total"] = 180,
                [artist.Id.ToString()] = new JsonObject { ["total"] = 180, ["2026-11"] = 120, ["2026-12"] = 60 },
            },
        };
        Responses.AssertJsonEqual(expected, await OkAsync(await (await Admin("Europe/Paris")).GetAsync(path)));
        var west = (await OkAsync(await (await Admin("America/New_York")).GetAsync(path))).AsObject();
        Assert.Equal(180, (double)west[department.Id.ToString()]![artist.Id.ToString()]!["2026-11"]!);

        await (await (await factory.ClientForAsync(manager)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await Admin();
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/budgets/time-spents")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/data/projects/bad/budgets/time-spents")).AssertWrongParameterAsync("Wrong UUID format.");
    }
}
