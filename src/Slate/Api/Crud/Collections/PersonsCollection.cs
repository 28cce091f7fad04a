using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// persons (behavior-platform.md §1.3, §2.10, §2.11, §4.9): everyone lists and reads people, in
/// the safe form for admins (and managers reading one) and the minimal form otherwise; admins
/// create and delete, and a person may change their own profile but not what the studio decides
/// (role, activity, departments, pay...). Bots get an API token on creation, and a new one (the
/// old one dying) whenever their expiration date is sent. Secrets never leave and never come in.
/// </summary>
public sealed partial class PersonsCollection : CrudCollection<Person>
{
    const string AccessToken = "access_token";

    /// <summary>
    /// Never taken from a body: passwords have their own routes (and are hashed, on creation, by
    /// <see cref="BeforeCreateAsync"/>); token ids and second factors change only through the
    /// authentication routes, so no body can plant a known TOTP secret or switch a factor off.
    /// </summary>
    static readonly HashSet<string> NeverFromBody =
    [
        "password", "jti", "totp_enabled", "totp_secret", "email_otp_enabled", "email_otp_secret",
        "fido_enabled", "fido_credentials", "otp_recovery_codes", "preferred_two_factor_authentication",
    ];

    /// <summary>
    /// What only an admin changes on a person. Zou's list, plus pay, position, contract and guest
    /// status, which Zou lets people set on themselves.
    /// </summary>
    static readonly string[] AdminOnlyFields =
    [
        "role", "departments", "active", "is_bot", "archived", "login_failed_attemps", "last_login_failed",
        "is_generated_from_ldap", "ldap_uid", "last_presence", "studio_id",
        "daily_salary", "position", "seniority", "contract_type", "is_guest",
    ];

    /// <summary>What non-admins may filter on: what the minimal form shows, plus e-mail lookups.</summary>
    static readonly HashSet<string> OpenFilters = [.. Presentations.PersonMinimalKeys, "email"];

    public override IReadOnlySet<string> ProtectedOnCreate { get; } = NeverFromBody;
    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = NeverFromBody;

    static Accounts AccountsOf(CrudContext c) => c.Services.GetRequiredService<Accounts>();

    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;
    public override Task CheckReadAsync(Person row, CrudContext c) => Task.CompletedTask;

    public override bool MayFilterOn(string column, CrudContext c) =>
        !Presentations.PersonSecrets.Contains(column) && (c.Permissions.IsAdmin || OpenFilters.Contains(column));

    /// <summary>Zou's hybrid full_name: "first last", or whichever part is not empty.</summary>
    public override IQueryable<Person>? ExtraFilter(IQueryable<Person> rows, string key, string value, CrudContext c) =>
        key != "full_name" ? null : rows.Where(p =>
            p.FirstName != "" && p.LastName != "" && p.FirstName + " " + p.LastName == value
            || (p.FirstName == "" || p.LastName == "") && p.FirstName + p.LastName == value);

    public override async Task CheckCreateAsync(JsonObject body, CrudContext c)
    {
        c.Permissions.CheckAdmin();
        if (Body.Flag(body, "is_bot") != true && Body.Flag(body, "active") != false) await AccountsOf(c).CheckUserLimit();
        await ValidateAsync(body, null, c);
    }

