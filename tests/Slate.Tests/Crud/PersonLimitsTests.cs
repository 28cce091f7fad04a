using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>A studio with USER_LIMIT and PROTECTED_ACCOUNTS set.</summary>
public class LimitedStudioFactory : SlateFactory
{
    public const int Limit = 6;
    public const string Boss = "boss@studio.example.com";

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["USER_LIMIT"] = Limit.ToString(),
        ["PROTECTED_ACCOUNTS"] = $"someone@else.example.com; {Boss.ToUpperInvariant()}",
    };
}

/// <summary>/data/persons against the user limit and the protected accounts.</summary>
public class PersonLimitsTests(LimitedStudioFactory factory) : IClassFixture<LimitedStudioFactory>
{

    /// <summary>Active humans are added directly until the studio is full.</summary>
    Task FillStudioAsync() => factory.WithDb(async db =>
    {
        var active = await db.Persons.CountAsync(p => p.Active == true && !p.IsBot && !p.IsGuest);
        for (var i = active; i < LimitedStudioFactory.Limit; i++)
            db.Persons.Add(new Domain.Person { FirstName = "Filler", LastName = Unique("F"), Email = Unique("filler") + "@example.com" });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_full_studio_refuses_new_and_reactivated_people_but_not_bots_or_inactive_ones()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var sleeper = await factory.CreatePersonAsync(active: false);
        await FillStudioAsync();

        var lastName = Unique("Over");
        var refused = await admin.PostAsJsonAsync("/api/data/persons", new { first_name = "One", last_name = lastName });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Responses.AssertJsonEqual(
            new JsonObject { ["error"] = true, ["message"] = "User limit reached.", ["data"] = new JsonObject { ["limit"] = LimitedStudioFactory.Limit } },
            await refused.JsonAsync());
        Assert.False(await factory.WithDb(db => db.Persons.AnyAsync(p => p.LastName == lastName)));

        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/data/persons", new { first_name = "Bot", last_name = Unique("B"), is_bot = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/data/persons", new { first_name = "Later", last_name = Unique("L"), active = false })).StatusCode);

        var reactivated = await admin.PutAsJsonAsync($"/api/data/persons/{sleeper.Id}", new { active = true });
        Assert.Equal(HttpStatusCode.BadRequest, reactivated.StatusCode);
        Responses.AssertJsonEqual(
            new JsonObject { ["error"] = true, ["message"] = "User limit reached.", ["data"] = null }, await reactivated.JsonAsync());
        Assert.False((await factory.WithDb(db => db.Persons.SingleAsync(p => p.Id == sleeper.Id))).Active);
    }

    [Fact]
    public async Task Protected_accounts_keep_their_role_activity_and_existence()
    {
        var boss = await factory.CreatePersonAsync("admin", active: true, configure: p => p.Email = LimitedStudioFactory.Boss);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

        await (await admin.PutAsJsonAsync($"/api/data/persons/{boss.Id}", new { active = false }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, "Can't set this person as inactive it's a protected account.");
        await (await admin.PutAsJsonAsync($"/api/data/persons/{boss.Id}", new { role = "user" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, "Can't change the role of this person it's a protected account.");
        await (await admin.DeleteAsync($"/api/data/persons/{boss.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, "Can't delete this person it's a protected account.");

        // Other changes, and a role sent unchanged (as Kitsu's form does), go through.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/persons/{boss.Id}", new { role = "admin", phone = "42" })).StatusCode);
        var stored = await factory.WithDb(db => db.Persons.SingleAsync(p => p.Id == boss.Id));
        Assert.Equal(("admin", true, "42"), (stored.Role, stored.Active, stored.Phone));
    }
}
