using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>Desktop login logs of a person and the admins' monthly presence sheet (CSV).</summary>
public class PresenceTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task A_person_logs_desktop_logins_that_they_managers_and_admins_read_latest_first()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/persons/{artist.Id}/desktop-login-logs";

        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync(path)));
        var first = await client.PostAsJsonAsync(path, new { date = "2026-03-02T09:00:00" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var log = await first.ReadJsonObjectAsync();
        Assert.Equal(["person_id", "date", "id", "created_at", "updated_at", "type"], log.Select(p => p.Key));
        Assert.Equal("2026-03-02T09:00:00", (string?)log["date"]);
        Assert.Equal("DesktopLoginLog", (string?)log["type"]);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(path, new { date = "2026-03-05" })).StatusCode);
        Assert.Equal(new DateOnly(2026, 3, 5), await factory.WithDb(db => db.Persons.Where(p => p.Id == artist.Id).Select(p => p.LastPresence).FirstAsync()));
        Assert.Contains("person:update", await factory.EventsAsync("person_id", artist.Id));

        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var logs = await Responses.ArrayAsync(await manager.GetAsync(path));
        Assert.Equal(["2026-03-05T00:00:00", "2026-03-02T09:00:00"], logs.Select(l => (string?)l!["date"]));

        var other = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await other.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await other.PostAsJsonAsync(path, new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PostAsJsonAsync(path, new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(path, new { })).StatusCode);
        var bad = await client.PostAsJsonAsync(path, new { date = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Validation error.", (string?)(await bad.ReadJsonObjectAsync())["message"]);
        Assert.Equal(3, await factory.WithDb(db => db.DesktopLoginLogs.CountAsync(l => l.PersonId == artist.Id)));
        await (await admin.GetAsync($"/api/data/persons/{Guid.NewGuid()}/desktop-login-logs")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_presence_sheet_is_a_csv_with_a_header_and_one_row_per_active_person()
    {
        var admin = await factory.CreatePersonAsync("admin", configure: p => (p.FirstName, p.LastName) = ("Aaa", "Admin"));
        var ada = await factory.CreatePersonAsync(configure: p => (p.FirstName, p.LastName) = ("Ada", "Semi;colon"));
        await factory.CreatePersonAsync(configure: p => (p.FirstName, p.LastName) = ("Bob", "Builder"));
        await factory.CreatePersonAsync(active: false);
        await factory.CreatePersonAsync(configure: p => p.IsGuest = true);
        var client = await factory.ClientForAsync(admin);
        var adaClient = await factory.ClientForAsync(ada);
        foreach (var date in new[] { "2026-02-01T08:00:00", "2026-02-14T23:59:59", "2026-03-01T00:00:00" })
            Assert.Equal(HttpStatusCode.Created, (await adaClient.PostAsJsonAsync("/api/data/user/desktop-login-logs", new { date })).StatusCode);

        var response = await client.GetAsync("/api/data/persons/presence-logs/2026-02");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=kitsu_export.csv", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n")[..^1];

        Assert.Equal("2026;" + string.Join(';', Enumerable.Range(1, 28)), lines[0]);
        var people = await factory.WithDb(db => db.Persons.CountAsync(p => p.Active == true && !p.IsGuest));
        Assert.Equal(people + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(28, l.Count(c => c == ';') - (l.StartsWith('"') ? 1 : 0)));
        Assert.Equal("Aaa Admin" + new string(';', 28), lines[1]);
        var adaRow = lines.Single(l => l.StartsWith("\"Ada Semi;colon\""));
        var cells = adaRow["\"Ada Semi;colon\"".Length..].Split(';')[1..];
        Assert.Equal(["1", "14"], cells.Select((cell, i) => (cell, day: i + 1)).Where(c => c.cell == "X").Select(c => c.day.ToString()));
        Assert.Contains("Bob Builder" + new string(';', 28), lines);

        await (await client.GetAsync("/api/data/persons/presence-logs/2026-13")).AssertWrongParameterAsync("Invalid month or year.");
        await (await client.GetAsync("/api/data/persons/presence-logs/march")).AssertWrongParameterAsync("Invalid month or year.");
        var supervisor = await factory.ClientForAsync(await factory.CreatePersonAsync("supervisor"));
        await (await supervisor.GetAsync("/api/data/persons/presence-logs/2026-02")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
