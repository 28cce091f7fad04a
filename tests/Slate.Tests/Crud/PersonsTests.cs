using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/persons: who sees which form, Zou's validations, bot tokens, self-service limits and deletion.</summary>
public class PersonsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>The keys of a safe person, as Zou 1.0.67 answered POST /data/persons (zou-samples/crud.json).</summary>
    static readonly string[] SafeKeys =
    [
        "active", "archived", "contract_type", "country", "created_at", "daily_salary", "data", "departments", "desktop_login",
        "display_date_format", "email", "email_otp_enabled", "expiration_date", "fido_enabled", "first_name", "full_name",
        "has_avatar", "id", "is_bot", "is_generated_from_ldap", "is_guest", "last_name", "last_presence", "ldap_uid", "locale",
        "notifications_discord_enabled", "notifications_discord_userid", "notifications_enabled", "notifications_mattermost_enabled",
        "notifications_mattermost_userid", "notifications_slack_enabled", "notifications_slack_userid", "phone", "position",
        "preferred_two_factor_authentication", "role", "seniority", "shotgun_id", "studio_id", "timezone", "totp_enabled", "type",
        "updated_at", "use_12_hour_clock",
    ];

    static readonly string[] MinimalKeys =
        ["active", "departments", "desktop_login", "first_name", "full_name", "has_avatar", "id", "is_bot", "last_name", "role", "studio_id", "type"];


    async Task<HttpClient> ClientAs(string role) => await factory.ClientForAsync(await factory.CreatePersonAsync(role));

    static JsonContent Json(object body) => JsonContent.Create(body);

    static async Task AssertWrongParameterAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["error"] = true, ["message"] = message, ["data"] = null }, await response.JsonAsync());
    }

    Task<Department> CreateDepartmentAsync() => factory.WithDb(async db =>
    {
        var department = new Department { Name = Unique("Dept"), Color = "#123456" };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department;
    });

    Task<Person?> Stored(string id) => factory.WithDb(db => db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Guid.Parse(id)));

    static HttpClient WithToken(SlateFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Admin_creates_a_person_answered_in_the_safe_form()
    {
        var admin = await ClientAs("admin");
        var department = await CreateDepartmentAsync();
        var email = Unique("ada.") + "@example.com";

        var response = await admin.PostAsync("/api/data/persons", Json(new
        {
            first_name = "Ada", last_name = "Artist", email = "  " + email.ToUpperInvariant(), password = "Artist-Passw0rd!",
            role = "user", departments = new[] { department.Id }, contract_type = "freelance", position = "artist",
            seniority = "junior", daily_salary = 300, country = "fr",
            totp_enabled = true, totp_secret = "JBSWY3DPEHPK3PXP", jti = "planted",
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(SafeKeys, body.Select(p => p.Key).Order());
        Assert.Equal(email, (string?)body["email"]);
        Assert.Equal("FR", (string?)body["country"]);
        Assert.Equal("Europe/Paris", (string?)body["timezone"]);
        Assert.Equal("en_US", (string?)body["locale"]);
        Assert.Equal("Ada Artist", (string?)body["full_name"]);
        Assert.Equal(300, (int)body["daily_salary"]!);
        Assert.False((bool)body["totp_enabled"]!);
        Assert.Equal(department.Id.ToString(), (string?)Assert.Single(body["departments"]!.AsArray()));

        var stored = (await Stored((string)body["id"]!))!;
        Assert.Null(stored.TotpSecret);
        Assert.Null(stored.Jti);
        Assert.True(Passwords.Verify("Artist-Passw0rd!", stored.Password));
        await factory.CreateClient().LoginAsync(email, "Artist-Passw0rd!");
        Assert.True(await factory.WithDb(db => db.ApiEvents.AnyAsync(e => e.Name == "person:new" && e.UserId != null)));
    }

    [Fact]
    public async Task A_bot_gets_a_token_that_a_new_expiration_date_replaces()
    {
        var admin = await ClientAs("admin");
        var created = await (await admin.PostAsync("/api/data/persons",
            Json(new { first_name = "Render", last_name = "Bot", is_bot = true, role = "manager" }))).ReadJsonObjectAsync();
        var firstToken = (string)created["access_token"]!;
        var bot = WithToken(factory, firstToken);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/data/persons")).StatusCode);
        var tokens = new Tokens(new Settings { DataDir = "/tmp", SecretKey = "test-secret-key-that-is-long-enough-for-hs256" });
        var claims = tokens.Read(firstToken).Claims!;
        Assert.Equal("bot", claims.IdentityType);
        Assert.Null(claims.Expires);
        Assert.Equal(claims.Jti, (await Stored((string)created["id"]!))!.Jti);

        var expiration = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        var renewed = await (await admin.PutAsync($"/api/data/persons/{created["id"]}", Json(new { expiration_date = expiration })))
            .ReadJsonObjectAsync();

        var secondToken = (string)renewed["access_token"]!;
        Assert.Equal(expiration, (string?)renewed["expiration_date"]);
        Assert.True(tokens.Read(secondToken).Claims!.Expires > DateTimeOffset.UtcNow.AddDays(10));
        Assert.Equal(HttpStatusCode.OK, (await WithToken(factory, secondToken).GetAsync("/api/data/persons")).StatusCode);
        var old = await bot.GetAsync("/api/data/persons");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await old.JsonAsync())["msg"]);
    }

    [Fact]
    public async Task Bots_may_share_a_human_email_but_humans_may_not()
    {
        var admin = await ClientAs("admin");
        var human = await factory.CreatePersonAsync();

        var bot = await admin.PostAsync("/api/data/persons", Json(new { first_name = "B", last_name = "Bot", email = human.Email, is_bot = true }));
        Assert.Equal(HttpStatusCode.Created, bot.StatusCode);

        var twin = await admin.PostAsync("/api/data/persons", Json(new { first_name = "Twin", last_name = "Human", email = human.Email!.ToUpperInvariant() }));
        await AssertWrongParameterAsync(twin, "Email already in use.");
        Assert.Equal(1, await factory.WithDb(db => db.Persons.CountAsync(p => p.Email == human.Email && !p.IsBot)));
    }

    [Theory]
    [InlineData("role", "director", "Invalid role")]
    [InlineData("contract_type", "forever", "Invalid contract_type")]
    [InlineData("position", "boss", "Invalid position")]
    [InlineData("seniority", "ancient", "Invalid seniority")]
    [InlineData("country", "FRA", "Invalid country code, expected an ISO 3166-1 alpha-2 code.")]
    [InlineData("locale", "english please", "Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR).")]
    [InlineData("timezone", "Mars/Olympus", "Invalid timezone, expected a name of the IANA time zone database (e.g. Europe/Paris).")]
    [InlineData("display_date_format", "DD.MM.YYYY", "Invalid display_date_format, expected one of: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY.")]
    [InlineData("expiration_date", "2001-01-01", "Expiration date can't be in the past.")]
    [InlineData("expiration_date", "next week", "Expiration date is not valid.")]
    [InlineData("email", "nobody.example.com", "An email address must have an @-sign.")]
    [InlineData("email", "nobody@localhost", "The part after the @-sign is not valid. It should have a period.")]
    [InlineData("password", "short", "Password is too short.")]
    public async Task Creation_refuses_what_Zou_refuses_and_writes_nothing(string key, string value, string message)
    {
        var lastName = Unique("Refused");
        var body = new JsonObject { ["first_name"] = "Bad", ["last_name"] = lastName, ["email"] = lastName + "@example.com", [key] = value };

        var response = await (await ClientAs("admin")).PostAsync("/api/data/persons", JsonContent.Create(body));

        await AssertWrongParameterAsync(response, message);
        Assert.False(await factory.WithDb(db => db.Persons.AnyAsync(p => p.LastName == lastName)));
    }

    [Fact]
    public async Task Creation_refuses_unknown_fields_and_missing_names()
    {
        var admin = await ClientAs("admin");

        var unknown = await admin.PostAsync("/api/data/persons", Json(new { first_name = "A", last_name = "B", nickname = "ab" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("""{"message":"'nickname' is an invalid keyword argument for Person"}""", await unknown.Content.ReadAsStringAsync());

        var empty = await admin.PostAsync("/api/data/persons", Json(new { }));
        Assert.Equal("""{"message":"A required field is missing."}""", await empty.Content.ReadAsStringAsync());

        var lastName = Unique("Numeric");
        var numeric = await admin.PostAsync("/api/data/persons", Json(new { first_name = "A", last_name = lastName, password = 12345678 }));
        Assert.Equal("""{"message":"One of the provided values has an invalid format."}""", await numeric.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Persons.AnyAsync(p => p.LastName == lastName)));
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("user")]
    public async Task Only_admins_create(string role)
    {
        var lastName = Unique("Nope");

        var response = await (await ClientAs(role)).PostAsync("/api/data/persons", Json(new { first_name = "No", last_name = lastName }));

        await response.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Persons.AnyAsync(p => p.LastName == lastName)));
    }

    [Fact]
    public async Task Lists_are_safe_for_admins_and_minimal_for_others_and_never_carry_hashes()
    {
        var someone = await factory.CreatePersonAsync();

        var asAdmin = (await (await ClientAs("admin")).GetAsync($"/api/data/persons?with_pass_hash=true&id={someone.Id}")).JsonAsync();
        var row = Assert.Single((await asAdmin).AsArray())!.AsObject();
        Assert.Equal(SafeKeys.Where(k => k != "departments"), row.Select(p => p.Key).Order());

        var asManager = await (await ClientAs("manager")).GetAsync($"/api/data/persons?relations=true&id={someone.Id}");
        var minimal = Assert.Single((await asManager.JsonAsync()).AsArray())!.AsObject();
        Assert.Equal(MinimalKeys, minimal.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Managers_read_one_person_safe_and_others_minimal()
    {
        var someone = await factory.CreatePersonAsync();

        var manager = await (await ClientAs("manager")).GetAsync($"/api/data/persons/{someone.Id}");
        Assert.Equal(someone.Email, (string?)(await manager.ReadJsonObjectAsync())["email"]);

        var artist = await (await ClientAs("user")).GetAsync($"/api/data/persons/{someone.Id}");
        Assert.Equal(HttpStatusCode.OK, artist.StatusCode);
        Assert.Equal(MinimalKeys, (await artist.ReadJsonObjectAsync()).Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Filters_on_role_full_name_departments_and_pages()
    {
        var admin = await ClientAs("admin");
        var department = await CreateDepartmentAsync();
        var lastName = Unique("Doe");
        var ema = await factory.CreatePersonAsync("supervisor", configure: p => { p.FirstName = "Ema"; p.LastName = lastName; });
        await factory.WithDb(db =>
        {
            db.DepartmentLinks.Add(new DepartmentLink { PersonId = ema.Id, DepartmentId = department.Id });
            return db.SaveChangesAsync();
        });

        var byName = (await (await admin.GetAsync($"/api/data/persons?full_name={Uri.EscapeDataString("Ema " + lastName)}")).JsonAsync()).AsArray();
        Assert.Equal(ema.Id.ToString(), (string?)Assert.Single(byName)!["id"]);

        var byDepartment = (await (await admin.GetAsync($"/api/data/persons?departments={department.Id}&role=supervisor")).JsonAsync()).AsArray();
        Assert.Equal(ema.Id.ToString(), (string?)Assert.Single(byDepartment)!["id"]);
        Assert.Empty((await (await admin.GetAsync($"/api/data/persons?departments={department.Id}&role=admin")).JsonAsync()).AsArray());

        var page = await (await admin.GetAsync("/api/data/persons?page=1&limit=2")).ReadJsonObjectAsync();
        Assert.Equal(2, page["data"]!.AsArray().Count);
        Assert.True((int)page["total"]! >= 2);
        Assert.Equal(2, (int)page["limit"]!);
    }

    [Fact]
    public async Task Filters_on_secrets_are_refused_to_everyone_and_non_admins_keep_to_the_minimal_set()
    {
        var target = await factory.CreatePersonAsync();
        var admin = await ClientAs("admin");
        var artist = await ClientAs("user");

        await AssertWrongParameterAsync(await admin.GetAsync("/api/data/persons?totp_secret=x"), "Filtering on totp_secret is not allowed.");
        await AssertWrongParameterAsync(await admin.GetAsync("/api/data/persons?password=x"), "Filtering on password is not allowed.");
        await AssertWrongParameterAsync(await artist.GetAsync("/api/data/persons?daily_salary=300"), "Filtering on daily_salary is not allowed.");
        await AssertWrongParameterAsync(await artist.GetAsync("/api/data/persons?phone=1"), "Filtering on phone is not allowed.");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/data/persons?daily_salary=300")).StatusCode);

        var byEmail = (await (await artist.GetAsync($"/api/data/persons?email={target.Email}")).JsonAsync()).AsArray();
        Assert.Equal(target.Id.ToString(), (string?)Assert.Single(byEmail)!["id"]);
    }

    [Fact]
    public async Task People_change_their_profile_but_not_what_the_studio_decides()
    {
        var me = await factory.CreatePersonAsync("user", configure: p => p.DailySalary = 100);
        var client = await factory.ClientForAsync(me);

        var response = await client.PutAsync($"/api/data/persons/{me.Id}", Json(new
        {
            phone = "+33 1 23 45 67 89", locale = "fr_FR", role = "admin", daily_salary = 9000, active = false, is_guest = true,
            password = "Another-Passw0rd", totp_secret = "JBSWY3DPEHPK3PXP",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(SafeKeys, body.Select(p => p.Key).Order());
        Assert.Equal("+33 1 23 45 67 89", (string?)body["phone"]);
        var stored = (await Stored(me.Id.ToString()))!;
        Assert.Equal(("user", 100, true, false), (stored.Role, stored.DailySalary, stored.Active, stored.IsGuest));
        Assert.Equal("fr_FR", stored.Locale);
        Assert.Null(stored.TotpSecret);
        Assert.True(Passwords.Verify(TestData.Password, stored.Password));
    }

    [Fact]
    public async Task People_cannot_change_someone_else()
    {
        var other = await factory.CreatePersonAsync();

        var response = await (await ClientAs("manager")).PutAsync($"/api/data/persons/{other.Id}", Json(new { phone = "555" }));

        await response.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null((await Stored(other.Id.ToString()))!.Phone);
    }

    [Fact]
    public async Task Admin_update_answers_the_safe_person_with_departments_and_validates()
    {
        var admin = await ClientAs("admin");
        var department = await CreateDepartmentAsync();
        var person = await factory.CreatePersonAsync();

        var response = await admin.PutAsync($"/api/data/persons/{person.Id}", Json(new { role = "supervisor", departments = new[] { department.Id } }));

        var body = await response.ReadJsonObjectAsync();
        Assert.Equal("supervisor", (string?)body["role"]);
        Assert.Equal(department.Id.ToString(), (string?)Assert.Single(body["departments"]!.AsArray()));
        Assert.False(body.ContainsKey("access_token"));
        await AssertWrongParameterAsync(await admin.PutAsync($"/api/data/persons/{person.Id}", Json(new { role = "god" })), "Invalid role");
        var taken = await factory.CreatePersonAsync();
        await AssertWrongParameterAsync(await admin.PutAsync($"/api/data/persons/{person.Id}", Json(new { email = taken.Email })), "Email already in use.");
        Assert.Equal(person.Email, (await Stored(person.Id.ToString()))!.Email);
    }

    [Fact]
    public async Task An_expired_date_may_be_kept_but_not_set()
    {
        var admin = await ClientAs("admin");
        var bot = await factory.CreatePersonAsync(configure: p => { p.IsBot = true; p.ExpirationDate = new DateOnly(2020, 1, 1); p.Jti = "kept"; });

        var kept = await admin.PutAsync($"/api/data/persons/{bot.Id}", Json(new { expiration_date = "2020-01-01", phone = "1" }));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.False((await kept.ReadJsonObjectAsync()).ContainsKey("access_token"));
        Assert.Equal("kept", (await Stored(bot.Id.ToString()))!.Jti);

        await AssertWrongParameterAsync(
            await admin.PutAsync($"/api/data/persons/{bot.Id}", Json(new { expiration_date = "2020-01-02" })), "Expiration date can't be in the past.");
    }

    [Fact]
    public async Task Humans_get_their_own_api_token_and_nobody_else_gets_it()
    {
        var me = await factory.CreatePersonAsync();
        var mine = await (await factory.ClientForAsync(me)).PutAsync($"/api/data/persons/{me.Id}", Json(new { expiration_date = (string?)null }));
        var token = (string)(await mine.ReadJsonObjectAsync())["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await WithToken(factory, token).GetAsync("/api/data/persons")).StatusCode);

        var byAdmin = await (await ClientAs("admin")).PutAsync($"/api/data/persons/{me.Id}", Json(new { expiration_date = (string?)null }));

        Assert.False((await byAdmin.ReadJsonObjectAsync()).ContainsKey("access_token"));
        Assert.Null((await Stored(me.Id.ToString()))!.Jti);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(factory, token).GetAsync("/api/data/persons")).StatusCode);
    }

    [Fact]
    public async Task A_bot_cannot_extend_its_own_token()
    {
        var created = await (await (await ClientAs("admin")).PostAsync("/api/data/persons",
            Json(new { first_name = "Self", last_name = Unique("Bot"), is_bot = true, expiration_date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") })))
            .ReadJsonObjectAsync();
        var bot = WithToken(factory, (string)created["access_token"]!);

        var response = await bot.PutAsync($"/api/data/persons/{created["id"]}", Json(new { expiration_date = "2099-12-31", phone = "7" }));

        var body = await response.ReadJsonObjectAsync();
        Assert.False(body.ContainsKey("access_token"));
        Assert.Equal(("7", created["expiration_date"]!.ToString()), ((string?)body["phone"], (string?)body["expiration_date"]));
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/data/persons")).StatusCode);
    }

    [Fact]
    public async Task Delete_refuses_oneself_and_non_admins()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var adminClient = await factory.ClientForAsync(admin);

        await (await adminClient.DeleteAsync($"/api/data/persons/{admin.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await ClientAs("manager")).DeleteAsync($"/api/data/persons/{admin.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.NotNull(await Stored(admin.Id.ToString()));
    }

    [Fact]
    public async Task Delete_takes_department_links_along()
    {
        var department = await CreateDepartmentAsync();
        var person = await factory.CreatePersonAsync();
        await factory.WithDb(db =>
        {
            db.DepartmentLinks.Add(new DepartmentLink { PersonId = person.Id, DepartmentId = department.Id });
            return db.SaveChangesAsync();
        });

        var response = await (await ClientAs("admin")).DeleteAsync($"/api/data/persons/{person.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await Stored(person.Id.ToString()));
        Assert.True(await factory.WithDb(db => db.ApiEvents.AnyAsync(e => e.Name == "person:delete")));
    }

    [Fact]
    public async Task A_person_with_data_is_deleted_only_by_force()
    {
        var admin = await ClientAs("admin");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(artist);
        var task = await factory.CreateTaskAsync(project, artist);
        var other = await factory.CreatePersonAsync();
        var kept = new TimeSpent { PersonId = other.Id, TaskId = task.Id, Duration = 30, Date = new DateOnly(2024, 5, 2) };
        var comment = new Comment { PersonId = artist.Id, ObjectId = task.Id, ObjectType = "Task", Text = "done" };
        await factory.WithDb(db =>
        {
            db.Comments.Add(comment);
            db.CommentAcknowledgments.Add(new CommentAcknowledgment { Comment = comment.Id, Person = other.Id });
            db.Notifications.Add(new Notification { PersonId = other.Id, AuthorId = artist.Id, CommentId = comment.Id, Type = "comment" });
            db.TimeSpents.AddRange(kept, new TimeSpent { PersonId = artist.Id, TaskId = task.Id, Duration = 60, Date = new DateOnly(2024, 5, 2) });
            db.SearchFilters.Add(new SearchFilter { PersonId = artist.Id, ListType = "asset", Name = "mine", SearchQuery = "x" });
            return db.SaveChangesAsync();
        });

        var refused = await admin.DeleteAsync($"/api/data/persons/{artist.Id}");
        await refused.AssertZouErrorAsync(HttpStatusCode.BadRequest, "Some data are still linked to given person.");
        Assert.NotNull(await Stored(artist.Id.ToString()));

        var forced = await admin.DeleteAsync($"/api/data/persons/{artist.Id}?force=true");

        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/persons/{artist.Id}")).StatusCode);
        await factory.WithDb(async db =>
        {
            Assert.False(await db.Comments.AnyAsync(c => c.Id == comment.Id));
            Assert.False(await db.Notifications.AnyAsync(n => n.CommentId == comment.Id));
            Assert.False(await db.ProjectPersonLinks.AnyAsync(l => l.PersonId == artist.Id));
            Assert.False(await db.TaskPersonLinks.AnyAsync(l => l.PersonId == artist.Id));
            Assert.Equal(30, (await db.Tasks.SingleAsync(t => t.Id == task.Id)).Duration);
            Assert.True(await db.ApiEvents.AnyAsync(e => e.Name == "comment:delete" && e.ProjectId == project.Id));
            return true;
        });
    }

    [Fact]
    public async Task Force_does_not_remove_what_Zou_keeps()
    {
        var person = await factory.CreatePersonAsync();
        await factory.WithDb(db =>
        {
            db.DayOffs.Add(new DayOff { PersonId = person.Id, Date = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2024, 1, 2) });
            return db.SaveChangesAsync();
        });

        var response = await (await ClientAs("admin")).DeleteAsync($"/api/data/persons/{person.Id}?force=true");

        await response.AssertZouErrorAsync(HttpStatusCode.BadRequest, "Some data are still linked to given person.");
        Assert.NotNull(await Stored(person.Id.ToString()));
    }
}
