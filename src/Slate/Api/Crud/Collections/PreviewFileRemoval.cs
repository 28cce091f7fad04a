using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Removing preview file rows (Zou's remove_preview_file), for the preview-files and comments
/// collections: what points at them is detached first, and a task whose last preview goes away
/// falls back to its newest remaining one. The rows change in the request's unit of work; the
/// stored files go only with REMOVE_FILES or force, once that unit of work is committed.
/// </summary>
public static class PreviewFileRemoval
{
    public static async Task RemoveAsync(IReadOnlyCollection<PreviewFile> previews, CrudContext c, bool force = false)
    {
        if (previews.Count == 0) return;
        if (force || c.Settings.RemoveFiles)
        {
            var storage = c.Services.GetRequiredService<Previews.PreviewFileStorage>();
            var removed = previews.Select(p => (p.Id, p.Extension)).ToList();
            c.AfterCommit(async () =>
            {
                foreach (var (id, extension) in removed) await storage.RemoveAsync(id, extension);
            });
        }
        var db = c.Db;
        var ids = previews.Select(p => p.Id).ToList();
        foreach (var entity in await db.Entities.Where(e => e.PreviewFileId != null && ids.Contains(e.PreviewFileId.Value)).ToListAsync())
            entity.PreviewFileId = null;
        foreach (var news in await db.News.Where(n => n.PreviewFileId != null && ids.Contains(n.PreviewFileId.Value)).ToListAsync())
            news.PreviewFileId = null;
        foreach (var comment in await db.Comments.Where(x => x.PreviewFileId != null && ids.Contains(x.PreviewFileId.Value)).ToListAsync())
            comment.PreviewFileId = null;
        db.CommentPreviewLinks.RemoveRange(await db.CommentPreviewLinks.Where(l => ids.Contains(l.PreviewFile)).ToListAsync());

        var taskIds = previews.Select(p => p.TaskId).OfType<Guid>().Distinct().ToList();
        foreach (var task in await db.Tasks.Where(t => taskIds.Contains(t.Id) && t.LastPreviewFileId != null && ids.Contains(t.LastPreviewFileId.Value)).ToListAsync())
            task.LastPreviewFileId = await db.PreviewFiles.AsNoTracking()
                .Where(p => p.TaskId == task.Id && !ids.Contains(p.Id))
                .OrderByDescending(p => p.CreatedAt)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync();
        db.PreviewFiles.RemoveRange(previews);
    }
}
