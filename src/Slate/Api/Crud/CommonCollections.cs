using System.Text.Json.Nodes;
using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>Studio-wide data only admins see and change (events, news, chats, budgets, plugins...).</summary>
public sealed class AdminCollection<T> : CrudCollection<T> where T : class;

/// <summary>
/// Studio reference data (statuses, types, departments, softwares...): every logged-in person
/// reads it, only admins change it.
/// </summary>
public class ReferenceCollection<T> : CrudCollection<T> where T : class
{
    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;
    public override Task CheckReadAsync(T row, CrudContext c) => Task.CompletedTask;
}

/// <summary>Read by everyone but vendors, written by admins (custom actions, status automations).</summary>
public class NonVendorListCollection<T> : CrudCollection<T> where T : class
{
    public override Task CheckListAsync(CrudContext c)
    {
        c.Permissions.CheckNotVendor();
        return Task.CompletedTask;
    }
}

/// <summary>Helpers the collections share for reading body values.</summary>
public static class Body
{
    public static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static Guid? Uuid(JsonObject body, string key) =>
        Text(body, key) is { } text && Values.TryUuid(text, out var id) ? id : null;

    /// <summary>An id the request cannot do without: 400 when it is missing or malformed.</summary>
    public static Guid RequiredUuid(JsonObject body, string key) =>
        Uuid(body, key) ?? throw new Http.WrongParameterException($"{key} is required and must be a valid UUID");

    /// <summary>A boolean as the column would read it (true, "yes", 1...); null when absent, false when unreadable.</summary>
    public static bool? Flag(JsonObject body, string key)
    {
        if (!body.TryGetPropertyValue(key, out var node)) return null;
        try
        {
            return Values.FromJson(node, typeof(bool)) as bool? ?? false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>400 with <paramref name="message"/> when the key is sent with a value outside the choices.</summary>
    public static void CheckChoice(JsonObject body, string key, IEnumerable<string> choices, string message, bool nullable = false)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null && nullable) return;
        if (Text(body, key) is not { } value || !choices.Contains(value)) throw new WrongParameterException(message);
    }
}

/// <summary>
/// Rows that belong to a project through their project_id: lists are narrowed for non-admins to
/// the open projects whose team holds them; reading needs team membership, writing the manager
/// role in that project (behavior-platform.md §2.10, "member@P" / "mgr@P").
/// </summary>
public class ProjectScopedCollection<T> : CrudCollection<T> where T : class
{
    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;

    public override Task<IQueryable<T>> NarrowListAsync(IQueryable<T> rows, CrudContext c) => InOpenTeamProjects(rows, c);

    /// <summary>For non-admins, the rows of the open projects whose team holds the caller.</summary>
    public static async Task<IQueryable<T>> InOpenTeamProjects(IQueryable<T> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        var projects = await c.Permissions.OpenTeamProjectIdsAsync();
        return rows.Where(row => projects.Contains(Microsoft.EntityFrameworkCore.EF.Property<Guid>(row, "ProjectId")));
    }

    public override Task CheckReadAsync(T row, CrudContext c) => c.Permissions.CheckProjectAccessAsync(ProjectOf(row));

    public override Task CheckCreateAsync(JsonObject body, CrudContext c) =>
        c.Permissions.CheckManagerOfAsync(Body.Uuid(body, "project_id"));

    public override Task CheckUpdateAsync(T row, JsonObject body, CrudContext c) => c.Permissions.CheckManagerOfAsync(ProjectOf(row));
    public override Task CheckDeleteAsync(T row, CrudContext c) => c.Permissions.CheckManagerOfAsync(ProjectOf(row));
}
