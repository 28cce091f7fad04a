using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/time-spents: admins write, assignees and team managers delete, task durations follow.</summary>
public class TimeSpentsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] Keys = ["created_at", "date", "duration", "id", "person_id", "task_id", "type", "updated_at"];

    Task<double?> DurationOf(ProductionTask task) => factory.WithDb(async db => (await db.Tasks.SingleAsync(t => t.Id == task.Id)).Duration);

    Task<TimeSpent> AddTimeSpent(Person person, ProductionTask task, double duration, string date = "2026-11-27") => factory.WithDb(async db =>
    {
        var row = new TimeSpent { PersonId = person.Id, TaskId = task.Id, Duration = duration, Date = DateOnly.Parse(date) };
        db.TimeSpents.Add(row);
        await db.SaveChangesAsync();
        return row;
    });

    [Fact]
    public async Task Admin_writes_keep_the_task_duration_in_step()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(artist);
        var task = await factory.CreateTaskAsync(project, artist);
        var other = await factory.CreateTaskAsync(project, artist);
        await AddTimeSpent(artist, task, 120, "2026-11-26");

        var created = await admin.PostAsJsonAsync("/api/data/time-spents",
            new { person_id = artist.Id, task_id = task.Id, date = "2026-11-27", duration = 300 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = await created.ReadJsonObjectAsync();
        Assert.Equal(Keys, row.Select(p => p.Key).Order());
        Assert.Equal(300, (double)row["duration"]!);
        Assert.Equal(420, await DurationOf(task));
        var id = (string)row["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/time-spents/{id}", new { duration = 60 })).StatusCode);
        Assert.Equal(180, await DurationOf(task));

        await admin.PutAsJsonAsync($"/api/data/time-spents/{id}", new { task_id = other.Id });
        Assert.Equal((120.0, 60.0), ((await DurationOf(task))!.Value, (await DurationOf(other))!.Value));

        Assert.Equal(60, (double)(await (await admin.GetAsync($"/api/data/time-spents/{id}")).ReadJsonObjectAsync())["duration"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/time-spents/{id}")).StatusCode);
        Assert.Equal(0, await DurationOf(other));

        var events = await factory.WithDb(db => db.ApiEvents.Where(e => e.Name == "task:update" && e.ProjectId == project.Id).ToListAsync());
        Assert.Equal(5, events.Count(e => (string?)e.Data?["task_id"] == task.Id.ToString() || (string?)e.Data?["task_id"] == other.Id.ToString()));
        Assert.True(await factory.WithDb(db => db.ApiEvents.AnyAsync(e => e.Name == "time-spent:new")));
    }

    [Fact]
    public async Task Lists_filter_on_a_date_range_given_whole()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateProjectAsync(artist), artist);
        foreach (var day in new[] { "2026-01-31", "2026-02-01", "2026-02-28", "2026-03-01" }) await AddTimeSpent(artist, task, 10, day);

        var february = (await (await admin.GetAsync($"/api/data/time-spents?task_id={task.Id}&start_date=2026-02-01&end_date=2026-02-28")).JsonAsync()).AsArray();
        Assert.Equal(["2026-02-01", "2026-02-28"], february.Select(r => (string)r!["date"]!).Order());
        var page = await (await admin.GetAsync($"/api/data/time-spents?task_id={task.Id}&page=1&limit=3")).ReadJsonObjectAsync();
        Assert.Equal((4, 3), ((int)page["total"]!, page["data"]!.AsArray().Count));

        foreach (var query in new[] { "start_date=2026-02-01", "end_date=2026-02-01", "start_date=&end_date=2026-02-01" })
        {
            var response = await admin.GetAsync($"/api/data/time-spents?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("If querying for a range of dates, both a `start_date` and an `end_date` must be given.",
                (string?)(await response.ReadJsonObjectAsync())["message"]);
        }
        var malformed = await admin.GetAsync("/api/data/time-spents?start_date=soon&end_date=2026-02-01");
        Assert.Equal("One of the value of the filter has not the proper format: start_date=soon", (string?)(await malformed.ReadJsonObjectAsync())["message"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public async Task Durations_must_be_positive(double duration)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateProjectAsync(artist), artist);
        var existing = await AddTimeSpent(artist, task, 45, "2026-01-01");

        var created = await admin.PostAsJsonAsync("/api/data/time-spents", new { person_id = artist.Id, task_id = task.Id, date = "2026-11-27", duration });
        var updated = await admin.PutAsJsonAsync($"/api/data/time-spents/{existing.Id}", new { duration });

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"message":"The data conflicts with database integrity rules."}""", await response.Content.ReadAsStringAsync());
        }
        var stored = await factory.WithDb(db => db.TimeSpents.Where(t => t.TaskId == task.Id).ToListAsync());
        Assert.Equal(45, Assert.Single(stored).Duration);
    }

    [Fact]
    public async Task Only_admins_list_read_create_and_update()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var task = await factory.CreateTaskAsync(await factory.CreateProjectAsync(artist), artist);
        var own = await AddTimeSpent(artist, task, 30);

        await (await client.GetAsync("/api/data/time-spents")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/time-spents/{own.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync("/api/data/time-spents", new { person_id = artist.Id, task_id = task.Id, date = "2026-11-28", duration = 30 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/time-spents/{own.Id}", new { duration = 600 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var stored = await factory.WithDb(db => db.TimeSpents.Where(t => t.TaskId == task.Id).ToListAsync());
        Assert.Equal(30, Assert.Single(stored).Duration);
    }

    [Fact]
    public async Task Assignees_and_team_managers_delete_an_assignee_s_time()
    {
        var artist = await factory.CreatePersonAsync();
        var teamManager = await factory.CreatePersonAsync("manager");
        var outsideManager = await factory.CreatePersonAsync("manager");
        var colleague = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(artist, teamManager, colleague);
        var task = await factory.CreateTaskAsync(project, artist);

        var first = await AddTimeSpent(artist, task, 10, "2026-02-01");
        foreach (var refused in new[] { outsideManager, colleague })
            await (await (await factory.ClientForAsync(refused)).DeleteAsync($"/api/data/time-spents/{first.Id}"))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await (await factory.ClientForAsync(artist)).DeleteAsync($"/api/data/time-spents/{first.Id}")).StatusCode);

        var second = await AddTimeSpent(artist, task, 20, "2026-02-02");
        Assert.Equal(HttpStatusCode.NoContent, (await (await factory.ClientForAsync(teamManager)).DeleteAsync($"/api/data/time-spents/{second.Id}")).StatusCode);
        Assert.Equal(0, await DurationOf(task));

        // The person must be assigned to the task, whoever deletes (admins included, as in Zou).
        var unassigned = await AddTimeSpent(colleague, task, 5);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        foreach (var caller in new[] { await factory.ClientForAsync(colleague), admin })
            await (await caller.DeleteAsync($"/api/data/time-spents/{unassigned.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.TimeSpents.AnyAsync(t => t.Id == unassigned.Id)));
    }
}
