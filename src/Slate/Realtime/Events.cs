using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;
using Slate.Security;

namespace Slate.Realtime;

/// <summary>
/// Zou's event log: every change a service makes is recorded as an api_event row in the same
/// unit of work, so it exists exactly when the change was committed. Delivery to sockets and
/// other nodes hooks in here (the real-time issue).
/// </summary>
public sealed class Events(SlateDb db, IHttpContextAccessor http)
{
    public void Emit(string name, JsonObject data, Guid? projectId)
    {
        if (projectId is { } project) data["project_id"] = ZouSerializer.Uuid(project);
        var caller = http.HttpContext?.Items[typeof(CurrentUser)] as CurrentUser;
        db.ApiEvents.Add(new ApiEvent { Name = name, Data = data, ProjectId = projectId, UserId = caller?.Id });
    }

    /// <summary>An entity's event as Zou names it by kind: asset:update with asset_id, shot:delete with shot_id...</summary>
    public void EmitEntity(string kind, string verb, Guid entityId, Guid projectId)
    {
        var prefix = kind.ToLowerInvariant();
        Emit($"{prefix}:{verb}", new JsonObject { [$"{prefix}_id"] = ZouSerializer.Uuid(entityId) }, projectId);
    }
}
