using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Assets;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// What the caller works on (behavior-production.md §10, Zou's user_service): the asset types,
/// assets, episodes, sequences, shots and scenes where a task is assigned to them, and their tasks
/// and task types on one entity. "Their tasks" are the ones assigned to them in the open projects
/// whose team holds them (the to-do's projects; Zou does not ask about the team here). The
/// project, asset type or entity of the path must exist (404, also for a malformed id); one of a
/// project the caller is not in simply lists nothing.
/// </summary>
public sealed class UserWorkService(SlateDb db, Permissions permissions, EntityService entities, ZouSerializer serializer)
{
    /// <summary>GET /data/user/{kind}s/&lt;id&gt;/tasks: the caller's tasks on the entity, plain rows.</summary>
    public async Task<JsonArray> TasksAsync(string entityId, string kind)
    {
        var entity = await entities.FindAsync(entityId, kind);
        var tasks = await (await MyTasksAsync()).Where(t => t.EntityId == entity.Id)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync();
        return await serializer.RowsAsync(tasks);
    }

    /// <summary>GET /data/user/{kind}s/&lt;id&gt;/task-types: the task types of those tasks.</summary>
    public async Task<JsonArray> TaskTypesAsync(string entityId, string kind)
    {
        var entity = await entities.FindAsync(entityId, kind);
        return await entities.TaskTypesAsync((await MyTasksAsync()).Where(t => t.EntityId == entity.Id));
    }

    /// <summary>The project's asset types with an asset the caller has a task on (no workflow, as Zou).</summary>
    public async Task<JsonArray> AssetTypesAsync(string projectId)
    {
        var project = await ProjectAsync(projectId);
        var worked = await WorkedEntitiesAsync();
        var typeIds = db.Entities.Where(e => e.ProjectId == project && worked.Contains(e.Id)).Select(e => e.EntityTypeId);
        var types = await EntityKinds.AssetTypes(db).Where(t => typeIds.Contains(t.Id)).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync();
        return AssetsService.AsAssetTypes(await serializer.RowsAsync(types));
    }

    /// <summary>The project's assets of that type the caller has a task on.</summary>
    public async Task<JsonArray> AssetsAsync(string projectId, string assetTypeId)
    {
        var project = await ProjectAsync(projectId);
        var typeId = EntityService.PathId(assetTypeId);
        if (!await EntityKinds.AssetTypes(db).AnyAsync(t => t.Id == typeId)) throw new NotFoundException();
        var worked = await WorkedEntitiesAsync();
        return await ListAsync(db.Entities.Where(e => e.ProjectId == project && e.EntityTypeId == typeId && worked.Contains(e.Id)), EntityKinds.Asset);
    }

    /// <summary>The project's sequences holding a shot the caller has a task on.</summary>
    public async Task<JsonArray> SequencesAsync(string projectId)
    {
        var project = await ProjectAsync(projectId);
        var shots = await WorkedShotsAsync();
        var sequenceIds = shots.Select(s => s.ParentId);
        return await ListAsync(EntityKinds.OfKind(db, db.Entities, "Sequence").Where(e => e.ProjectId == project && sequenceIds.Contains((Guid?)e.Id)), "Sequence");
    }

    /// <summary>The project's episodes holding a sequence with a shot the caller has a task on.</summary>
    public async Task<JsonArray> EpisodesAsync(string projectId)
    {
        var project = await ProjectAsync(projectId);
        var shots = await WorkedShotsAsync();
        var sequenceIds = shots.Select(s => s.ParentId);
        var episodeIds = EntityKinds.OfKind(db, db.Entities, "Sequence").Where(s => sequenceIds.Contains((Guid?)s.Id)).Select(s => s.ParentId);
        return await ListAsync(EntityKinds.OfKind(db, db.Entities, EntityKinds.Episode).Where(e => e.ProjectId == project && episodeIds.Contains((Guid?)e.Id)), EntityKinds.Episode);
    }

    /// <summary>The sequence's shots or scenes (kind) the caller has a task on.</summary>
    public async Task<JsonArray> SequenceChildrenAsync(string sequenceId, string kind)
    {
        var sequence = await entities.FindAsync(sequenceId, "Sequence");
        var worked = await WorkedEntitiesAsync();
        return await ListAsync(EntityKinds.OfKind(db, db.Entities, kind).Where(e => e.ParentId == sequence.Id && worked.Contains(e.Id)), kind);
    }

    async Task<JsonArray> ListAsync(IQueryable<Entity> rows, string kind) =>
        await entities.PresentAsync(await rows.AsNoTracking().OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(), kind);

    /// <summary>The project of the path: 404 when malformed or unknown.</summary>
    async Task<Guid> ProjectAsync(string projectId)
    {
        var id = EntityService.PathId(projectId);
        return await db.Projects.AnyAsync(p => p.Id == id) ? id : throw new NotFoundException();
    }

    /// <summary>The tasks assigned to the caller in their open team projects, as a query.</summary>
    async Task<IQueryable<ProductionTask>> MyTasksAsync()
    {
        var projects = await permissions.OpenTeamProjectIdsAsync();
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == permissions.User.Id).Select(l => l.TaskId);
        return db.Tasks.AsNoTracking().Where(t => assigned.Contains(t.Id) && t.ProjectId != null && projects.Contains(t.ProjectId.Value));
    }

    /// <summary>The entities those tasks are on, as a subquery.</summary>
    async Task<IQueryable<Guid>> WorkedEntitiesAsync() =>
        (await MyTasksAsync()).Where(t => t.EntityId != null).Select(t => t.EntityId!.Value);

    /// <summary>The shots the caller has a task on, as a subquery.</summary>
    async Task<IQueryable<Entity>> WorkedShotsAsync()
    {
        var worked = await WorkedEntitiesAsync();
        return EntityKinds.OfKind(db, db.Entities, "Shot").Where(e => worked.Contains(e.Id));
    }
}
