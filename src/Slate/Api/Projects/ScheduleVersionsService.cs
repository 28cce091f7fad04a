using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// Production schedule versions (behavior-production.md §8.2): a version plans each task of its
/// project (dates, estimation, assignees) apart from the tasks themselves. Its links are read by
/// the project's team but vendors and clients; filled from the production or from another
/// version, and written back onto the tasks, by the project's managers. Each bulk change is a few
/// set-based statements and one save in one transaction, whatever the number of tasks.
/// </summary>
public sealed class ScheduleVersionsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer)
{
    /// <summary>What a link copies from its source: a task's planning.</summary>
    sealed class Planning
    {
        public Guid TaskId { get; init; }
        public DateTime? StartDate { get; init; }
        public DateTime? DueDate { get; init; }
        public double? Estimation { get; init; }
    }

    /// <summary>A person a link's source assigns to the task.</summary>
    sealed class Assignee
    {
        public Guid TaskId { get; init; }
        public Guid PersonId { get; init; }
    }

    /// <summary>The version's task links (of one task type when given), with their assignees when ?relations=true.</summary>
    public async Task<JsonArray> TaskLinksAsync(string versionId, string? taskTypeId, string? relations)
    {
        var version = await VersionAsync(versionId);
        await permissions.CheckProjectStaffAsync(version.ProjectId);
        var links = Links(version.Id).AsNoTracking();
        if (taskTypeId is not null)
        {
            var taskType = ProjectsService.ArgumentId(taskTypeId);
            links = links.Where(l => db.Tasks.Any(t => t.Id == l.TaskId && t.TaskTypeId == taskType));
        }
        var rows = await links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).ToListAsync();
        return await serializer.RowsAsync(rows, relations: string.Equals(relations, "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A link for every task of the project, holding the task's dates, estimation and assignees
    /// (existing links are refreshed): {"success": true, "task_link_count": n}.
    /// </summary>
    public async Task<JsonObject> SetTaskLinksFromProductionAsync(string versionId)
    {
        var version = await VersionAsync(versionId);
        await permissions.CheckManagerOfAsync(version.ProjectId);
        var tasks = db.Tasks.Where(t => t.ProjectId == version.ProjectId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var count = await CopyAsync(version.Id,
            tasks.Select(t => new Planning { TaskId = t.Id, StartDate = t.StartDate, DueDate = t.DueDate, Estimation = t.Estimation }),
            db.TaskPersonLinks.Where(a => tasks.Any(t => t.Id == a.TaskId)).Select(a => new Assignee { TaskId = a.TaskId, PersonId = a.PersonId }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new JsonObject { ["success"] = true, ["task_link_count"] = count };
    }

    /// <summary>
    /// Copies the links of another version of the same project (400 for itself or another
    /// project's) and records where the version comes from: {"success": true, "task_link_count": n}.
    /// </summary>
    public async Task<JsonObject> SetTaskLinksFromVersionAsync(string versionId, JsonObject body)
    {
        var version = await VersionAsync(versionId, tracked: true);
        await permissions.CheckManagerOfAsync(version.ProjectId);
        var source = await VersionAsync(RequestBody.RequiredText(body, "production_schedule_version_id"));
        if (source.ProjectId != version.ProjectId)
            throw new WrongParameterException("Production schedule versions must belong to the same project.");
        if (source.Id == version.Id)
            throw new WrongParameterException("A production schedule version cannot be copied onto itself.");

        var sourceLinks = Links(source.Id);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var count = await CopyAsync(version.Id,
            sourceLinks.Select(l => new Planning { TaskId = l.TaskId, StartDate = l.StartDate, DueDate = l.DueDate, Estimation = l.Estimation }),
            db.ProductionScheduleVersionTaskLinkPersonLinks
                .Join(sourceLinks, a => a.ProductionScheduleVersionTaskLinkId, l => l.Id, (a, l) => new Assignee { TaskId = l.TaskId, PersonId = a.PersonId }));
        version.ProductionScheduleFrom = source.Id;
        Updated(version);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new JsonObject { ["success"] = true, ["task_link_count"] = count };
    }

    /// <summary>
    /// Writes each link's dates and estimation onto its task (not the assignees), locks the version
    /// and makes it the project's: {"success": true, "task_count": n}, a task:update per task.
    /// </summary>
    public async Task<JsonObject> ApplyToProductionAsync(string versionId)
    {
        var version = await VersionAsync(versionId, tracked: true);
        await permissions.CheckManagerOfAsync(version.ProjectId);
        var links = Links(version.Id);
        var tasks = db.Tasks.Where(t => t.ProjectId == version.ProjectId && links.Any(l => l.TaskId == t.Id));
        var project = await db.Projects.FirstAsync(p => p.Id == version.ProjectId);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var taskIds = await tasks.Select(t => t.Id).ToListAsync();
        var now = Clock.UtcNow();
        await tasks.ExecuteUpdateAsync(u => u
            .SetProperty(t => t.StartDate, t => links.Where(l => l.TaskId == t.Id).Select(l => l.StartDate).FirstOrDefault())
            .SetProperty(t => t.DueDate, t => links.Where(l => l.TaskId == t.Id).Select(l => l.DueDate).FirstOrDefault())
            .SetProperty(t => t.Estimation, t => links.Where(l => l.TaskId == t.Id).Select(l => l.Estimation).FirstOrDefault())
            .SetProperty(t => t.UpdatedAt, now));
        foreach (var taskId in taskIds)
            events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(taskId) }, version.ProjectId);
        version.Locked = true;
        Updated(version);
        project.FromScheduleVersionId = version.Id;
        events.Emit("project:update", new JsonObject(), project.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new JsonObject { ["success"] = true, ["task_count"] = taskIds.Count };
    }

    IQueryable<ProductionScheduleVersionTaskLink> Links(Guid versionId) =>
        db.ProductionScheduleVersionTaskLinks.Where(l => l.ProductionScheduleVersionId == versionId);

    /// <summary>A version by id; 404 for an unknown or malformed one (Zou's lookup).</summary>
    async Task<ProductionScheduleVersion> VersionAsync(string versionId, bool tracked = false)
    {
        if (!Api.Crud.Values.TryUuid(versionId, out var id)) throw new NotFoundException();
        var versions = tracked ? db.ProductionScheduleVersions : db.ProductionScheduleVersions.AsNoTracking();
        return await versions.FirstOrDefaultAsync(v => v.Id == id) ?? throw new NotFoundException();
    }

    void Updated(ProductionScheduleVersion version)
    {
        version.UpdatedAt = Clock.UtcNow();
        events.Emit("production_schedule_version:update",
            new JsonObject { ["production_schedule_version_id"] = ZouSerializer.Uuid(version.Id) }, version.ProjectId);
    }

    /// <summary>
    /// Upserts the version's link of each planned task (existing ones updated in one statement,
    /// missing ones added to the unit of work) and replaces those links' assignees with the
    /// source's. Returns how many links were written.
    /// </summary>
    async Task<int> CopyAsync(Guid versionId, IQueryable<Planning> planning, IQueryable<Assignee> assignees)
    {
        var targets = Links(versionId);
        var now = Clock.UtcNow();
        var refreshed = await targets.Where(l => planning.Any(p => p.TaskId == l.TaskId)).ExecuteUpdateAsync(u => u
            .SetProperty(l => l.StartDate, l => planning.Where(p => p.TaskId == l.TaskId).Select(p => p.StartDate).FirstOrDefault())
            .SetProperty(l => l.DueDate, l => planning.Where(p => p.TaskId == l.TaskId).Select(p => p.DueDate).FirstOrDefault())
            .SetProperty(l => l.Estimation, l => planning.Where(p => p.TaskId == l.TaskId).Select(p => p.Estimation).FirstOrDefault())
            .SetProperty(l => l.UpdatedAt, now));
        var added = await planning.Where(p => !targets.Any(l => l.TaskId == p.TaskId)).ToListAsync();
        db.ProductionScheduleVersionTaskLinks.AddRange(added.Select(p => new ProductionScheduleVersionTaskLink
        {
            ProductionScheduleVersionId = versionId, TaskId = p.TaskId, StartDate = p.StartDate, DueDate = p.DueDate, Estimation = p.Estimation,
        }));

        await db.ProductionScheduleVersionTaskLinkPersonLinks
            .Where(a => targets.Any(l => l.Id == a.ProductionScheduleVersionTaskLinkId && planning.Any(p => p.TaskId == l.TaskId)))
            .ExecuteDeleteAsync();
        var linkOfTask = (await targets.AsNoTracking().Select(l => new { l.Id, l.TaskId }).ToListAsync()).ToDictionary(l => l.TaskId, l => l.Id);
        foreach (var link in db.ProductionScheduleVersionTaskLinks.Local.Where(l => l.ProductionScheduleVersionId == versionId))
            linkOfTask[link.TaskId] = link.Id;
        var people = await assignees.Distinct().ToListAsync();
        db.ProductionScheduleVersionTaskLinkPersonLinks.AddRange(people
            .Where(a => linkOfTask.ContainsKey(a.TaskId))
            .Select(a => new ProductionScheduleVersionTaskLinkPersonLink { ProductionScheduleVersionTaskLinkId = linkOfTask[a.TaskId], PersonId = a.PersonId }));
        return refreshed + added.Count;
    }
}
