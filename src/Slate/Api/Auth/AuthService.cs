using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Auth;

/// <summary>A successful login: the person and a fresh pair of tokens.</summary>
public sealed record Session(Person Person, string AccessToken, string RefreshToken);

/// <summary>
/// Sessions as Zou runs them (behavior-platform.md §4.4-4.7): password login with lockout after
/// repeated failures, logout that revokes both tokens, refresh of the access token.
/// </summary>
public sealed class AuthService(SlateDb db, Tokens tokens, TokenBlocklist blocklist, Settings settings)
{
    const int MaxFailedAttempts = 5;
    static readonly TimeSpan LockoutDelay = TimeSpan.FromMinutes(1);

    static ApiException LoginFailed() => new(400, new JsonObject { ["login"] = false });

    public async Task<Session> LoginAsync(string email, string password, string? ipAddress, bool fromBrowser)
    {
        var person = await FindLoginPerson(email);
        if (person is null)
        {
            Passwords.SpendTime();
            throw LoginFailed();
        }
        await CheckLockout(person);
        if (settings.AuthStrategy != "auth_local_no_password" && !Passwords.Verify(password, person.Password))
        {
            await CountFailure(person);
            throw LoginFailed();
        }
        if (person.Active == false)
            throw new ApiException(401, ApiException.ErrorBody("User is unactive, he cannot log in.",
                new JsonObject { ["login"] = false, ["unactive"] = true }));
        RefuseTwoFactorAccounts(person);
        // Zou forces a reset for the placeholder password "default"; Slate simply never opens a session with it.
        if (password == "default") throw LoginFailed();
        if (person.LoginFailedAttemps > 0)
            await db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.LoginFailedAttemps, 0));

        var (refresh, refreshJti) = tokens.Issue(person.Id, Tokens.Refresh, "person", Tokens.RefreshLifetime);
        var (access, _) = tokens.Issue(person.Id, Tokens.Access, "person", Tokens.AccessLifetime, refreshJti);
        db.LoginLogs.Add(new LoginLog { PersonId = person.Id, IpAddress = ipAddress, Origin = fromBrowser ? "web" : "script" });
        await db.SaveChangesAsync();
        return new Session(person, access, refresh);
    }

    /// <summary>By e-mail first, then by desktop login; bots never log in with a password.</summary>
    async Task<Person?> FindLoginPerson(string email)
    {
        var lowered = email.Trim().ToLowerInvariant();
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => !p.IsBot && p.Email == lowered)
            ?? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => !p.IsBot && p.DesktopLogin == email);
    }

    /// <summary>Five failures less than a minute apart lock the account; after that minute the count starts over.</summary>
    async Task CheckLockout(Person person)
    {
        if ((person.LoginFailedAttemps ?? 0) < MaxFailedAttempts) return;
        if (person.LastLoginFailed is { } last && Clock.UtcNow() - last < LockoutDelay)
            throw new ApiException(400, new JsonObject
            {
                ["error"] = true, ["login"] = false, ["too_many_failed_login_attemps"] = true,
            });
        await db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.LoginFailedAttemps, 0));
        person.LoginFailedAttemps = 0;
    }

    /// <summary>One atomic increment, so parallel guesses are all counted.</summary>
    Task CountFailure(Person person)
    {
        var now = Clock.UtcNow();
        return db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.LoginFailedAttemps, p => (p.LoginFailedAttemps ?? 0) + 1)
            .SetProperty(p => p.LastLoginFailed, now));
    }

    /// <summary>
    /// Accounts with a second factor (from a Zou database) cannot pass with a password alone;
    /// Slate answers Zou's "missing OTP" until it verifies second factors itself.
    /// </summary>
    static void RefuseTwoFactorAccounts(Person person)
    {
        var methods = new List<string>();
        if (person.TotpEnabled == true) methods.Add("totp");
        if (person.EmailOtpEnabled == true) methods.Add("email_otp");
        if (person.FidoEnabled == true) methods.Add("fido");
        if (methods.Count == 0) return;
        throw new ApiException(400, new JsonObject
        {
            ["error"] = true, ["login"] = false, ["missing_OTP"] = true,
            ["preferred_two_factor_authentication"] = person.PreferredTwoFactorAuthentication,
            ["two_factor_authentication_enabled"] = new JsonArray(["recovery_code", .. methods.Select(m => (JsonNode)m)]),
        });
    }

    /// <summary>Revokes the access token and the refresh token it was issued with.</summary>
    public Task LogoutAsync(CurrentUser user)
    {
        user.CheckPerson();
        var revoked = new List<(string, TimeSpan)> { (user.Token.Jti, Tokens.AccessLifetime) };
        if (user.Token.RefreshJti is { } refreshJti) revoked.Add((refreshJti, Tokens.RefreshLifetime));
        return blocklist.RevokeAsync([.. revoked]);
    }

    /// <summary>A new access token tied to the refresh token, so a later logout revokes both.</summary>
    public string Refresh(CurrentUser user)
    {
        user.CheckPerson();
        return tokens.Issue(user.Id, Tokens.Access, user.Token.IdentityType, Tokens.AccessLifetime, user.Token.Jti).Token;
    }
}
