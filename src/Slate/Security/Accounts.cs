using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Security;

/// <summary>
/// The rules for making accounts and setting passwords (Zou's e-mail check, password length and
/// user limit), in one place for the command line and the persons and authentication routes.
/// </summary>
public sealed class Accounts(SlateDb db, Passwords passwords, Settings settings)
{
    /// <summary>The login a fresh server makes for itself, the one Kitsu's documentation shows.</summary>
    public const string FirstAdminEmail = "admin@example.com";

    // Letters and digits without look-alikes (0/O, 1/l/I): 20 of them carry about 115 bits.
    const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string RandomPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 20);

    /// <summary>An active admin named "Super Admin", as Zou's create-admin makes it.</summary>
    public async Task<Person> CreateAdmin(string email, string password, CancellationToken ct = default)
    {
        email = email.Trim();
        CheckEmail(email);
        CheckPassword(password);
        await CheckUserLimit(ct);
        if (await FindByEmail(email, ct) is not null) throw new WrongParameterException("Email already in use.");

        var person = new Person
        {
            Email = email,
            FirstName = "Super",
            LastName = "Admin",
            Role = "admin",
            Phone = "",
            DesktopLogin = "",
            Timezone = settings.DefaultTimezone,
            Locale = settings.DefaultLocale,
            Password = passwords.Hash(password),
        };
        db.Persons.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// On a database without any admin, makes <see cref="FirstAdminEmail"/> with a random password
    /// and returns that password; returns null when an admin exists, so it happens once.
    /// </summary>
    public async Task<string?> CreateFirstAdmin(CancellationToken ct = default)
    {
        if (await db.Persons.AnyAsync(p => p.Role == "admin" && !p.IsBot, ct)) return null;
        var password = RandomPassword();
        await CreateAdmin(FirstAdminEmail, password, ct);
        return password;
    }

    public async Task ChangePassword(string email, string password, CancellationToken ct = default)
    {
        CheckPassword(password);
        var person = await FindByEmail(email.Trim(), ct) ?? throw new NotFoundException();
        person.Password = passwords.Hash(password);
        await EndSessions(person.Id, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sessions opened before now stop working (see <see cref="PasswordChange"/>).</summary>
    async Task EndSessions(Guid personId, CancellationToken ct)
    {
        var change = await db.PasswordChanges.FindAsync([personId], ct);
        if (change is null) db.PasswordChanges.Add(new PasswordChange { PersonId = personId, ChangedAt = Clock.UtcNow() });
        else change.ChangedAt = Clock.UtcNow();
    }

    /// <summary>Zou counts characters (code points), not bytes or UTF-16 units.</summary>
    public void CheckPassword(string password)
    {
        if (password.EnumerateRunes().Count() < settings.MinPasswordLength)
            throw new WrongParameterException("Password is too short.");
    }

    /// <summary>Bots may share a human's e-mail; humans may not share one.</summary>
    public Task<Person?> FindByEmail(string email, CancellationToken ct = default) =>
        db.Persons.FirstOrDefaultAsync(p => p.Email == email && !p.IsBot, ct);

    /// <summary>One plain address whose domain has a dot, as Zou's validator requires.</summary>
    static void CheckEmail(string email)
    {
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            throw new WrongParameterException("Email is not valid.");
    }

    /// <summary>Active humans who are not guests count toward USER_LIMIT.</summary>
    async Task CheckUserLimit(CancellationToken ct)
    {
        var active = await db.Persons.CountAsync(p => p.Active == true && !p.IsBot && !p.IsGuest, ct);
        if (active >= settings.UserLimit)
            throw new WrongParameterException("User limit reached.", new JsonObject { ["limit"] = settings.UserLimit });
    }
}
