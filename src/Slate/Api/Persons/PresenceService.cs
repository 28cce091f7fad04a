using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Persons;

/// <summary>
/// When people were there: desktop login logs (Kitsu's desktop app posts one at each start), the
/// person's last presence they keep up to date, and the admins' monthly presence sheet.
/// </summary>
public sealed class PresenceService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    /// <summary>A person's login logs, latest first: the person themselves, managers and admins.</summary>
    public async Task<JsonArray> PersonLoginsAsync(string personId)
    {
        if (!IsCaller(personId)) permissions.CheckGlobalManager();
        return await LoginsAsync(await PathPersons.IdAsync(db, personId, refuseBots: false));
    }

    public Task<JsonArray> UserLoginsAsync() => LoginsAsync(permissions.User.Id);

    /// <summary>Logs a desktop login of the person (themselves, or an admin for them) at "date" (now by default).</summary>
    public async Task<JsonObject> AddPersonLoginAsync(string personId, JsonObject body)
    {
        if (!IsCaller(personId)) permissions.CheckAdmin();
        return await AddLoginAsync(await PathPersons.IdAsync(db, personId, refuseBots: false), body);
    }

    public Task<JsonObject> AddUserLoginAsync(JsonObject body) => AddLoginAsync(permissions.User.Id, body);

    /// <summary>
    /// Admins: the presence sheet of a month (YYYY-MM) as CSV rows separated by ";": a header with
    /// the year and each day number, then one row per active person who is not a guest (by first
    /// then last name) with an X on each day they logged in from the desktop app.
    /// </summary>
    public async Task<string> PresenceCsvAsync(string monthDate)
    {
        permissions.CheckAdmin();
        const string invalid = "Invalid month or year.";
        if (!DateOnly.TryParseExact(monthDate, ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            throw new WrongParameterException(invalid);
        var (start, end) = Periods.Month(month.Year.ToString(CultureInfo.InvariantCulture), month.Month.ToString(CultureInfo.InvariantCulture), invalid);
        var (from, to) = (start.ToDateTime(TimeOnly.MinValue), end.ToDateTime(TimeOnly.MinValue));

        var people = db.Persons.AsNoTracking().Where(p => p.Active == true && !p.IsGuest);
        var persons = await people.OrderBy(p => p.FirstName).ThenBy(p => p.LastName).ToListAsync();
        var logins = (await db.DesktopLoginLogs.AsNoTracking()
                .Where(l => l.Date >= from && l.Date < to && people.Select(p => p.Id).Contains(l.PersonId))
                .Select(l => new { l.PersonId, l.Date })
                .ToListAsync())
            .ToLookup(l => l.PersonId, l => l.Date.Day);

        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var csv = new StringBuilder();
        AppendRow(csv, [month.Year.ToString(CultureInfo.InvariantCulture), .. Enumerable.Range(1, days).Select(d => d.ToString(CultureInfo.InvariantCulture))]);
        foreach (var person in persons)
        {
            var row = new string[days + 1];
            row[0] = person.FullName;
            Array.Fill(row, "", 1, days);
            foreach (var day in logins[person.Id]) row[day] = "X";
            AppendRow(csv, row);
        }
        return csv.ToString();
    }

    /// <summary>
    /// The person's last presence: the latest day they logged time or opened a desktop session,
    /// <paramref name="day"/> being the one about to be saved (Zou's update_person_last_presence),
    /// with Zou's person:update event.
    /// </summary>
    public static async Task UpdateLastPresenceAsync(SlateDb db, Events events, Guid personId, DateOnly day)
    {
        var latestSpent = await db.TimeSpents.Where(t => t.PersonId == personId).MaxAsync(t => (DateOnly?)t.Date);
        var latestLogin = await db.DesktopLoginLogs.Where(l => l.PersonId == personId).MaxAsync(l => (DateTime?)l.Date);
        var latest = new[] { day, latestSpent, latestLogin is { } login ? DateOnly.FromDateTime(login) : null }.Max();
        var person = await db.Persons.FindAsync(personId);
        if (person is null) return;
        person.LastPresence = latest;
        events.Emit("person:update", new JsonObject { ["person_id"] = ZouSerializer.Uuid(personId) }, null);
    }


    bool IsCaller(string personId) => Values.TryUuid(personId, out var id) && id == permissions.User.Id;

    async Task<JsonArray> LoginsAsync(Guid person) => await serializer.RowsAsync(await db.DesktopLoginLogs.AsNoTracking()
        .Where(l => l.PersonId == person)
        .OrderByDescending(l => l.Date).ThenByDescending(l => l.CreatedAt)
        .ToListAsync());

    async Task<JsonObject> AddLoginAsync(Guid person, JsonObject body)
    {
        var date = body["date"] switch
        {
            null => Clock.UtcNow(),
            JsonValue value when value.TryGetValue<string>(out var text) && Values.DateTimeValue(text) is { } parsed => parsed,
            _ => throw new ValidationFailedException(("date", "Value error, Wrong date format. Expected: 2020-01-05T13:23:10 or 2020-01-05")),
        };
        var log = new DesktopLoginLog { PersonId = person, Date = date };
        db.DesktopLoginLogs.Add(log);
        await UpdateLastPresenceAsync(db, events, person, DateOnly.FromDateTime(date));
        await db.SaveChangesAsync();
        return await serializer.RowAsync(log);
    }

    /// <summary>One CSV line as Python's csv module writes it (";" separated, quoted when needed, CRLF).</summary>
    static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(';', fields.Select(f => f.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{f.Replace("\"", "\"\"")}\"" : f));
        csv.Append("\r\n");
    }
}
