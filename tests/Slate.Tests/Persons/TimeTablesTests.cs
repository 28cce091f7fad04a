using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>The studio's time tables per year, month, week and day (behavior-production.md §8.5), and who sees which part.</summary>
public class TimeTablesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static JsonObject Table(params (string Unit, Person Person, double Total)[] cells)
    {
        var table = new JsonObject();
        foreach (var (unit, person, total) in cells)
            ((JsonObject)(table[unit] ??= new JsonObject()))[person.Id.ToString()] = total;
        return table;
    }

    static async Task AssertTableAsync(HttpClient client, string path, JsonObject expected)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(expected, await response.JsonAsync());
    }

    [Fact]
    public async Task Admins_read_every_table_filtered_by_project_department_and_studio()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var admin = await factory.ClientForAsync(sheet.Admin);
        var first = $"project_id={sheet.First.Id}";
        var (a, o) = (sheet.Artist, sheet.Other);

        await AssertTableAsync(admin, $"/api/data/persons/time-spents/year-table?{first}", Table(("2026", a, 135)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/month-table/2026?project_id={sheet.Second.Id}",
            Table(("3", a, 15), ("3", o, 20), ("4", a, 5)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/week-table/2026?{first}", Table(("10", a, 135)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/day-table/2026/3?{first}", Table(("2", a, 105), ("3", a, 30)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/day-table/2026/03?{first}&department_id={sheet.Modeling.Id}", Table(("2", a, 45)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/month-table/2025?{first}", []);

        var studio = await factory.Save(new Studio { Name = TestData.Unique("Studio"), Color = "#000000" });
        await factory.WithDb(db => db.Persons.Where(p => p.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.StudioId, studio.Id)));
        await AssertTableAsync(admin, $"/api/data/persons/time-spents/month-table/2026?project_id={sheet.Second.Id}&studio_id={studio.Id}",
            Table(("3", a, 15), ("4", a, 5)));

        await (await admin.GetAsync("/api/data/persons/time-spents/day-table/2026/13")).AssertWrongParameterAsync("Invalid month or year.");
        await (await admin.GetAsync("/api/data/persons/time-spents/month-table/soon")).AssertWrongParameterAsync("Invalid month or year.");
        await (await admin.GetAsync("/api/data/persons/time-spents/week-table/0")).AssertWrongParameterAsync("Invalid month or year.");
        await (await admin.GetAsync("/api/data/persons/time-spents/year-table?studio_id=nope")).AssertWrongParameterAsync("Wrong UUID format.");
    }

    [Fact]
    public async Task Managers_see_their_projects_supervisors_also_only_their_departments_and_artists_only_themselves()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var a = sheet.Artist;
        var path = "/api/data/persons/time-spents/day-table/2026/3";

        var manager = await factory.ClientForAsync(sheet.Manager);
        await AssertTableAsync(manager, path, Table(("2", a, 105), ("3", a, 30)));
        await (await manager.GetAsync($"{path}?project_id={sheet.Second.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var supervisor = await factory.ClientForAsync(sheet.Supervisor);
        await AssertTableAsync(supervisor, path, Table(("2", a, 60), ("3", a, 30)));
        await AssertTableAsync(supervisor, $"{path}?department_id={sheet.Animation.Id}", Table(("2", a, 60), ("3", a, 30)));
        await (await supervisor.GetAsync($"{path}?department_id={sheet.Modeling.Id}"))
            .AssertWrongParameterAsync("Supervisor not allowed to access this department");

        await AssertTableAsync(await factory.ClientForAsync(a), path, Table(("2", a, 120), ("3", a, 30)));
        await AssertTableAsync(await factory.ClientForAsync(sheet.Other), "/api/data/persons/time-spents/year-table", Table(("2026", sheet.Other, 20)));
    }
}
