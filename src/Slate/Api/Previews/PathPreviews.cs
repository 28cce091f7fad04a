using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Previews;

/// <summary>
/// The preview file a route names in its path, with its task (the permission checks are about
/// the task's project): 404 when the id is malformed or either row is unknown. Read untracked.
/// </summary>
public static class PathPreviews
{
    public static async Task<(PreviewFile Preview, ProductionTask Task)> FindAsync(SlateDb db, string previewFileId)
    {
        if (!Values.TryUuid(previewFileId, out var id)) throw new NotFoundException();
        var preview = await db.PreviewFiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == preview.TaskId) ?? throw new NotFoundException();
        return (preview, task);
    }
}
