using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Task statuses: reference data (all read, admins write). Making a status the default takes the
/// flag from the previous default of the same kind (concept statuses have their own default), so
/// new tasks have one status to start on. A status still in use is not deleted.
/// </summary>
public sealed class TaskStatusesCollection : ReferenceCollection<ProductionTaskStatus>
{
    public override Task BeforeCreateAsync(ProductionTaskStatus row, JsonObject body, CrudContext c) =>
        row.IsDefault == true ? ClearOtherDefaultsAsync(row.Id, row.ForConcept ?? false, c) : Task.CompletedTask;

    public override Task BeforeUpdateAsync(ProductionTaskStatus row, JsonObject body, CrudContext c) =>
        Flag(body, "is_default") == true
            ? ClearOtherDefaultsAsync(row.Id, Flag(body, "for_concept") ?? row.ForConcept ?? false, c)
            : Task.CompletedTask;

    static async Task ClearOtherDefaultsAsync(Guid id, bool forConcept, CrudContext c)
    {
        var defaults = await c.Db.TaskStatuses
            .Where(s => s.IsDefault == true && (s.ForConcept ?? false) == forConcept && s.Id != id)
            .ToListAsync();
        foreach (var status in defaults) status.IsDefault = false;
    }

    /// <summary>A boolean body value; null when absent or unreadable (the binder refuses the latter).</summary>
    static bool? Flag(JsonObject body, string key)
    {
        try
        {
            return Values.FromJson(body[key], typeof(bool)) as bool?;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override async Task DeleteAsync(ProductionTaskStatus row, bool force, CrudContext c)
    {
        var users = new List<string>();
        if (await c.Db.Tasks.AnyAsync(t => t.TaskStatusId == row.Id)) users.Add("tasks");
        if (await c.Db.Comments.AnyAsync(t => t.TaskStatusId == row.Id)) users.Add("comments");
        if (await c.Db.ProjectTaskStatusLinks.AnyAsync(l => l.TaskStatusId == row.Id)) users.Add("projects");
        if (users.Count > 0)
            throw new WrongParameterException(
                $"Task status is still used by {string.Join(" and ", users)}: it cannot be deleted.");
        c.Db.Remove(row);
    }
}
