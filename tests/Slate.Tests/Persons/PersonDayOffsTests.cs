using System.Net;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>Day offs of a person per date and period, and everybody's of a month (behavior-production.md §8.4).</summary>
public class PersonDayOffsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task The_day_off_covering_a_date_is_for_the_person_and_admins_only()
    {
        var artist = await factory.CreatePersonAsync();
        var dayOff = await factory.CreateDayOffAsync(artist, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 4), "Family event");
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/persons/{artist.Id}/day-offs";

        var covering = await (await client.GetAsync($"{path}/2026-03-03")).ReadJsonObjectAsync();
        Assert.Equal(dayOff.Id.ToString(), (string?)covering["id"]);
        Assert.Equal(["date", "end_date", "description", "person_id", "id", "created_at", "updated_at", "type"], covering.Select(p => p.Key));
        Assert.Equal("Family event", (string?)covering["description"]);
        var none = await client.GetAsync($"{path}/2026-03-05");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty(await none.ReadJsonObjectAsync());
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(dayOff.Id.ToString(), (string?)(await (await admin.GetAsync($"{path}/2026-03-02")).ReadJsonObjectAsync())["id"]);

        foreach (var role in new[] { "user", "manager", "supervisor" })
        {
            var other = await factory.ClientForAsync(await factory.CreatePersonAsync(role));
            await (await other.GetAsync($"{path}/2026-03-03")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await other.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        await (await client.GetAsync($"{path}/2026-02-30")).AssertWrongParameterAsync("Invalid date format.");
    }

    [Fact]
    public async Task A_persons_day_offs_are_listed_per_week_month_year_and_in_full()
    {
        var artist = await factory.CreatePersonAsync();
        var lateFebruary = await factory.CreateDayOffAsync(artist, new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 2));
        var june = await factory.CreateDayOffAsync(artist, new DateOnly(2026, 6, 10));
        var lastYear = await factory.CreateDayOffAsync(artist, new DateOnly(2025, 12, 31));
        await factory.CreateDayOffAsync(await factory.CreatePersonAsync(), new DateOnly(2026, 3, 2));
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/data/persons/{artist.Id}/day-offs";

        Assert.Equal(Responses.Ids(lateFebruary), Responses.Ids(await Responses.ArrayAsync(await client.GetAsync($"{path}/week/2026/10"))));
        Assert.Equal(Responses.Ids(lateFebruary), Responses.Ids(await Responses.ArrayAsync(await client.GetAsync($"{path}/month/2026/3"))));
        Assert.Equal(Responses.Ids(lateFebruary), Responses.Ids(await Responses.ArrayAsync(await client.GetAsync($"{path}/month/2026/02"))));
        Assert.Equal(Responses.Ids(lateFebruary, june), Responses.Ids(await Responses.ArrayAsync(await client.GetAsync($"{path}/year/2026"))));
        Assert.Equal(Responses.Ids(lateFebruary, june, lastYear), Responses.Ids(await Responses.ArrayAsync(await client.GetAsync(path))));
        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync($"{path}/week/2026/11")));

        await (await client.GetAsync($"{path}/week/2026/54")).AssertWrongParameterAsync("Invalid date format.");
        await (await client.GetAsync($"{path}/month/2026/13")).AssertWrongParameterAsync("Invalid date format.");
        await (await client.GetAsync($"{path}/year/year")).AssertWrongParameterAsync("Invalid date format.");
        var bot = await factory.CreatePersonAsync("user", configure: p => p.IsBot = true);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.GetAsync($"/api/data/persons/{bot.Id}/day-offs")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/data/persons/{Guid.NewGuid()}/day-offs")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_month_of_day_offs_is_everybodys_for_admins_and_ones_own_for_everyone_else()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var mine = await factory.CreateDayOffAsync(artist, new DateOnly(2024, 5, 31), new DateOnly(2024, 6, 3));
        var theirs = await factory.CreateDayOffAsync(other, new DateOnly(2024, 6, 30));
        await factory.CreateDayOffAsync(other, new DateOnly(2024, 7, 1));

        var own = await Responses.ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync("/api/data/persons/day-offs/2024/6"));
        Assert.Equal(Responses.Ids(mine), Responses.Ids(own));
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var all = await Responses.ArrayAsync(await admin.GetAsync("/api/data/persons/day-offs/2024/06"));
        Assert.Equal(Responses.Ids(mine, theirs), Responses.Ids(all));
        await (await admin.GetAsync("/api/data/persons/day-offs/2024/13")).AssertWrongParameterAsync("Invalid date format.");
    }
}
