using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>A studio with a mail sink and a protected account.</summary>
public class ProtectedMailFactory : MailFactory
{
    public const string Boss = "boss.accounts@studio.example.com";

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["PROTECTED_ACCOUNTS"] = Boss,
    };
}

/// <summary>
/// The admin account actions on persons (reset link, password, second factors, departments,
/// avatar) and DELETE /actions/user/clear-avatar; what none of the person payloads may carry.
/// </summary>
public class PersonAccountsTests(ProtectedMailFactory factory) : IClassFixture<ProtectedMailFactory>
{
    const string NewPassword = "chosen-by-the-admin";
    static readonly JsonObject Success = new() { ["success"] = true };

    async Task<HttpClient> AdminAsync() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<Person> StoredAsync(Guid id) => factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id));

    Task<Department> CreateDepartmentAsync() => factory.Save(new Department { Name = Unique("Dept"), Color = "#123456" });

    Task<bool> UpdateEmittedAsync(Guid personId) => factory.WithDb(async db =>
        (await db.ApiEvents.AsNoTracking().Where(e => e.Name == "person:update").ToListAsync())
        .Any(e => (string?)e.Data?["person_id"] == personId.ToString()));

    static Task<HttpResponseMessage> ChangePassword(HttpClient client, Guid personId, string password = NewPassword, string? password2 = null) =>
        client.PostAsJsonAsync($"/api/actions/persons/{personId}/change-password", new { password, password_2 = password2 ?? password });

    [Fact]
    public async Task Non_admins_are_refused_every_admin_route()
    {
        var target = await factory.CreatePersonAsync(configure: p => p.TotpEnabled = true);
        var department = await CreateDepartmentAsync();
        foreach (var role in new[] { "manager", "supervisor", "user", "vendor", "client" })
        {
            var caller = await factory.ClientForAsync(await factory.CreatePersonAsync(role));
            var answers = new[]
            {
                await caller.GetAsync($"/api/actions/persons/{target.Id}/invite"),
                await caller.PostAsync($"/api/actions/persons/{target.Id}/reset-password-link", null),
                await caller.PostAsJsonAsync($"/api/actions/persons/{target.Id}/departments/add", new { department_id = department.Id }),
                await caller.DeleteAsync($"/api/actions/persons/{target.Id}/departments/{department.Id}"),
                await ChangePassword(caller, target.Id),
                await caller.DeleteAsync($"/api/actions/persons/{target.Id}/disable-two-factor-authentication"),
                await caller.DeleteAsync($"/api/actions/persons/{target.Id}/clear-avatar"),
            };
            foreach (var answer in answers) await answer.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        var stored = await StoredAsync(target.Id);
        Assert.True(stored.TotpEnabled);
        Assert.Equal(target.Password, stored.Password);
        Assert.False(await factory.WithDb(db => db.DepartmentLinks.AnyAsync(l => l.PersonId == target.Id)));
    }

    [Fact]
    public async Task Bots_are_not_targets_of_the_password_and_second_factor_actions()
    {
        var admin = await AdminAsync();
        var bot = await factory.CreatePersonAsync(configure: p => p.IsBot = true);

        await (await admin.PostAsync($"/api/actions/persons/{bot.Id}/reset-password-link", null)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await ChangePassword(admin, bot.Id)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.DeleteAsync($"/api/actions/persons/{bot.Id}/disable-two-factor-authentication"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await ChangePassword(admin, Guid.NewGuid())).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task A_reset_link_works_once_and_a_newer_one_replaces_it()
    {
        var admin = await AdminAsync();
        var person = await factory.CreatePersonAsync();

        var first = await (await admin.PostAsync($"/api/actions/persons/{person.Id}/reset-password-link", null)).ReadJsonObjectAsync();
        var response = await admin.PostAsync($"/api/actions/persons/{person.Id}/reset-password-link", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(["reset_password_link"], body.Select(pair => pair.Key));
        var link = (string)body["reset_password_link"]!;
        var prefix = $"https://{MailFactory.Domain}/reset-change-password?email={Uri.EscapeDataString(person.Email!)}&token=";
        Assert.StartsWith(prefix, link);
        var token = link[prefix.Length..];
        Assert.Matches("^[A-Z0-9]{64}$", token);
        var oldToken = ((string)first["reset_password_link"]!)[prefix.Length..];

        Task<HttpResponseMessage> Use(string t) => factory.CreateClient().PutAsJsonAsync("/api/auth/reset-password",
            new { email = person.Email, token = t, password = NewPassword, password2 = NewPassword });
        await (await Use(oldToken)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        Assert.Equal(HttpStatusCode.OK, (await Use(token)).StatusCode);
        await (await Use(token)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Wrong or expired token.");
        await factory.ClientForAsync(person, NewPassword);
        await factory.AssertNoMailAsync(person.Email!);
    }

    [Fact]
    public async Task Protected_accounts_and_other_admins_passwords_are_out_of_reach()
    {
        var adminPerson = await factory.CreatePersonAsync("admin");
        var admin = await factory.ClientForAsync(adminPerson);
        var boss = await factory.WithDb(db => db.Persons.FirstOrDefaultAsync(p => p.Email == ProtectedMailFactory.Boss))
            ?? await factory.CreatePersonAsync(configure: p => p.Email = ProtectedMailFactory.Boss);
        var otherAdmin = await factory.CreatePersonAsync("admin");
        var newAdmin = await factory.CreatePersonAsync("admin", configure: p => p.Password = null);

        await (await ChangePassword(admin, boss.Id)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "This user is in protected accounts.");
        await (await admin.PostAsync($"/api/actions/persons/{boss.Id}/reset-password-link", null))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "This user is in protected accounts.");
        await (await ChangePassword(admin, otherAdmin.Id)).AssertZouErrorAsync(HttpStatusCode.BadRequest, "An admin can't change another admin's password.");
        await (await admin.PostAsync($"/api/actions/persons/{otherAdmin.Id}/reset-password-link", null))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "An admin can't change another admin's password.");
        Assert.Equal(boss.Password, (await StoredAsync(boss.Id)).Password);
        Assert.Equal(otherAdmin.Password, (await StoredAsync(otherAdmin.Id)).Password);

        Assert.Equal(HttpStatusCode.OK, (await ChangePassword(admin, newAdmin.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/actions/persons/{adminPerson.Id}/reset-password-link", null)).StatusCode);
    }

    [Fact]
    public async Task An_admin_sets_a_password_the_person_is_told_and_their_sessions_end()
    {
        var admin = await AdminAsync();
        var person = await factory.CreatePersonAsync();
        var session = await factory.ClientForAsync(person);
        await Task.Delay(1100); // tokens carry whole seconds: change the password in a later one

        await (await ChangePassword(admin, person.Id, "short")).AssertZouErrorAsync(HttpStatusCode.BadRequest, "Password is too short.");
        await (await ChangePassword(admin, person.Id, NewPassword, NewPassword + "?"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Confirmation password doesn't match.");
        var missing = await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/change-password", new { password = NewPassword });
        Assert.Equal("password_2", (string?)(await missing.JsonAsync())["data"]!["errors"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/auth/authenticated")).StatusCode);

        var response = await ChangePassword(admin, person.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(Success, await response.JsonAsync());
        var mail = await factory.MailAsync(person.Email!);
        Assert.Contains("administrator", mail.TextBody);
        Assert.DoesNotContain(NewPassword, mail.TextBody);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/auth/authenticated")).StatusCode);
        await factory.ClientForAsync(person, NewPassword);
    }

    [Fact]
    public async Task Two_factor_authentication_is_turned_off_for_people_but_not_other_admins()
    {
        var adminPerson = await factory.CreatePersonAsync("admin");
        var admin = await factory.ClientForAsync(adminPerson);
        var person = await factory.CreatePersonAsync(configure: p =>
        {
            p.TotpEnabled = true;
            p.TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
            p.EmailOtpEnabled = true;
            p.EmailOtpSecret = "secret";
            p.OtpRecoveryCodes = [[1, 2, 3]];
            p.PreferredTwoFactorAuthentication = "totp";
        });
        var otherAdmin = await factory.CreatePersonAsync("admin", configure: p => p.TotpEnabled = true);

        var response = await admin.DeleteAsync($"/api/actions/persons/{person.Id}/disable-two-factor-authentication");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(Success, await response.JsonAsync());
        var stored = await StoredAsync(person.Id);
        Assert.False(stored.TotpEnabled);
        Assert.False(stored.EmailOtpEnabled);
        Assert.Null(stored.TotpSecret);
        Assert.Null(stored.EmailOtpSecret);
        Assert.Null(stored.OtpRecoveryCodes);
        Assert.Null(stored.PreferredTwoFactorAuthentication);
        Assert.Contains("two-factor", (await factory.MailAsync(person.Email!)).TextBody);
        await factory.ClientForAsync(person);

        await (await admin.DeleteAsync($"/api/actions/persons/{person.Id}/disable-two-factor-authentication"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Two factor authentication not enabled for this user.");
        await (await admin.DeleteAsync($"/api/actions/persons/{otherAdmin.Id}/disable-two-factor-authentication"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "An admin can't disable 2FA for other admins.");
        Assert.True((await StoredAsync(otherAdmin.Id)).TotpEnabled);
        await (await admin.DeleteAsync($"/api/actions/persons/{adminPerson.Id}/disable-two-factor-authentication"))
            .AssertZouErrorAsync(HttpStatusCode.BadRequest, "Two factor authentication not enabled for this user.");
    }

    [Fact]
    public async Task Admins_add_and_remove_people_from_departments()
    {
        var admin = await AdminAsync();
        var person = await factory.CreatePersonAsync();
        var department = await CreateDepartmentAsync();

        var response = await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/departments/add", new { department_id = department.Id });
        var again = await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/departments/add", new { department_id = department.Id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(person.Id.ToString(), (string?)body["id"]);
        Assert.Equal(person.Email, (string?)body["email"]);
        Assert.Equal([department.Id.ToString()], body["departments"]!.AsArray().Select(d => (string)d!));
        AssertNoSecrets(body);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.DepartmentLinks.CountAsync(l => l.PersonId == person.Id)));
        Assert.True(await UpdateEmittedAsync(person.Id));

        await (await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/departments/add", new { department_id = Guid.NewGuid() }))
            .AssertWrongParameterAsync("Department ID matches no department");
        var missing = await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/departments/add", new { });
        Assert.Equal("department_id", (string?)(await missing.JsonAsync())["data"]!["errors"]![0]!["field"]);
        var malformed = await admin.PostAsJsonAsync($"/api/actions/persons/{person.Id}/departments/add", new { department_id = "nope" });
        Assert.Equal("Input should be a valid UUID", (string?)(await malformed.JsonAsync())["data"]!["errors"]![0]!["message"]);
        await (await admin.PostAsJsonAsync($"/api/actions/persons/{Guid.NewGuid()}/departments/add", new { department_id = department.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        await (await admin.DeleteAsync($"/api/actions/persons/{person.Id}/departments/{Guid.NewGuid()}"))
            .AssertWrongParameterAsync("Department ID matches no department");
        await (await admin.DeleteAsync($"/api/actions/persons/{person.Id}/departments/not-an-id"))
            .AssertWrongParameterAsync("Department ID matches no department");
        var removed = await admin.DeleteAsync($"/api/actions/persons/{person.Id}/departments/{department.Id}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(await factory.WithDb(db => db.DepartmentLinks.AnyAsync(l => l.PersonId == person.Id)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/actions/persons/{person.Id}/departments/{department.Id}")).StatusCode);
    }

    [Fact]
    public async Task Avatars_are_cleared_by_admins_and_by_their_owner_but_not_by_bots()
    {
        var admin = await AdminAsync();
        var person = await factory.CreatePersonAsync(configure: p => p.HasAvatar = true);
        var owner = await factory.CreatePersonAsync(configure: p => p.HasAvatar = true);
        var other = await factory.ClientForAsync(owner);

        var cleared = await admin.DeleteAsync($"/api/actions/persons/{person.Id}/clear-avatar");
        var own = await other.DeleteAsync("/api/actions/user/clear-avatar");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.False((await StoredAsync(person.Id)).HasAvatar);
        Assert.False((await StoredAsync(owner.Id)).HasAvatar);
        Assert.True(await UpdateEmittedAsync(person.Id));
        Assert.True(await UpdateEmittedAsync(owner.Id));
        await (await admin.DeleteAsync($"/api/actions/persons/{Guid.NewGuid()}/clear-avatar")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var created = await (await admin.PostAsJsonAsync("/api/data/persons",
            new { first_name = "Render", last_name = Unique("Bot"), is_bot = true, role = "admin" })).ReadJsonObjectAsync();
        var bot = factory.CreateClient();
        bot.DefaultRequestHeaders.Authorization = new("Bearer", (string)created["access_token"]!);
        await (await bot.DeleteAsync("/api/actions/user/clear-avatar")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    static readonly string[] Secrets =
    [
        "password", "totp_secret", "email_otp_secret", "otp_recovery_codes", "fido_credentials", "fido_devices", "jti",
        "login_failed_attemps", "last_login_failed",
    ];

    static void AssertNoSecrets(JsonObject person)
    {
        foreach (var key in Secrets) Assert.False(person.ContainsKey(key), $"{key} sent: {person.ToJsonString()}");
    }

    [Fact]
    public async Task No_person_payload_carries_secrets_and_only_admins_and_managers_see_private_fields_salaries_only_admins()
    {
        var adminPerson = await factory.CreatePersonAsync("admin");
        var admin = await factory.ClientForAsync(adminPerson);
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var artistPerson = await factory.CreatePersonAsync("user", configure: p =>
        {
            p.Phone = "+33 1 23 45 67 89";
            p.DailySalary = 320;
            p.LoginFailedAttemps = 2;
            p.LastLoginFailed = Slate.Data.Clock.UtcNow().AddDays(-1);
            p.Jti = Guid.NewGuid().ToString();
            p.FidoCredentials = ["{\"device_name\": \"key\"}"];
            p.EmailOtpSecret = "secret";
        });
        var artist = await factory.ClientForAsync(artistPerson);
        var department = await CreateDepartmentAsync();
        var one = $"/api/data/persons/{artistPerson.Id}";

        var payloads = new List<(string Who, JsonObject Person, bool Private)>
        {
            ("admin list", (await Responses.ArrayAsync(await admin.GetAsync("/api/data/persons?relations=true")))
                .Single(p => (string?)p!["id"] == artistPerson.Id.ToString())!.AsObject(), true),
            ("admin one", await (await admin.GetAsync(one)).ReadJsonObjectAsync(), true),
            ("manager one", await (await manager.GetAsync(one)).ReadJsonObjectAsync(), true),
            ("manager context", (await (await manager.GetAsync("/api/data/user/context")).ReadJsonObjectAsync())["persons"]!.AsArray()
                .Single(p => (string?)p!["id"] == artistPerson.Id.ToString())!.AsObject(), true),
            ("manager list", (await Responses.ArrayAsync(await manager.GetAsync("/api/data/persons")))
                .Single(p => (string?)p!["id"] == artistPerson.Id.ToString())!.AsObject(), false),
            ("artist list", (await Responses.ArrayAsync(await artist.GetAsync("/api/data/persons")))
                .Single(p => (string?)p!["id"] == adminPerson.Id.ToString())!.AsObject(), false),
            ("artist one", await (await artist.GetAsync($"/api/data/persons/{adminPerson.Id}")).ReadJsonObjectAsync(), false),
            ("own update", await (await artist.PutAsJsonAsync(one, new { first_name = "Ada" })).ReadJsonObjectAsync(), true),
            ("admin update", await (await admin.PutAsJsonAsync(one, new { last_name = "Artist" })).ReadJsonObjectAsync(), true),
            ("department add", await (await admin.PostAsJsonAsync($"/api/actions/persons/{artistPerson.Id}/departments/add",
                new { department_id = department.Id })).ReadJsonObjectAsync(), true),
            ("login", (await factory.CreateClient().LoginAsync(artistPerson.Email!))["user"]!.AsObject(), true),
            ("authenticated", (await (await artist.GetAsync("/api/auth/authenticated")).ReadJsonObjectAsync())["user"]!.AsObject(), true),
        };

        // The caller's own profile lists the names of their FIDO devices (Zou's /auth/authenticated), nothing else of them.
        var authenticated = payloads[^1].Person;
        Assert.Equal(["key"], authenticated["fido_devices"]!.AsArray().Select(d => (string)d!));
        authenticated.Remove("fido_devices");
        foreach (var (who, person, shown) in payloads)
        {
            AssertNoSecrets(person);
            foreach (var key in new[] { "email", "phone" })
                Assert.True(person.ContainsKey(key) == shown, $"{who}: {key} {(shown ? "missing" : "shown")}");
            // Salaries are for admins, and for the person themselves.
            Assert.True(person.ContainsKey("daily_salary") == (shown && who is not ("manager one" or "manager context")), $"{who}: daily_salary");
        }
    }
}
