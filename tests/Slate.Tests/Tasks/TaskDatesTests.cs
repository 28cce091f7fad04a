using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>GET /data/persons/task-dates: the schedule's first and last task dates per person (behavior-production.md §3.8).</summary>
public class TaskDatesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static DateTime Day(int month, int day) => DateTime.SpecifyKind(new DateTime(2026, month, day), DateTimeKind.Unspecified);

    Task PlanAsync(Guid taskId, DateTime start, DateTime due) => factory.WithDb(async db =>
    {
        var task = (await db.Tasks.FindAsync(taskId))!;
        (task.StartDate, task.DueDate) = (start, due);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Supervisors_see_their_projects_dates_and_other_projects_as_anonymous_busy_periods()
    {
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var artist = await factory.CreatePersonAsync();
        var mine = await factory.CreateProjectAsync(true, (supervisor, null), (artist, null));
        var other = await factory.CreateProjectAsync(true);
        var shot = await factory.CreateEntityAsync(mine, "Shot");
        var first = await factory.CreateTaskAsync(shot, artist);
        var second = await factory.CreateTaskAsync(shot, artist);
        var elsewhere = await factory.CreateEntityAsync(other, "Shot");
        var busyA = await factory.CreateTaskAsync(elsewhere, artist);
        var busyB = await factory.CreateTaskAsync(elsewhere, artist);
        await PlanAsync(first.Id, Day(1, 5), Day(1, 10));
        await PlanAsync(second.Id, Day(1, 2), Day(1, 20));
        await PlanAsync(busyA.Id, Day(2, 1), Day(2, 10));
        await PlanAsync(busyB.Id, Day(2, 5), Day(2, 15));

        var client = await factory.ClientForAsync(supervisor);
        var response = await client.GetAsync("/api/data/persons/task-dates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await response.JsonAsync()).AsArray().Single(e => (string?)e!["person_id"] == artist.Id.ToString())!;
        Responses.AssertJsonEqual(new JsonObject
        {
            ["person_id"] = artist.Id.ToString(),
            ["min_date"] = "2026-01-02 00:00:00",
            ["max_date"] = "2026-01-20 00:00:00",
            ["busy_periods"] = new JsonArray(new JsonObject { ["start_date"] = "2026-02-01 00:00:00", ["end_date"] = "2026-02-15 00:00:00" }),
        }, entry);

        var scoped = await client.GetAsync($"/api/data/persons/task-dates?project_id={mine.Id}");
        var only = (await scoped.JsonAsync()).AsArray().Single(e => (string?)e!["person_id"] == artist.Id.ToString())!;
        Assert.Empty(only["busy_periods"]!.AsArray());

        await (await client.GetAsync($"/api/data/persons/task-dates?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync("/api/data/persons/task-dates?project_id=nope")).AssertWrongParameterAsync("Invalid project_id.");
        var artistClient = await factory.ClientForAsync(artist);
        await (await artistClient.GetAsync("/api/data/persons/task-dates")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
