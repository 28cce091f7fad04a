using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Previews;

/// <summary>
/// Zou's download name of a preview file (names_service.get_preview_file_name, §5.7):
/// "&lt;project&gt;_&lt;entity full name&gt;_&lt;task type&gt;_v&lt;revision&gt;" slugified with "_", or the
/// original name when the organisation sets use_original_file_name; "-&lt;position&gt;" after it
/// for a position above 1; then the extension.
/// </summary>
public static class PreviewFileNames
{
    /// <summary>The name of a stored preview, read from its task, project, entity and the organisation.</summary>
    public static async Task<string> DownloadNameAsync(SlateDb db, PreviewFile preview)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == preview.TaskId)
            .Select(t => new { t.EntityId, t.ProjectId, t.TaskTypeId }).SingleAsync();
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == task.ProjectId).Select(p => p.Name).FirstOrDefaultAsync() ?? "";
        var taskType = await db.TaskTypes.AsNoTracking().Where(t => t.Id == task.TaskTypeId).Select(t => t.Name).FirstOrDefaultAsync() ?? "";
        var entity = task.EntityId is { } entityId && (await EntityNames.FullNamesAsync(db, [entityId])).TryGetValue(entityId, out var full)
            ? full.Name
            : "";
        var organisation = await Organisations.GetOrCreateAsync(db);
        return Compose(organisation.UseOriginalFileName == true, preview.OriginalName, project, entity, taskType,
            preview.Revision, preview.Position, preview.Extension);
    }

    public static string Compose(bool useOriginalName, string? originalName, string project, string entity, string taskType,
        int? revision, int? position, string? extension)
    {
        var name = useOriginalName && originalName is not null
            ? originalName
            : Slugs.Of($"{project}_{entity}_{taskType}_v{revision}", '_');
        if ((position ?? 0) > 1) name = $"{name}-{position}";
        return $"{name}.{extension}";
    }
}
