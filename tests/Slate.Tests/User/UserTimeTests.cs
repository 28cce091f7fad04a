using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using Slate.Tests.Persons;

namespace Slate.Tests.User;

/// <summary>The caller's own time sheet under /data/user: time spents, day offs and desktop login logs.</summary>
public class UserTimeTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task The_user_reads_their_own_time_spents_by_range_by_day_and_by_task()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        var client = await factory.ClientForAsync(sheet.Artist);

        var day = await Responses.ArrayAsync(await client.GetAsync("/api/data/user/time-spents/2026-03-02"));
        Assert.Equal(3, day.Count);
        Assert.All(day, r => Assert.Equal(sheet.Artist.Id.ToString(), (string?)r!["person_id"]));
        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync("/api/data/user/time-spents/2026-03-04")));
        Assert.Equal(4, (await Responses.ArrayAsync(await client.GetAsync("/api/data/user/time-spents?start_date=2026-03-01&end_date=2026-03-31"))).Count);
        Assert.Equal(5, (await Responses.ArrayAsync(await client.GetAsync("/api/data/user/time-spents"))).Count);

        var one = await client.GetAsync($"/api/data/user/tasks/{sheet.ShotAnimation.Id}/time-spents/2026-03-03");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var row = await one.ReadJsonObjectAsync();
        Assert.Equal(30.0, (double)row["duration"]!);
        Assert.Equal(sheet.ShotAnimation.Id.ToString(), (string?)row["task_id"]);

        await (await client.GetAsync($"/api/data/user/tasks/{sheet.ShotAnimation.Id}/time-spents/2026-03-04"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync("/api/data/user/time-spents/not-a-date")).AssertWrongParameterAsync("Wrong date format.");
        await (await client.GetAsync($"/api/data/user/tasks/{sheet.ShotAnimation.Id}/time-spents/nope")).AssertWrongParameterAsync("Wrong date format.");
        await (await client.GetAsync("/api/data/user/time-spents?start_date=2026-03-01")).AssertWrongParameterAsync(
            "If querying for a range of dates, both a `start_date` and an `end_date` must be given.");
    }

    [Fact]
    public async Task User_a_cannot_read_user_bs_time_spents_or_day_offs()
    {
        var sheet = await TimeSheet.CreateAsync(factory);
        await factory.CreateDayOffAsync(sheet.Artist, new DateOnly(2026, 3, 6), description: "Dentist");
        var other = await factory.ClientForAsync(sheet.Other);
        var artist = sheet.Artist.Id;

        // The user routes only ever answer the caller's own rows...
        Assert.Empty(await Responses.ArrayAsync(await other.GetAsync("/api/data/user/time-spents/2026-03-02")));
        await (await other.GetAsync($"/api/data/user/tasks/{sheet.AssetAnimation.Id}/time-spents/2026-03-02"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Empty(await (await other.GetAsync("/api/data/user/day-offs/2026-03-06")).ReadJsonObjectAsync());
        // ...and the persons routes refuse another person's.
        foreach (var path in new[]
                 {
                     $"/api/data/persons/{artist}/time-spents", $"/api/data/persons/{artist}/time-spents/2026-03-02",
                     $"/api/data/persons/{artist}/time-spents/month/all/2026/3", $"/api/data/persons/{artist}/day-offs/2026-03-06",
                     $"/api/data/persons/{artist}/day-offs", $"/api/data/persons/{artist}/desktop-login-logs",
                 })
            await (await other.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_user_reads_their_day_off_of_a_date()
    {
        var artist = await factory.CreatePersonAsync();
        var dayOff = await factory.CreateDayOffAsync(artist, new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 30), "Family event");
        var client = await factory.ClientForAsync(artist);

        var found = await (await client.GetAsync("/api/data/user/day-offs/2026-11-29")).ReadJsonObjectAsync();
        Assert.Equal(dayOff.Id.ToString(), (string?)found["id"]);
        Assert.Equal("Family event", (string?)found["description"]);
        var none = await client.GetAsync("/api/data/user/day-offs/2026-11-27");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty(await none.ReadJsonObjectAsync());
        await (await client.GetAsync("/api/data/user/day-offs/not-a-date")).AssertWrongParameterAsync("Wrong date format.");
    }

    [Fact]
    public async Task The_user_logs_desktop_logins_which_update_their_last_presence()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);

        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync("/api/data/user/desktop-login-logs")));
        var now = await client.PostAsJsonAsync("/api/data/user/desktop-login-logs", new { });
        Assert.Equal(HttpStatusCode.Created, now.StatusCode);
        var log = await now.ReadJsonObjectAsync();
        Assert.Equal(artist.Id.ToString(), (string?)log["person_id"]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today, await factory.WithDb(db => db.Persons.Where(p => p.Id == artist.Id).Select(p => p.LastPresence).FirstAsync()));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/data/user/desktop-login-logs", new { date = "2020-01-05T13:23:10" })).StatusCode);

        var logs = await Responses.ArrayAsync(await client.GetAsync("/api/data/user/desktop-login-logs"));
        Assert.Equal(2, logs.Count);
        Assert.Equal((string?)log["id"], (string?)logs[0]!["id"]);
        Assert.Equal("2020-01-05T13:23:10", (string?)logs[1]!["date"]);
        Assert.Equal(today, await factory.WithDb(db => db.Persons.Where(p => p.Id == artist.Id).Select(p => p.LastPresence).FirstAsync()));
    }

    [Fact]
    public async Task Bots_are_refused_every_user_time_route()
    {
        var bot = await factory.BotClientAsync();
        foreach (var path in new[]
                 {
                     "/api/data/user/desktop-login-logs", "/api/data/user/time-spents", "/api/data/user/time-spents/2026-03-02",
                     $"/api/data/user/tasks/{Guid.NewGuid()}/time-spents/2026-03-02", "/api/data/user/day-offs/2026-03-02",
                 })
            await (await bot.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await bot.PostAsJsonAsync("/api/data/user/desktop-login-logs", new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
