using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// The admins' listings of what hangs from a project's tasks (behavior-production.md §3.8, Zou's
/// ProjectNotifications, ProjectSubscriptions and ProjectPreviewFiles resources): mainly for
/// synchronising instances. A fixed number of queries each.
/// </summary>
public sealed class ProjectTaskDataService(SlateDb db, Permissions permissions, ZouSerializer serializer, Settings settings, EntityService entities)
{
    async Task<IQueryable<Guid?>> TaskIdsAsync(string projectId)
    {
        permissions.CheckAdmin();
        var id = await entities.ProjectAsync(projectId);
        return db.Tasks.Where(t => t.ProjectId == id).Select(t => (Guid?)t.Id);
    }

    /// <summary>The notifications about the project's tasks, last updated first, paged on request.</summary>
    public async Task<JsonNode> NotificationsAsync(string projectId, IQueryCollection query)
    {
        var tasks = await TaskIdsAsync(projectId);
        var rows = db.Notifications.AsNoTracking().Where(n => tasks.Contains(n.TaskId)).OrderByDescending(n => n.UpdatedAt).ThenBy(n => n.Id);
        return await Pages.ReadAsync(rows, query, settings.RecordsPerPage, list => serializer.RowsAsync(list));
    }

    /// <summary>The subscriptions to the project's tasks (not the sequence-wide ones).</summary>
    public async Task<JsonArray> SubscriptionsAsync(string projectId)
    {
        var tasks = await TaskIdsAsync(projectId);
        return await serializer.RowsAsync(await db.Subscriptions.AsNoTracking().Where(s => tasks.Contains(s.TaskId)).ToListAsync());
    }

    /// <summary>The previews of the project's tasks, last updated first, paged on request.</summary>
    public async Task<JsonNode> PreviewFilesAsync(string projectId, IQueryCollection query)
    {
        var tasks = await TaskIdsAsync(projectId);
        var rows = db.PreviewFiles.AsNoTracking().Where(p => tasks.Contains(p.TaskId)).OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id);
        return await Pages.ReadAsync(rows, query, settings.RecordsPerPage, list => serializer.RowsAsync(list));
    }
}
