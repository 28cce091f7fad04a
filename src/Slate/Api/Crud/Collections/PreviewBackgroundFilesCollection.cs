using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/preview-background-files: reference data (all read, admins write) with unique names and
/// at most one default: marking one as default clears the previous one. Its stored picture is
/// the previews area's business.
/// </summary>
public sealed class PreviewBackgroundFilesCollection : ReferenceCollection<PreviewBackgroundFile>
{
    const string NameTaken = "A preview background file with similar name already exists";

    public override async Task BeforeCreateAsync(PreviewBackgroundFile row, JsonObject body, CrudContext c)
    {
        if (await c.Db.PreviewBackgroundFiles.AnyAsync(p => p.Name == row.Name)) throw new WrongParameterException(NameTaken);
    }

    public override async Task BeforeUpdateAsync(PreviewBackgroundFile row, JsonObject body, CrudContext c)
    {
        if (Body.Text(body, "name") is { } name && await c.Db.PreviewBackgroundFiles.AnyAsync(p => p.Name == name && p.Id != row.Id))
            throw new WrongParameterException(NameTaken);
    }

    /// <summary>Marking one as default, on create or update, clears the previous default.</summary>
    public override async Task BeforeSaveAsync(PreviewBackgroundFile row, CrudContext c)
    {
        if (row.IsDefault != true) return;
        foreach (var other in await c.Db.PreviewBackgroundFiles.Where(p => p.IsDefault == true && p.Id != row.Id).ToListAsync())
            other.IsDefault = false;
    }
}
