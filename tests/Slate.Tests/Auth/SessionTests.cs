using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Auth;

/// <summary>gazu-style and browser sessions: login, authenticated, logout, refresh.</summary>
public class SessionTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string ChromeAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    [Fact]
    public async Task Login_gives_tokens_user_and_organisation()
    {
        var admin = await factory.CreatePersonAsync("admin");

        var login = await factory.CreateClient().LoginAsync(admin.Email!);

        Assert.True((bool)login["login"]!);
        Assert.False(string.IsNullOrEmpty((string?)login["access_token"]));
        Assert.False(string.IsNullOrEmpty((string?)login["refresh_token"]));
        var user = login["user"]!.AsObject();
        Assert.Equal(admin.Id.ToString(), (string?)user["id"]);
        Assert.Equal(admin.Email, (string?)user["email"]);
        Assert.Equal("Person", (string?)user["type"]);
        Assert.Equal("admin", (string?)user["role"]);
        Assert.Empty(user["departments"]!.AsArray());
        Assert.False(user.ContainsKey("password"));
        Assert.False(user.ContainsKey("login_failed_attemps"));
        Assert.Equal("Organisation", (string?)login["organisation"]!["type"]);
        Assert.Equal("", (string?)login["organisation"]!["chat_token_slack"]);
    }

    [Fact]
    public async Task Authenticated_returns_the_caller()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = await factory.ClientForAsync(artist);

        var response = await client.GetAsync("/api/auth/authenticated");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True((bool)body["authenticated"]!);
        Assert.Equal(artist.Id.ToString(), (string?)body["user"]!["id"]);
        Assert.Empty(body["user"]!["fido_devices"]!.AsArray());
        Assert.False(body["organisation"]!.AsObject().ContainsKey("chat_token_slack"));
    }

    [Fact]
    public async Task Logout_revokes_the_access_and_refresh_tokens()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient();
        var login = await client.LoginAsync(artist.Email!);
        var access = (string)login["access_token"]!;
        var refresh = (string)login["refresh_token"]!;

        var logout = await Send(client, "/api/auth/logout", access);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.True((bool)(await logout.JsonAsync())["logout"]!);

        var again = await Send(client, "/api/auth/authenticated", access);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await again.JsonAsync())["msg"]);
        var refreshed = await Send(client, "/api/auth/refresh-token", refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await refreshed.JsonAsync())["msg"]);
    }

    [Fact]
    public async Task Logout_holds_after_a_restart()
    {
        var artist = await factory.CreatePersonAsync("user");
        var login = await factory.CreateClient().LoginAsync(artist.Email!);
        var access = (string)login["access_token"]!;
        await Send(factory.CreateClient(), "/api/auth/logout", access);

        await using var restarted = factory.Restarted();
        await restarted.InitializeAsync();
        var response = await Send(restarted.CreateClient(), "/api/auth/authenticated", access);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await response.JsonAsync())["msg"]);
    }

    [Fact]
    public async Task A_new_password_ends_the_sessions_opened_before_it()
    {
        var artist = await factory.CreatePersonAsync("user");
        var login = await factory.CreateClient().LoginAsync(artist.Email!);
        var access = (string)login["access_token"]!;
        var refresh = (string)login["refresh_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await Send(factory.CreateClient(), "/api/auth/authenticated", access)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(1.1)); // tokens carry whole seconds: change the password in a later one
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Accounts>().ChangePassword(artist.Email!, "A-new-passw0rd");

        var old = await Send(factory.CreateClient(), "/api/auth/authenticated", access);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await old.JsonAsync())["msg"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(factory.CreateClient(), "/api/auth/refresh-token", refresh)).StatusCode);
        var fresh = await factory.CreateClient().LoginAsync(artist.Email!, "A-new-passw0rd");
        Assert.Equal(HttpStatusCode.OK, (await Send(factory.CreateClient(), "/api/auth/authenticated", (string)fresh["access_token"]!)).StatusCode);
    }

    [Fact]
    public async Task Refreshed_access_token_works_and_kinds_are_not_mixed()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient();
        var login = await client.LoginAsync(artist.Email!);
        var access = (string)login["access_token"]!;
        var refresh = (string)login["refresh_token"]!;

        var refreshed = await Send(client, "/api/auth/refresh-token", refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var newAccess = (string)(await refreshed.JsonAsync())["access_token"]!;
        var me = await Send(client, "/api/auth/authenticated", newAccess);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(artist.Id.ToString(), (string?)(await me.JsonAsync())["user"]!["id"]);

        var accessOnRefresh = await Send(client, "/api/auth/refresh-token", access);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, accessOnRefresh.StatusCode);
        Assert.Equal("Only refresh tokens are allowed", (string?)(await accessOnRefresh.JsonAsync())["msg"]);
        var refreshOnRoute = await Send(client, "/api/auth/authenticated", refresh);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refreshOnRoute.StatusCode);
        Assert.Equal("Only non-refresh tokens are allowed", (string?)(await refreshOnRoute.JsonAsync())["msg"]);

        // Logging out with the refreshed token revokes the refresh token it came from.
        await Send(client, "/api/auth/logout", newAccess);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(client, "/api/auth/refresh-token", refresh)).StatusCode);
    }

    [Fact]
    public async Task Login_by_query_string_and_by_desktop_login()
    {
        var artist = await factory.CreatePersonAsync("user", configure: p => p.DesktopLogin = "desk" + p.LastName);
        var client = factory.CreateClient();

        var byQuery = await client.PostAsync(
            $"/auth/login?email={Uri.EscapeDataString(artist.Email!)}&password={TestData.Password}", null);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.True((bool)(await byQuery.JsonAsync())["login"]!);

        var byDesktopLogin = await client.LoginAsync(artist.DesktopLogin!);
        Assert.Equal(artist.Id.ToString(), (string?)byDesktopLogin["user"]!["id"]);

        var upperCase = await client.LoginAsync(artist.Email!.ToUpperInvariant());
        Assert.True((bool)upperCase["login"]!);

        var mixedCase = await factory.CreatePersonAsync("user", configure: p => p.Email = $"Mixed.{p.LastName}@Example.COM");
        var lowered = await client.LoginAsync(mixedCase.Email!.ToLowerInvariant());
        Assert.Equal(mixedCase.Email.ToLowerInvariant(), (string?)lowered["user"]!["email"]);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_answer_the_same()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient();

        foreach (var (email, password) in new[] { (artist.Email!, "not-the-password"), ("nobody@example.com", "whatever123") })
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"login":false}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Sixth_try_within_a_minute_is_locked_out_even_with_the_right_password()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = artist.Email, password = "wrong-one" });
            Assert.Equal("""{"login":false}""", await wrong.Content.ReadAsStringAsync());
        }

        var sixth = await client.PostAsJsonAsync("/api/auth/login", new { email = artist.Email, password = TestData.Password });

        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        var body = await sixth.JsonAsync();
        Assert.True((bool)body["error"]!);
        Assert.False((bool)body["login"]!);
        Assert.True((bool)body["too_many_failed_login_attemps"]!);
    }

    [Fact]
    public async Task Lockout_ends_after_a_minute_and_success_resets_the_count()
    {
        var artist = await factory.CreatePersonAsync("user", configure: p =>
        {
            p.LoginFailedAttemps = 5;
            p.LastLoginFailed = Slate.Data.Clock.UtcNow().AddMinutes(-2);
        });

        var login = await factory.CreateClient().LoginAsync(artist.Email!);

        Assert.True((bool)login["login"]!);
        var attempts = await factory.WithDb(db => db.Persons.Where(p => p.Id == artist.Id).Select(p => p.LoginFailedAttemps).SingleAsync());
        Assert.Equal(0, attempts);
    }

    [Fact]
    public async Task Login_without_email_is_a_validation_error()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { password = "whatever123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Validation error.", (string?)body["message"]);
        Assert.Equal("email", (string?)body["data"]!["errors"]![0]!["field"]);
        Assert.Equal("Field required", (string?)body["data"]!["errors"]![0]!["message"]);
    }

    [Theory]
    [InlineData("{\"email\": ", "The browser (or proxy) sent a request that this server could not understand.")]
    [InlineData("[1, 2]", "Request body must be a JSON object.")]
    public async Task Malformed_login_body_is_a_400(string body, string message)
    {
        var response = await factory.CreateClient().PostAsync("/api/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.True((bool)json["error"]!);
        Assert.Equal(message, (string?)json["message"]);
    }

    [Fact]
    public async Task Login_email_of_the_wrong_kind_is_a_validation_error()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = 42, password = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("Validation error.", (string?)json["message"]);
        Assert.Equal("Input should be a valid string", (string?)json["data"]!["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Placeholder_password_never_opens_a_session()
    {
        var person = await factory.CreatePersonAsync("user", password: "default");

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = person.Email, password = "default" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((bool)(await response.JsonAsync())["login"]!);
    }

    [Fact]
    public async Task Inactive_person_cannot_log_in()
    {
        var former = await factory.CreatePersonAsync("user", active: false);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = former.Email, password = TestData.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True((bool)body["unactive"]!);
        Assert.False((bool)body["login"]!);
        Assert.Equal("User is unactive, he cannot log in.", (string?)body["message"]);
    }

    [Fact]
    public async Task Deactivated_person_token_stops_working()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = await factory.ClientForAsync(artist);
        await factory.WithDb(db => db.Persons.Where(p => p.Id == artist.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false)));

        var response = await client.GetAsync("/api/auth/authenticated");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((bool)(await response.JsonAsync())["error"]!);
    }

    [Fact]
    public async Task Two_factor_accounts_are_asked_for_their_code()
    {
        var person = await factory.CreatePersonAsync("user", configure: p =>
        {
            p.TotpEnabled = true;
            p.PreferredTwoFactorAuthentication = "totp";
        });

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = person.Email, password = TestData.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True((bool)body["missing_OTP"]!);
        Assert.Equal("totp", (string?)body["preferred_two_factor_authentication"]);
        Assert.Equal(["recovery_code", "totp"], body["two_factor_authentication_enabled"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task Browser_login_uses_cookies()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = artist.Email, password = TestData.Password }),
        };
        request.Headers.UserAgent.ParseAdd(ChromeAgent);
        var login = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        var accessCookie = Assert.Single(cookies, c => c.StartsWith("access_token_cookie="));
        Assert.Contains("path=/;", accessCookie);
        Assert.Contains("httponly", accessCookie);
        Assert.Contains("samesite=lax", accessCookie);
        Assert.Contains(cookies, c => c.StartsWith("refresh_token_cookie=") && c.Contains("path=/auth/refresh-token"));

        var access = accessCookie.Split(';')[0];
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/authenticated");
        me.Headers.Add("Cookie", access);
        var meResponse = await client.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal(artist.Id.ToString(), (string?)(await meResponse.JsonAsync())["user"]!["id"]);
    }

    [Fact]
    public async Task Bots_cannot_log_out_or_refresh()
    {
        var bot = await factory.CreatePersonAsync("user", configure: p => p.IsBot = true);
        var tokens = factory.Services.GetRequiredService<Tokens>();
        var (token, jti) = tokens.Issue(bot.Id, Tokens.Access, "bot", null);
        await factory.WithDb(db => db.Persons.Where(p => p.Id == bot.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Jti, jti)));
        var client = factory.CreateClient();

        var me = await Send(client, "/api/auth/authenticated", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var logout = await Send(client, "/api/auth/logout", token);
        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.True((bool)(await logout.JsonAsync())["error"]!);
    }

    [Fact]
    public async Task Bots_cannot_log_in_with_a_password()
    {
        var bot = await factory.CreatePersonAsync("user", configure: p => p.IsBot = true);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = bot.Email, password = TestData.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    static Task<HttpResponseMessage> Send(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