    public override Task BeforeCreateAsync(Person row, JsonObject body, CrudContext c)
    {
        if (body["password"] is { } password)
            AccountsOf(c).SetPassword(row, password is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.Format }));
        AccountsOf(c).ApplyDefaults(row);
        if (row.IsBot) row.Jti = GiveApiToken(row.Id, isBot: true, row.ExpirationDate, c);
        return Task.CompletedTask;
    }

    public override Task CheckUpdateAsync(Person row, JsonObject body, CrudContext c)
    {
        if (row.Id != c.User.Id) c.Permissions.CheckAdmin();
        return Task.CompletedTask;
    }

    public override async Task BeforeUpdateAsync(Person row, JsonObject body, CrudContext c)
    {
        var accounts = AccountsOf(c);
        if (row.Active != true && Body.Flag(body, "active") == true && !row.IsBot && Body.Flag(body, "is_bot") != true
            && await accounts.UserLimitReached())
            throw new WrongParameterException("User limit reached.");
        if (accounts.IsProtected(row) && row.Id != c.User.Id)
        {
            if (Body.Flag(body, "active") == false)
                throw new PermissionDeniedException("Can't set this person as inactive it's a protected account.");
            if (body["role"] is not null && Body.Text(body, "role") != row.Role)
                throw new PermissionDeniedException("Can't change the role of this person it's a protected account.");
        }
        if (!c.Permissions.IsAdmin)
        {
            foreach (var field in AdminOnlyFields) body.Remove(field);
            // A bot may not extend its own token.
            if (!c.User.IsPerson) body.Remove("expiration_date");
        }
        await ValidateAsync(body, row, c);
        if (body.ContainsKey("expiration_date")) RenewApiToken(row, body, c);
    }

    /// <summary>
    /// Sending an expiration date (not a past one) renews the API token, valid until that day
    /// ends: a bot's token goes to the admin who set it up, a human's only to that human. When an
    /// admin changes a human's date, the human's current API token is revoked and none is minted.
    /// </summary>
    static void RenewApiToken(Person row, JsonObject body, CrudContext c)
    {
        var expiration = ExpirationDate(body);
        if (expiration is { } date && date < Today()) return; // an already-expired date kept as is
        var isBot = Body.Flag(body, "is_bot") ?? row.IsBot;
        // The old token dies with its jti: so do the sockets opened with it, once committed.
        if (row.Jti is { } old) c.Db.UncommittedEvents.AfterCommit(new Realtime.AccessEnded(row.Id, old));
        row.Jti = isBot || row.Id == c.User.Id ? GiveApiToken(row.Id, isBot, expiration, c) : null;
    }

    /// <summary>
    /// A token that lives while the person row holds the jti returned (and until the end of the
    /// expiration date, if any); the answer carries it.
    /// </summary>
    static string GiveApiToken(Guid personId, bool isBot, DateOnly? expiration, CrudContext c)
    {
        TimeSpan? lifetime = expiration is { } date ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) - Clock.UtcNow() : null;
        var (token, jti) = c.Services.GetRequiredService<Tokens>()
            .Issue(personId, Tokens.Access, isBot ? "bot" : "person_api", lifetime);
        c.Items[AccessToken] = token;
        return jti;
    }

    /// <summary>
    /// Zou's checks of a person's values, on creation (<paramref name="current"/> null) and update;
    /// e-mail, country and locale are normalized in the body.
    /// </summary>
    static async Task ValidateAsync(JsonObject body, Person? current, CrudContext c)
    {
        Body.CheckChoice(body, "role", PersonChoices.Roles, "Invalid role");
        Body.CheckChoice(body, "contract_type", PersonChoices.ContractTypes, "Invalid contract_type");
        Body.CheckChoice(body, "position", PersonChoices.Positions, "Invalid position", nullable: true);
        Body.CheckChoice(body, "seniority", PersonChoices.Seniorities, "Invalid seniority", nullable: true);
        Body.CheckChoice(body, "display_date_format", PersonChoices.DisplayDateFormats,
            $"Invalid display_date_format, expected one of: {string.Join(", ", PersonChoices.DisplayDateFormats)}.", nullable: true);
        Normalize(body, "country", Country, "Invalid country code, expected an ISO 3166-1 alpha-2 code.");
        Normalize(body, "locale", Locale, "Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR).");
        Normalize(body, "timezone", Timezone, "Invalid timezone, expected a name of the IANA time zone database (e.g. Europe/Paris).");

        if (body.ContainsKey("expiration_date") && ExpirationDate(body) is { } date && date != current?.ExpirationDate && date < Today())
            throw new WrongParameterException("Expiration date can't be in the past.");

        if (body.ContainsKey("email"))
        {
            var email = Accounts.CheckEmail(Body.Text(body, "email") ?? "");
            body["email"] = email;
            if (!(Body.Flag(body, "is_bot") ?? current?.IsBot ?? false))
                await AccountsOf(c).CheckEmailFree(email, current?.Id);
        }
    }

    /// <summary>Replaces the body's value by its normal form; null and "" mean none.</summary>
    static void Normalize(JsonObject body, string key, Func<string, string?> normal, string message)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null) return;
        if (Body.Text(body, key) is not { } text) throw new WrongParameterException(message);
        body[key] = text.Trim().Length == 0 ? null : normal(text.Trim()) ?? throw new WrongParameterException(message);
    }

    static string? Country(string code) =>
        code.Length == 2 && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;

    /// <summary>language[_Script][_TERRITORY], at most 10 characters (the column's width).</summary>
    static string? Locale(string name) => name.Length <= 10 && LocalePattern().IsMatch(name) ? name : null;

    [GeneratedRegex("^[a-z]{2,3}(_[a-z]{4})?(_([a-z]{2}|[0-9]{3}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalePattern();

    static string? Timezone(string name) => TimeZoneInfo.TryFindSystemTimeZoneById(name, out _) ? name : null;

    /// <summary>The body's expiration date: null to clear it; only YYYY-MM-DD, as Zou reads it.</summary>
    static DateOnly? ExpirationDate(JsonObject body)
    {
        if (body["expiration_date"] is null) return null;
        return Body.Text(body, "expiration_date") is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new WrongParameterException("Expiration date is not valid.");
    }

    static DateOnly Today() => DateOnly.FromDateTime(Clock.UtcNow());

    /// <summary>A deactivated or deleted person's sockets close once the change is committed.</summary>
    public override async Task EmitAsync(Person row, string verb, CrudContext c)
    {
        await base.EmitAsync(row, verb, c);
        if (verb == "delete" || verb == "update" && row.Active == false)
            c.Db.UncommittedEvents.AfterCommit(new Realtime.AccessEnded(row.Id, null));
    }

    public override Task CheckDeleteAsync(Person row, CrudContext c)
    {
        if (row.Id == c.User.Id) throw new PermissionDeniedException();
        c.Permissions.CheckAdmin();
        if (AccountsOf(c).IsProtected(row))
            throw new PermissionDeniedException("Can't delete this person it's a protected account.");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The person goes with their department links. Without force, anything else still pointing
    /// at them refuses the deletion; with force, what Zou removes or detaches goes first.
    /// </summary>
    public override async Task DeleteAsync(Person row, bool force, CrudContext c)
    {
        c.Db.RemoveRange(await c.Db.DepartmentLinks.Where(l => l.PersonId == row.Id).ToListAsync());
        if (force) await ReleaseAsync(row.Id, c);
        c.Db.Remove(row);
        if (await References.RemainAsync(c.Db, row))
            throw new BadRequestException("Some data are still linked to given person.");
    }

    /// <summary>
    /// Zou's forced removal: the person's comments (with their notifications, news, links and
    /// attachments), notifications, events, logs, filters, subscriptions and time spents go; teams,
    /// assignments, acknowledgements and file authorship let go of them.
    /// </summary>
    static async Task ReleaseAsync(Guid id, CrudContext c)
    {
        var db = c.Db;
        var comments = await db.Comments.Where(x => x.PersonId == id).ToListAsync();
        var commentIds = comments.Select(x => x.Id).ToList();
        db.RemoveRange(await db.Notifications
            .Where(n => n.PersonId == id || n.AuthorId == id || n.CommentId != null && commentIds.Contains(n.CommentId.Value)).ToListAsync());
        db.RemoveRange(await db.News.Where(n => n.CommentId != null && commentIds.Contains(n.CommentId.Value)).ToListAsync());
        db.RemoveRange(await db.CommentMentions.Where(l => commentIds.Contains(l.Comment)).ToListAsync());
        db.RemoveRange(await db.CommentDepartmentMentions.Where(l => commentIds.Contains(l.Comment)).ToListAsync());
        db.RemoveRange(await db.CommentAcknowledgments.Where(l => commentIds.Contains(l.Comment) || l.Person == id).ToListAsync());
        db.RemoveRange(await db.CommentPreviewLinks.Where(l => commentIds.Contains(l.Comment)).ToListAsync());
        db.RemoveRange(await db.AttachmentFiles.Where(a => a.CommentId != null && commentIds.Contains(a.CommentId.Value)).ToListAsync());
        db.RemoveRange(comments);
        var taskIds = comments.Select(x => x.ObjectId).Distinct().ToList();
        var projects = await db.Tasks.Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.ProjectId);
        foreach (var comment in comments)
            c.Events.Emit("comment:delete", new JsonObject { ["comment_id"] = ZouSerializer.Uuid(comment.Id) },
                projects.GetValueOrDefault(comment.ObjectId));

        db.RemoveRange(await db.ApiEvents.Where(e => e.UserId == id).ToListAsync());
        db.RemoveRange(await db.SearchFilters.Where(f => f.PersonId == id).ToListAsync());
        db.RemoveRange(await db.SearchFilterGroups.Where(g => g.PersonId == id).ToListAsync());
        db.RemoveRange(await db.DesktopLoginLogs.Where(l => l.PersonId == id).ToListAsync());
        db.RemoveRange(await db.LoginLogs.Where(l => l.PersonId == id).ToListAsync());
        db.RemoveRange(await db.Subscriptions.Where(s => s.PersonId == id).ToListAsync());
        db.RemoveRange(await db.ProjectPersonLinks.Where(l => l.PersonId == id).ToListAsync());
        db.RemoveRange(await db.TaskPersonLinks.Where(l => l.PersonId == id).ToListAsync());
        var timeSpents = await db.TimeSpents.Where(t => t.PersonId == id).ToListAsync();
        db.RemoveRange(timeSpents);
        await TaskDurations.RecomputeAsync(c, timeSpents.Select(t => t.TaskId));

        foreach (var task in await db.Tasks.Where(t => t.AssignerId == id).ToListAsync()) task.AssignerId = null;
        foreach (var file in await db.OutputFiles.Where(f => f.PersonId == id).ToListAsync()) file.PersonId = null;
        foreach (var file in await db.WorkingFiles.Where(f => f.PersonId == id).ToListAsync()) file.PersonId = null;
        foreach (var file in await db.PreviewFiles.Where(f => f.PersonId == id).ToListAsync()) file.PersonId = null;
    }

    /// <summary>
    /// Lists: safe rows for admins, minimal ones for everyone else; one person: safe for admins
    /// and managers (without the salary, for admins only). Creations and updates (admins, or
    /// oneself) answer the safe form; an update
    /// adds the departments, and a minted token comes along as access_token.
    /// </summary>
    public override async Task<List<JsonObject>> PresentAsync(IReadOnlyList<Person> rows, List<JsonObject> json, CrudContext c)
    {
        var safe = c.Permissions.IsAdmin || c.Action is CrudAction.Create or CrudAction.Update
            || c.Action == CrudAction.Get && c.Permissions.GlobalRole == "manager";
        if (!safe) return json.Select(Presentations.MinimalPerson).ToList();
        var withSalary = c.Permissions.IsAdmin || c.Action != CrudAction.Get;
        json.ForEach(person => Presentations.SafePerson(person, withSalary));
        if (c.Action == CrudAction.Update)
            json[0]["departments"] = new JsonArray([.. (await c.Db.DepartmentLinks.AsNoTracking()
                .Where(l => l.PersonId == rows[0].Id).Select(l => l.DepartmentId).ToListAsync())
                .Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
        if (c.Items.TryGetValue(AccessToken, out var token)) json[0][AccessToken] = (string)token;
        return json;
    }
}
