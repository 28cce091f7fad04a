using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Previews;

/// <summary>
/// GET /data/playlists/preview-files/running (behavior-production.md §5.9): the previews of open
/// productions still processing, broken or missing, newest first, for admins watching the
/// media pipeline. Cursor paging as Zou: the previews created before the cursor's.
/// </summary>
public sealed class RunningPreviewsService(SlateDb db, Permissions permissions, ZouSerializer serializer)
{
    /// <summary>The status names Zou counts as open here (it also accepts legacy spellings).</summary>
    static readonly string[] OpenStatusNames = ["Active", "open", OpenStatus.Name];

    static readonly string[] RunningStatuses = ["broken", "missing", "processing"];

    public async Task<JsonArray> RunningAsync(IQueryCollection query)
    {
        permissions.CheckAdmin();
        var limit = QueryArgs.Limit(query);
        var rows = from preview in db.PreviewFiles.AsNoTracking()
                   join task in db.Tasks on preview.TaskId equals task.Id
                   join project in db.Projects on task.ProjectId equals project.Id
                   join status in db.ProjectStatuses on project.ProjectStatusId equals status.Id
                   where OpenStatusNames.Contains(status.Name) && RunningStatuses.Contains(preview.Status)
                   select new { Preview = preview, task.ProjectId, task.TaskTypeId, task.EntityId };
        if (QueryArgs.Uuid(query, "cursor_preview_file_id") is { } cursor)
        {
            var before = await db.PreviewFiles.Where(p => p.Id == cursor).Select(p => new { p.CreatedAt }).FirstOrDefaultAsync()
                ?? throw new WrongParameterException($"No preview file found with id: {cursor}");
            rows = rows.Where(r => r.Preview.CreatedAt < before.CreatedAt);
        }
        var ordered = rows.OrderByDescending(r => r.Preview.CreatedAt).ThenBy(r => r.Preview.Id);
        var found = await (limit is { } count ? ordered.Take(count) : ordered).ToListAsync();

        var names = await EntityNames.FullNamesAsync(db, found.Select(r => r.EntityId).OfType<Guid>());
        var answers = await serializer.ObjectsAsync(found.Select(r => r.Preview).ToList());
        for (var i = 0; i < found.Count; i++)
        {
            answers[i]["project_id"] = ZouSerializer.Value(found[i].ProjectId);
            answers[i]["task_type_id"] = ZouSerializer.Value(found[i].TaskTypeId);
            answers[i]["full_entity_name"] = found[i].EntityId is { } entity && names.TryGetValue(entity, out var name) ? name.Name : null;
        }
        return new JsonArray([.. answers]);
    }
}
