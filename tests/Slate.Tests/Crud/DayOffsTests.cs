using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/day-offs: admins or the person themselves, no overlapping periods, time spents of the period removed.</summary>
public class DayOffsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] Keys = ["created_at", "date", "description", "end_date", "id", "person_id", "type", "updated_at"];

    static object Period(Person person, string date, string end, string? description = null) =>
        new { person_id = person.Id, date, end_date = end, description };

    Task<int> CountFor(Person person) => factory.WithDb(db => db.DayOffs.CountAsync(d => d.PersonId == person.Id));

    [Fact]
    public async Task Admin_creates_lists_reads_updates_and_deletes()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();

        var created = await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-11-28", "2026-11-28", "Family event"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = await created.ReadJsonObjectAsync();
        Assert.Equal(Keys, row.Select(p => p.Key).Order());
        Assert.Equal("DayOff", (string?)row["type"]);
        Assert.Equal("2026-11-28", (string?)row["end_date"]);
        var id = (string)row["id"]!;
        await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-12-01", "2026-12-03"));

        var mine = (await (await admin.GetAsync($"/api/data/day-offs?person_id={artist.Id}")).JsonAsync()).AsArray();
        Assert.Equal(2, mine.Count);
        var page = await (await admin.GetAsync($"/api/data/day-offs?person_id={artist.Id}&page=2&limit=1")).ReadJsonObjectAsync();
        Assert.Equal((2, 2), ((int)page["total"]!, (int)page["nb_pages"]!));
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal("Family event", (string?)(await (await admin.GetAsync($"/api/data/day-offs/{id}")).ReadJsonObjectAsync())["description"]);

        var updated = await admin.PutAsJsonAsync($"/api/data/day-offs/{id}", new { end_date = "2026-11-29", description = "Longer" });
        Assert.Equal("2026-11-29", (string?)(await updated.ReadJsonObjectAsync())["end_date"]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/day-offs/{id}")).StatusCode);
        Assert.Equal(1, await CountFor(artist));
        var events = await factory.WithDb(db => db.ApiEvents.Where(e => e.Name.StartsWith("day-off:")).ToListAsync());
        Assert.Equal(["day-off:delete", "day-off:new", "day-off:update"],
            events.Where(e => (string?)e.Data?["day_off_id"] == id).Select(e => e.Name).Order());
    }

    [Fact]
    public async Task People_manage_their_own_days_off_only()
    {
        var me = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(me);

        var mine = await client.PostAsJsonAsync("/api/data/day-offs", Period(me, "2026-03-02", "2026-03-03"));
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        var id = (string)(await mine.ReadJsonObjectAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/data/day-offs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/data/day-offs/{id}", new { description = "Ski", person_id = me.Id })).StatusCode);

        await (await client.PostAsJsonAsync("/api/data/day-offs", Period(other, "2026-03-02", "2026-03-03")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await CountFor(other));
        await (await client.PutAsJsonAsync($"/api/data/day-offs/{id}", new { person_id = other.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync("/api/data/day-offs")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var theirs = await factory.WithDb(async db =>
        {
            var dayOff = new DayOff { PersonId = other.Id, Date = new DateOnly(2026, 4, 1), EndDate = new DateOnly(2026, 4, 1) };
            db.DayOffs.Add(dayOff);
            await db.SaveChangesAsync();
            return dayOff;
        });
        await (await client.GetAsync($"/api/data/day-offs/{theirs.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.DeleteAsync($"/api/data/day-offs/{theirs.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(1, await CountFor(other));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/day-offs/{id}")).StatusCode);
        Assert.Equal(0, await CountFor(me));
    }

    [Fact]
    public async Task Overlapping_periods_are_refused()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-05-04", "2026-05-08"));
        var later = await (await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-05-20", "2026-05-21"))).ReadJsonObjectAsync();

        foreach (var (date, end) in new[] { ("2026-05-08", "2026-05-10"), ("2026-05-01", "2026-05-04"), ("2026-05-05", "2026-05-06") })
        {
            var response = await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, date, end));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Responses.AssertJsonEqual(
                new JsonObject { ["error"] = true, ["message"] = "Day off already exists for this period", ["data"] = null }, await response.JsonAsync());
        }
        var moved = await admin.PutAsJsonAsync($"/api/data/day-offs/{later["id"]}", new { date = "2026-05-07" });
        Assert.Equal("Day off already exists for this period", (string?)(await moved.ReadJsonObjectAsync())["message"]);
        Assert.Equal(2, await CountFor(artist));

        // Another person's period, and the day after, are free.
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/data/day-offs", Period(await factory.CreatePersonAsync(), "2026-05-04", "2026-05-08"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-05-09", "2026-05-09"))).StatusCode);
    }

    [Theory]
    [InlineData("""{"date": "2026-06-10", "end_date": "2026-06-09"}""", "The data conflicts with database integrity rules.")]
    [InlineData("""{"date": "2026-06-10"}""", "A required field is missing.")]
    [InlineData("""{"date": "2026-06-10", "end_date": "2026-06-10", "person_id": null}""", "A required field is missing.")]
    public async Task Incomplete_or_reversed_periods_are_400(string json, string message)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        var body = JsonNode.Parse(json)!.AsObject();
        body.TryAdd("person_id", artist.Id.ToString());

        var response = await admin.PostAsJsonAsync("/api/data/day-offs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string?)(await response.ReadJsonObjectAsync())["message"]);
        Assert.Equal(0, await CountFor(artist));
    }

    [Fact]
    public async Task Time_spent_inside_a_new_or_moved_period_is_removed()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.CreatePersonAsync();
        var task = await factory.CreateTaskAsync(await factory.CreateProjectAsync(artist), artist);
        await factory.WithDb(db =>
        {
            foreach (var day in new[] { 1, 2, 5, 9 })
                db.TimeSpents.Add(new TimeSpent { PersonId = artist.Id, TaskId = task.Id, Duration = day * 10, Date = new DateOnly(2026, 7, day) });
            return db.SaveChangesAsync();
        });

        var created = await (await admin.PostAsJsonAsync("/api/data/day-offs", Period(artist, "2026-07-01", "2026-07-02"))).ReadJsonObjectAsync();
        Assert.Equal(140, await factory.WithDb(async db => (await db.Tasks.SingleAsync(t => t.Id == task.Id)).Duration));

        await admin.PutAsJsonAsync($"/api/data/day-offs/{created["id"]}", new { end_date = "2026-07-05" });

        var left = await factory.WithDb(db => db.TimeSpents.Where(t => t.TaskId == task.Id).Select(t => t.Date.Day).ToListAsync());
        Assert.Equal([9], left);
        Assert.Equal(90, await factory.WithDb(async db => (await db.Tasks.SingleAsync(t => t.Id == task.Id)).Duration));
        Assert.True(await factory.WithDb(db => db.ApiEvents.AnyAsync(e => e.Name == "task:update" && e.ProjectId == task.ProjectId)));
    }
}
