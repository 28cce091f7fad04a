using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.EventLog;

/// <summary>
/// Zou's events blueprint (behavior-services.md §1.8): the api_event log read newest first with
/// filters and a cursor, the names in use, and the login log. Managers read the events of their
/// projects, admins everything; the login log carries IP addresses, so it is for admins only.
/// </summary>
public sealed partial class EventsService(SlateDb db, Permissions permissions)
{
    /// <summary>The events a file-sync client needs: the ones that bring a new file.</summary>
    static readonly string[] FileEventNames = ["preview-file:add-file", "organisation:set-thumbnail", "person:set-thumbnail", "project:set-thumbnail"];

    const int DefaultLimit = 100;
    const int MaxLimit = 1000;

    public async Task<JsonArray> LastEventsAsync(IQueryCollection query)
    {
        var projectId = QueryArgs.Text(query, "project_id") is { } projectText
            ? ValidId(projectText, "The project_id parameter is not a valid id")
            : (Guid?)null;
        // Checked before any other parameter, so a caller without the right gets a denial, not a
        // validation error. A project's manager passes for that project; an unknown project is a
        // denial too: the caller may not learn whether it exists.
        var manager = permissions.GlobalRole is "admin" or "manager"
            || (projectId is { } asked && await permissions.IsManagerOfAsync(asked));
        if (!manager) throw new PermissionDeniedException();

        var limit = Limit(query);
        var events = db.ApiEvents.AsNoTracking();
        if (Date(query, "after") is { } after) events = events.Where(e => e.CreatedAt > after);
        if (Date(query, "before") is { } before) events = events.Where(e => e.CreatedAt < before);
        var cursorText = QueryArgs.Text(query, "cursor_event_id");
        var cursorId = cursorText is null ? (Guid?)null : ValidId(cursorText, "The cursor_event_id parameter is not a valid id");
        if (query["only_files"] == "true") events = events.Where(e => FileEventNames.Contains(e.Name));
        if (projectId is { } project) events = events.Where(e => e.ProjectId == project);
        // Non-admins see their projects only, which leaves out the events without a project.
        if (!permissions.IsAdmin)
        {
            var team = await permissions.TeamProjectIdsAsync();
            if (projectId is { } own && !team.Contains(own)) throw new PermissionDeniedException();
            events = events.Where(e => e.ProjectId != null && team.Contains(e.ProjectId.Value));
        }
        var persons = PersonIds(query);
        if (persons.Count > 0) events = events.Where(e => e.UserId != null && persons.Contains(e.UserId.Value));
        if (QueryArgs.Text(query, "name") is { } name) events = events.Where(e => e.Name == name);
        // Names are "<object>:<action>": an object filter is a prefix, an action filter a suffix.
        var prefixes = NameParts(query, "name_prefixes").Select(p => p + ":").ToList();
        if (prefixes.Count > 0) events = events.Where(AnyName(prefixes, starts: true));
        var suffixes = NameParts(query, "name_suffixes").Select(s => ":" + s).ToList();
        if (suffixes.Count > 0) events = events.Where(AnyName(suffixes, starts: false));
        if (cursorId is { } cursor)
        {
            var older = await db.ApiEvents.AsNoTracking().Where(e => e.Id == cursor).Select(e => e.CreatedAt).ToListAsync();
            if (older.Count == 0) throw new WrongParameterException($"No event found with id: {cursorText}");
            events = events.Where(e => e.CreatedAt < older[0]);
        }

        var rows = await events.OrderByDescending(e => e.CreatedAt).Take(limit).ToListAsync();
        return new JsonArray(rows.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(e.Id),
            ["created_at"] = ZouSerializer.Value(e.CreatedAt),
            ["name"] = e.Name,
            ["user_id"] = ZouSerializer.Value(e.UserId),
            ["project_id"] = ZouSerializer.Value(e.ProjectId),
            ["data"] = e.Data?.DeepClone(),
        }).ToArray());
    }

    /// <summary>Every event name in the log, sorted: the vocabulary of the log's filters, not scoped to projects.</summary>
    public async Task<JsonArray> NamesAsync()
    {
        if (permissions.GlobalRole is not ("admin" or "manager")) throw new PermissionDeniedException();
        var names = await db.ApiEvents.AsNoTracking().Select(e => e.Name).Distinct().ToListAsync();
        return new JsonArray(names.Order(StringComparer.Ordinal).Select(n => (JsonNode)n).ToArray());
    }

    public async Task<JsonArray> LastLoginLogsAsync(IQueryCollection query)
    {
        permissions.User.CheckAdmin();
        var limit = Limit(query);
        var logs = db.LoginLogs.AsNoTracking();
        var persons = PersonIds(query);
        if (persons.Count > 0) logs = logs.Where(l => persons.Contains(l.PersonId));
        if (Date(query, "after") is { } after) logs = logs.Where(l => l.CreatedAt > after);
        if (Date(query, "before") is { } before) logs = logs.Where(l => l.CreatedAt < before);
        if (QueryArgs.Text(query, "cursor_login_log_id") is { } cursorText)
        {
            var cursor = ValidId(cursorText, "The cursor_login_log_id parameter is not a valid id");
            var older = await db.LoginLogs.AsNoTracking().Where(l => l.Id == cursor).Select(l => l.CreatedAt).ToListAsync();
            if (older.Count == 0) throw new WrongParameterException($"No login log found with id: {cursorText}");
            logs = logs.Where(l => l.CreatedAt < older[0]);
        }

        var rows = await logs.OrderByDescending(l => l.CreatedAt).Take(limit).ToListAsync();
        return new JsonArray(rows.Select(l => (JsonNode)new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(l.Id),
            ["created_at"] = ZouSerializer.Value(l.CreatedAt),
            ["ip_address"] = l.IpAddress,
            ["person_id"] = ZouSerializer.Uuid(l.PersonId),
            ["origin"] = l.Origin,
        }).ToArray());
    }

    static int Limit(IQueryCollection query) => Math.Min(QueryArgs.Limit(query) ?? DefaultLimit, MaxLimit);

    static Guid ValidId(string text, string message) => Values.TryUuid(text, out var id) ? id : throw new WrongParameterException(message);

    /// <summary>A date bound as Zou's parse_date_parameter reads it: a datetime to the second or a day; its message names "before" for both.</summary>
    static DateTime? Date(IQueryCollection query, string key) => QueryArgs.Text(query, key) is not { } text ? null
        : DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new WrongParameterException("Wrong date format for before argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05");

    static List<Guid> PersonIds(IQueryCollection query) =>
        [.. query["person_ids"].Select(text => ValidId(text ?? "", "The person_ids parameter contains an invalid id"))];

    /// <summary>Object or action words of a name filter: lower-case words, digits and dashes only, so they cannot carry LIKE wildcards.</summary>
    static List<string> NameParts(IQueryCollection query, string key) =>
        [.. query[key].Select(part => NamePart().IsMatch(part ?? "") ? part! : throw new WrongParameterException($"The {key} parameter contains an invalid value"))];

    /// <summary>name starts with (or ends with) any of the parts, OR'ed, as one SQL condition.</summary>
    static Expression<Func<ApiEvent, bool>> AnyName(List<string> parts, bool starts)
    {
        var row = Expression.Parameter(typeof(ApiEvent), "e");
        var name = Expression.Property(row, nameof(ApiEvent.Name));
        var method = typeof(string).GetMethod(starts ? nameof(string.StartsWith) : nameof(string.EndsWith), [typeof(string)])!;
        var any = parts.Select(p => (Expression)Expression.Call(name, method, Expression.Constant(p)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<ApiEvent, bool>>(any, row);
    }

    [GeneratedRegex(@"\A[a-z0-9-]+\z")]
    private static partial Regex NamePart();
}
