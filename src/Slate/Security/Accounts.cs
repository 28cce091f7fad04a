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
        email = CheckEmail(email);
        CheckPassword(password);
        await CheckUserLimit(ct);
        await CheckEmailFree(email, null, ct);

        var person = new Person
        {
            Email = email,
            FirstName = "Super",
            LastName = "Admin",
            Role = "admin",
            Phone = "",
            DesktopLogin = "",
        };
        SetPassword(person, password);
        ApplyDefaults(person);
        db.Persons.Add(person);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>New accounts take the studio's default timezone and locale unless given theirs.</summary>
    public void ApplyDefaults(Person person)
    {
        person.Timezone ??= settings.DefaultTimezone;
        person.Locale ??= settings.DefaultLocale;
    }

    /// <summary>Stores the bcrypt hash of a password long enough for MIN_PASSWORD_LENGTH.</summary>
    public void SetPassword(Person person, string password)
    {
        CheckPassword(password);
        person.Password = passwords.Hash(password);
    }

    /// <summary>Accounts in PROTECTED_ACCOUNTS: no one else may deactivate, demote or delete them.</summary>
    public bool IsProtected(Person person) =>
        !person.IsBot && person.Email is { } email && settings.ProtectedAccounts.Contains(email.ToLowerInvariant());

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
        await ReplacePasswordAsync(person, password, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sets a checked password on a tracked person and ends the sessions opened before, in the
    /// caller's unit of work (the caller saves).
    /// </summary>
    public async Task ReplacePasswordAsync(Person person, string password, CancellationToken ct = default)
    {
        person.Password = passwords.Hash(password);
        await EndSessions(person.Id, ct);
    }

    /// <summary>
    /// A new password with its confirmation, as Zou's password routes check it: long enough first,
    /// then the same twice; refused with their 400 {"error", "message"} words.
    /// </summary>
    public void CheckNewPassword(string password, string confirmation)
    {
        if (TooShort(password)) throw new BadRequestException("Password is too short.");
        if (password != confirmation) throw new BadRequestException("Confirmation password doesn't match.");
    }

    /// <summary>
    /// Whether an admin may set (or send a link to set) someone's password: always their own; never
    /// a protected account's, nor another admin's who already has one (Zou's 400 words).
    /// </summary>
    public void CheckPasswordChangeAllowed(Person person, Guid callerId)
    {
        if (person.Id == callerId) return;
        if (IsProtected(person)) throw new BadRequestException("This user is in protected accounts.");
        if (person.Role == "admin" && person.Password is { Length: > 0 })
            throw new BadRequestException("An admin can't change another admin's password.");
    }

    /// <summary>Sessions opened before now stop working (see <see cref="PasswordChange"/>), their sockets too once committed.</summary>
    async Task EndSessions(Guid personId, CancellationToken ct)
    {
        db.UncommittedEvents.AfterCommit(new Realtime.AccessEnded(personId, null));
        var change = await db.PasswordChanges.FindAsync([personId], ct);
        if (change is null) db.PasswordChanges.Add(new PasswordChange { PersonId = personId, ChangedAt = Clock.UtcNow() });
        else change.ChangedAt = Clock.UtcNow();
    }

    /// <summary>Zou counts characters (code points), not bytes or UTF-16 units.</summary>
    public void CheckPassword(string password)
    {
        if (TooShort(password)) throw new WrongParameterException("Password is too short.");
    }

    bool TooShort(string password) => password.EnumerateRunes().Count() < settings.MinPasswordLength;

    /// <summary>Bots may share a human's e-mail; humans may not share one.</summary>
    public Task<Person?> FindByEmail(string email, CancellationToken ct = default) =>
        db.Persons.FirstOrDefaultAsync(p => p.Email == email && !p.IsBot, ct);

    /// <summary>Humans may not share an e-mail (bots may share a human's).</summary>
    public async Task CheckEmailFree(string email, Guid? exceptPersonId, CancellationToken ct = default)
    {
        if (await db.Persons.AnyAsync(p => p.Email == email && !p.IsBot && (exceptPersonId == null || p.Id != exceptPersonId.Value), ct))
            throw new WrongParameterException("Email already in use.");
    }

    /// <summary>
    /// One plain address whose domain has a dot, as Zou's validator (email-validator) requires,
    /// refused with that validator's words for the usual mistakes; returns it as it is stored:
    /// trimmed and in lower case.
    /// </summary>
    public static string CheckEmail(string email)
    {
        email = email.Trim().ToLowerInvariant();
        var at = email.LastIndexOf('@');
        var problem =
            at < 0 ? "An email address must have an @-sign."
            : at == 0 ? "There must be something before the @-sign."
            : at == email.Length - 1 ? "There must be something after the @-sign."
            : !email[(at + 1)..].Contains('.') ? "The part after the @-sign is not valid. It should have a period."
            : !MailAddress.TryCreate(email, out var address) || address.Address != email ? "The email address is not valid."
            : null;
        return problem is null ? email : throw new WrongParameterException(problem);
    }

    /// <summary>Active humans who are not guests count toward USER_LIMIT.</summary>
    public async Task<bool> UserLimitReached(CancellationToken ct = default) =>
        await db.Persons.CountAsync(p => p.Active == true && !p.IsBot && !p.IsGuest, ct) >= settings.UserLimit;

    /// <summary>Before a new active human: "User limit reached." with the limit in "data", as Zou answers.</summary>
    public async Task CheckUserLimit(CancellationToken ct = default)
    {
        if (await UserLimitReached(ct))
            throw new WrongParameterException("User limit reached.", new JsonObject { ["limit"] = settings.UserLimit });
    }
}
