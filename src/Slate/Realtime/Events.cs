using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;
using Slate.Security;

namespace Slate.Realtime;

/// <summary>
/// Zou's event log: every change a service makes is recorded as an api_event row in the same
/// unit of work, so it exists exactly when the change was committed, and reaches the sockets
/// once committed (<see cref="CommitHook"/>). Some events are live signals only (Zou's
/// persist=False): never stored, they are sent with the unit of work they belong to, or at once
/// when nothing waits to be written.
/// </summary>
public sealed class Events(SlateDb db, IHttpContextAccessor http, IEventBus bus)
{
    public void Emit(string name, JsonObject data, Guid? projectId, bool persist = true)
    {
        if (projectId is { } project) data["project_id"] = ZouSerializer.Uuid(project);
        var caller = http.HttpContext?.Items[typeof(CurrentUser)] as CurrentUser;
        var row = new ApiEvent { Name = name, Data = data, ProjectId = projectId, UserId = caller?.Id };
        if (persist) db.ApiEvents.Add(row);
        else if (!db.ChangeTracker.HasChanges())
        {
            // Nothing waits to be written: it belongs to the open transaction, if any, else it is sent now.
            if (db.Database.CurrentTransaction is null) bus.Publish(CommitHook.Published(row));
            else db.UncommittedEvents.Saved.Add(CommitHook.Published(row));
            return;
        }
        db.UncommittedEvents.Emitted.Add((row, persist));
    }

    /// <summary>An entity's event as Zou names it by kind: asset:update with asset_id, shot:delete with shot_id...</summary>
    public void EmitEntity(string kind, string verb, Guid entityId, Guid projectId)
    {
        var prefix = kind.ToLowerInvariant();
        Emit($"{prefix}:{verb}", new JsonObject { [$"{prefix}_id"] = ZouSerializer.Uuid(entityId) }, projectId);
    }
}
