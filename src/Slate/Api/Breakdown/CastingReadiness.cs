using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;

namespace Slate.Api.Breakdown;

/// <summary>
/// How many of a shot's cast assets are ready for each of its tasks (task.nb_assets_ready, Zou's
/// refresh_casting_stats): an asset is ready for a task when it is not canceled and is either
/// shared from another project or marked ready for a step at or after the task's step in the
/// project's shot task type priorities.
/// </summary>
public static class CastingReadiness
{
    /// <summary>
    /// Recounts the tasks of every shot the asset is cast in (tracked: saved with the caller's
    /// unit of work), each with its task:update-casting-stats event (a live signal only).
    /// </summary>
    public static async Task RefreshForAssetAsync(SlateDb db, Events events, Entity asset)
    {
        var shotIds = await db.EntityLinks.AsNoTracking()
            .Where(l => l.EntityOutId == asset.Id)
            .Where(l => db.Entities.Any(e => e.Id == l.EntityInId && e.Canceled != true
                && db.EntityTypes.Any(t => t.Id == e.EntityTypeId && t.Name == "Shot")))
            .Select(l => l.EntityInId)
            .Distinct()
            .ToListAsync();
        if (shotIds.Count == 0) return;
        var priorities = await db.ProjectTaskTypeLinks.AsNoTracking()
            .Where(l => l.ProjectId == asset.ProjectId && db.TaskTypes.Any(t => t.Id == l.TaskTypeId && t.ForEntity == "Shot"))
            .ToDictionaryAsync(l => l.TaskTypeId, l => l.Priority);
        var casting = await db.EntityLinks.AsNoTracking()
            .Where(l => shotIds.Contains(l.EntityInId))
            .Join(db.Entities, l => l.EntityOutId, e => e.Id, (l, e) => new { Shot = l.EntityInId, Asset = e })
            .ToListAsync();
        var tasks = await db.Tasks.Where(t => t.EntityId != null && shotIds.Contains(t.EntityId.Value)).ToListAsync();
        foreach (var task in tasks)
        {
            task.NbAssetsReady = casting.Count(c => c.Shot == task.EntityId && IsReady(c.Asset, task, priorities));
            events.Emit("task:update-casting-stats",
                new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id), ["nb_assets_ready"] = task.NbAssetsReady }, task.ProjectId, persist: false);
        }
    }

    static bool IsReady(Entity asset, ProductionTask task, Dictionary<Guid, int?> priorities)
    {
        if (asset.Canceled == true) return false;
        if (asset.IsShared && asset.ProjectId != task.ProjectId) return true;
        if (asset.ReadyFor is not { } readyFor) return false;
        // Zou reads a missing or zero priority of the ready-for step as -1, of the task's step as 0.
        var ready = priorities.GetValueOrDefault(readyFor) is { } p and not 0 ? p : -1;
        var own = task.TaskTypeId is { } type ? priorities.GetValueOrDefault(type) ?? 0 : 0;
        return own <= ready;
    }
}
