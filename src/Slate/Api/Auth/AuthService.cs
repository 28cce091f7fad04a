using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Mail;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Auth;

/// <summary>A successful login: the person and a fresh pair of tokens.</summary>
public sealed record Session(Person Person, string AccessToken, string RefreshToken);

/// <summary>
/// Sessions as Zou runs them (behavior-platform.md §4.4-4.7): password login with lockout after
/// repeated failures, logout that revokes both tokens, refresh of the access token; changing
/// one's password, and the forgotten-password flow (a token mailed, then traded for a password).
/// </summary>
public sealed class AuthService(
    SlateDb db, Tokens tokens, TokenBlocklist blocklist, Settings settings, Accounts accounts, ResetTokens resetTokens,
    MailMessages mails, IEventBus bus)
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
        if (await LockedOutAsync(person))
            throw new ApiException(400, new JsonObject
            {
                ["error"] = true, ["login"] = false, ["too_many_failed_login_attemps"] = true,
            });
        if (!PasswordMatches(person, password))
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

        var session = NewSession(person);
        db.LoginLogs.Add(new LoginLog { PersonId = person.Id, IpAddress = ipAddress, Origin = fromBrowser ? "web" : "script" });
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>A fresh refresh token and the access token tied to it.</summary>
    public Session NewSession(Person person)
    {
        var (refresh, refreshJti) = tokens.Issue(person.Id, Tokens.Refresh, "person", Tokens.RefreshLifetime);
        var (access, _) = tokens.Issue(person.Id, Tokens.Access, "person", Tokens.AccessLifetime, refreshJti);
        return new Session(person, access, refresh);
    }

    bool PasswordMatches(Person person, string password) =>
        settings.AuthStrategy == "auth_local_no_password" || Passwords.Verify(password, person.Password);

    /// <summary>By e-mail first, then by desktop login; bots never log in with a password.</summary>
    async Task<Person?> FindLoginPerson(string email)
    {
        var lowered = email.Trim().ToLowerInvariant();
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => !p.IsBot && p.Email == lowered)
            ?? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => !p.IsBot && p.DesktopLogin == email);
    }

    /// <summary>Five failures less than a minute apart lock the account; after that minute the count starts over.</summary>
    async Task<bool> LockedOutAsync(Person person)
    {
        if ((person.LoginFailedAttemps ?? 0) < MaxFailedAttempts) return false;
        if (person.LastLoginFailed is { } last && Clock.UtcNow() - last < LockoutDelay) return true;
        await db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.LoginFailedAttemps, 0));
        person.LoginFailedAttemps = 0;
        return false;
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

    /// <summary>Revokes the access token and the refresh token it was issued with; sockets opened with it close.</summary>
    public async Task LogoutAsync(CurrentUser user)
    {
        user.CheckPerson();
        var revoked = new List<(string, TimeSpan)> { (user.Token.Jti, Tokens.AccessLifetime) };
        if (user.Token.RefreshJti is { } refreshJti) revoked.Add((refreshJti, Tokens.RefreshLifetime));
        await blocklist.RevokeAsync([.. revoked]);
        bus.Publish(new AccessEnded(user.Id, user.Token.Jti));
    }

    /// <summary>A new access token tied to the refresh token, so a later logout revokes both.</summary>
    public string Refresh(CurrentUser user)
    {
        user.CheckPerson();
        return tokens.Issue(user.Id, Tokens.Access, user.Token.IdentityType, Tokens.AccessLifetime, user.Token.Jti).Token;
    }

    /// <summary>
    /// The caller's new password (POST /auth/change-password): the old one is checked as a login
    /// without second factor (the lockout applies and a wrong one counts), then the new one; their
    /// sessions end and they are told by e-mail. Returns the person, to open a new session.
    /// </summary>
    public async Task<Person> ChangePasswordAsync(CurrentUser user, JsonObject body, string? fromAddress)
    {
        user.CheckPerson();
        var oldPassword = RequestBody.RequiredText(body, "old_password");
        var password = RequestBody.RequiredText(body, "password");
        var confirmation = RequestBody.RequiredText(body, "password_2");
        var person = await db.Persons.SingleAsync(p => p.Id == user.Id);
        if (await LockedOutAsync(person))
            throw new ApiException(400, ApiException.ErrorBody("Too many failed login attempts.",
                new JsonObject { ["too_many_failed_login_attemps"] = true }));
        if (!PasswordMatches(person, oldPassword))
        {
            await CountFailure(person);
            throw new BadRequestException("Old password is wrong.");
        }
        if (person.Active == false) throw new BadRequestException("User is unactive.");
        accounts.CheckNewPassword(password, confirmation);
        person.LoginFailedAttemps = 0;
        await accounts.ReplacePasswordAsync(person, password);
        await db.SaveChangesAsync();
        await mails.PasswordChangedAsync(person, fromAddress);
        return person;
    }

    /// <summary>
    /// POST /auth/reset-password: an active account gets a recovery link valid 2 hours by e-mail.
    /// The answer is the same whether the account exists or not.
    /// </summary>
    public async Task RequestPasswordResetAsync(JsonObject body, string? fromAddress)
    {
        var email = RequestBody.RequiredText(body, "email").Trim().ToLowerInvariant();
        var person = await accounts.FindByEmail(email);
        if (person is not { Active: true }) return;
        var token = await resetTokens.IssueAsync(person.Id, ResetTokens.RecoveryLifetime);
        await db.SaveChangesAsync();
        await mails.PasswordRecoveryAsync(person, resetTokens.Link(email, token), fromAddress);
    }

    /// <summary>
    /// PUT /auth/reset-password: the mailed token (once, before it expires) sets a new password;
    /// sessions opened before end.
    /// </summary>
    public async Task ResetPasswordAsync(JsonObject body)
    {
        var email = RequestBody.RequiredText(body, "email").Trim().ToLowerInvariant();
        var token = RequestBody.RequiredText(body, "token");
        var password = RequestBody.RequiredText(body, "password");
        var confirmation = RequestBody.RequiredText(body, "password2");
        var person = await accounts.FindByEmail(email);
        if (!await resetTokens.RedeemAsync(person?.Id, token)) throw new BadRequestException("Wrong or expired token.");
        accounts.CheckNewPassword(password, confirmation);
        if (person!.Active != true) throw new BadRequestException("User is inactive.");
        await accounts.ReplacePasswordAsync(person, password);
        await db.SaveChangesAsync();
    }
}
