using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Auth;

/// <summary>The forgotten-password flow (POST/PUT /auth/reset-password) and POST /auth/change-password.</summary>
public class PasswordResetTests(MailFactory factory) : IClassFixture<MailFactory>
{
    const string NewPassword = "a-brand-new-secret";
    const string ChromeAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    static readonly JsonObject TokenSent = new() { ["success"] = "Reset token sent" };
    static readonly JsonObject Success = new() { ["success"] = true };

    Task<HttpResponseMessage> RequestReset(string email) =>
        factory.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email });

    Task<HttpResponseMessage> Reset(string email, string token, string password = NewPassword, string? password2 = null) =>
        factory.CreateClient().PutAsJsonAsync("/api/auth/reset-password", new { email, token, password, password2 = password2 ?? password });

    static async Task AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, JsonObject expected)
    {
        Assert.Equal(status, response.StatusCode);
        Responses.AssertJsonEqual(expected, await response.JsonAsync());
    }

    async Task<string> RecoveryTokenAsync(Person person, int mailNumber = 1)
    {
        await AssertJsonAsync(await RequestReset(person.Email!), HttpStatusCode.OK, TokenSent);
        return MailFactory.TokenOf(await factory.MailAsync(person.Email!, mailNumber));
    }

    [Fact]
    public async Task A_recovery_mail_carries_a_token_that_sets_the_password_once()
    {
        var person = await factory.CreatePersonAsync();
        var oldSession = await factory.ClientForAsync(person);
        await Task.Delay(1100); // tokens carry whole seconds: change the password in a later one

        await AssertJsonAsync(await RequestReset(person.Email!.ToUpperInvariant()), HttpStatusCode.OK, TokenSent);

        var mail = await factory.MailAsync(person.Email);
        Assert.Equal($"\"Kitsu Bot\" <{MailFactory.Sender}>", mail.From.ToString());
        Assert.Contains("password", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var token = MailFactory.TokenOf(mail);
        var link = $"https://{MailFactory.Domain}/reset-change-password?email={Uri.EscapeDataString(person.Email)}&token={token}";
        Assert.Contains(link, mail.TextBody);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(link), mail.HtmlBody);
        Assert.DoesNotContain("type=new", mail.TextBody);
        var stored = await factory.WithDb(db => db.ResetTokens.AsNoTracking().SingleAsync(t => t.PersonId == person.Id));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);

        await AssertJsonAsync(await Reset(person.Email, token), HttpStatusCode.OK, Success);

        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.GetAsync("/api/auth/authenticated")).StatusCode);
        await factory.ClientForAsync(person, NewPassword);
        await (await Reset(person.Email, token, "yet-another-password")).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        Assert.False(await factory.WithDb(db => db.ResetTokens.AnyAsync(t => t.PersonId == person.Id)));
    }

    [Fact]
    public async Task Unknown_and_inactive_accounts_get_the_same_answer_and_no_mail()
    {
        var inactive = await factory.CreatePersonAsync(active: false);
        var unknown = Unique("nobody") + "@example.com";

        await AssertJsonAsync(await RequestReset(unknown), HttpStatusCode.OK, TokenSent);
        await AssertJsonAsync(await RequestReset(inactive.Email!), HttpStatusCode.OK, TokenSent);

        await factory.AssertNoMailAsync(unknown);
        Assert.Empty(factory.MailsTo(inactive.Email!));
        Assert.False(await factory.WithDb(db => db.ResetTokens.AnyAsync(t => t.PersonId == inactive.Id)));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["error"] = true, ["message"] = "Validation error.",
            ["data"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["field"] = "email", ["message"] = "Field required" }) },
        }, await (await factory.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { })).JsonAsync());
    }

    [Fact]
    public async Task An_expired_or_wrong_or_replaced_token_is_refused()
    {
        var person = await factory.CreatePersonAsync();
        var first = await RecoveryTokenAsync(person);
        var second = await RecoveryTokenAsync(person, 2);

        await (await Reset(person.Email!, first)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        await (await Reset(person.Email!, second.ToLowerInvariant())).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        await (await Reset(Unique("nobody") + "@example.com", second)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");

        await factory.WithDb(db => db.ResetTokens.Where(t => t.PersonId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, Slate.Data.Clock.UtcNow().AddSeconds(-1))));
        await (await Reset(person.Email!, second)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        await factory.ClientForAsync(person);
    }

    [Fact]
    public async Task A_bad_new_password_is_refused_and_leaves_the_token_usable()
    {
        var person = await factory.CreatePersonAsync();
        var token = await RecoveryTokenAsync(person);

        await (await Reset(person.Email!, token, "short")).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Password is too short.");
        await (await Reset(person.Email!, token, NewPassword, NewPassword + "!"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Confirmation password doesn't match.");
        var missing = await factory.CreateClient().PutAsJsonAsync("/api/auth/reset-password", new { email = person.Email, token, password = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("password2", (string?)(await missing.JsonAsync())["data"]!["errors"]![0]!["field"]);

        await AssertJsonAsync(await Reset(person.Email!, token), HttpStatusCode.OK, Success);
    }

    [Fact]
    public async Task An_inactive_person_cannot_use_a_token()
    {
        var person = await factory.CreatePersonAsync();
        var token = await RecoveryTokenAsync(person);
        await factory.WithDb(db => db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false)));

        await (await Reset(person.Email!, token)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "User is inactive.");
    }

    Task<HttpResponseMessage> ChangeOwn(HttpClient client, string oldPassword, string password = NewPassword, string? password2 = null) =>
        client.PostAsJsonAsync("/api/auth/change-password", new { old_password = oldPassword, password, password_2 = password2 ?? password });

    [Fact]
    public async Task Changing_ones_password_ends_old_sessions_and_sends_a_mail()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);
        await Task.Delay(1100); // tokens carry whole seconds: change the password in a later one

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/change-password")
        {
            Content = JsonContent.Create(new { old_password = TestData.Password, password = NewPassword, password_2 = NewPassword }),
            Headers = { { "X-Forwarded-For", "203.0.113.7, 10.0.0.1" } },
        });

        await AssertJsonAsync(response, HttpStatusCode.OK, Success);
        var mail = await factory.MailAsync(person.Email!);
        Assert.Contains("203.0.113.7", mail.TextBody);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/authenticated")).StatusCode);
        await factory.CreateClient().LoginAsync(person.Email!, NewPassword);
    }

    [Fact]
    public async Task A_browser_changing_its_password_gets_a_new_session()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeAgent);

        var response = await ChangeOwn(client, TestData.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("access_token_cookie="));
        var browser = factory.CreateClient();
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeAgent);
        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/authenticated")).StatusCode);
    }

    [Fact]
    public async Task Change_password_refusals_use_Zous_words()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(person);

        await (await ChangeOwn(client, TestData.Password, "short")).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Password is too short.");
        await (await ChangeOwn(client, TestData.Password, NewPassword, "other-password"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Confirmation password doesn't match.");
        await (await ChangeOwn(client, "not-the-password")).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Old password is wrong.");
        Assert.Equal(1, (await factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id))).LoginFailedAttemps);
        for (var i = 0; i < 4; i++) await ChangeOwn(client, "not-the-password");

        var locked = await ChangeOwn(client, TestData.Password);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Responses.AssertJsonEqual(new JsonObject
        {
            ["error"] = true, ["message"] = "Too many failed login attempts.", ["too_many_failed_login_attemps"] = true,
        }, await locked.JsonAsync());
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = person.Email, password = TestData.Password });
        Assert.True((bool)(await login.JsonAsync())["too_many_failed_login_attemps"]!);
        await factory.AssertNoMailAsync(person.Email!);
    }

    [Fact]
    public async Task Bots_and_strangers_cannot_change_a_password()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var created = await (await admin.PostAsJsonAsync("/api/data/persons",
            new { first_name = "Render", last_name = Unique("Bot"), is_bot = true, role = "user" })).ReadJsonObjectAsync();
        var bot = factory.CreateClient();
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)created["access_token"]!);

        await (await ChangeOwn(bot, TestData.Password)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ChangeOwn(factory.CreateClient(), TestData.Password)).StatusCode);
    }
}
