using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/output-files: listed by everyone but vendors, narrowed for non-admins to open team
/// projects; one file is read with access to its entity; managers of the project, or team
/// members assigned on its (temporal) entity, change it; admins create and delete. An output
/// file's project is its entity's, and its events say so (as Zou's do).
/// </summary>
public sealed class OutputFilesCollection : NonVendorListCollection<OutputFile>
{
    public override async Task<IQueryable<OutputFile>> NarrowListAsync(IQueryable<OutputFile> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        var projects = await c.Permissions.OpenTeamProjectIdsAsync();
        return rows.Where(o => c.Db.Entities.Any(e => e.Id == o.EntityId && projects.Contains(e.ProjectId)));
    }

    public override async Task CheckReadAsync(OutputFile row, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        var entity = await Parents.EntityAsync(c, row.EntityId) ?? throw new PermissionDeniedException();
        await c.Permissions.CheckEntityAccessAsync(entity.ProjectId, entity.Id);
    }

    public override async Task CheckUpdateAsync(OutputFile row, JsonObject body, CrudContext c)
    {
        var projectId = await ProjectOfAsync(row, c);
        if (await c.Permissions.IsManagerOfAsync(projectId)) return;
        if (!await c.Permissions.HasProjectAccessAsync(projectId)
            || !await c.Permissions.IsAssignedOnEntityAsync(row.TemporalEntityId ?? row.EntityId))
            throw new PermissionDeniedException();
    }

    public override Task<Guid?> ProjectOfAsync(OutputFile row, CrudContext c) => Parents.EntityProjectAsync(c, row.EntityId);
}
