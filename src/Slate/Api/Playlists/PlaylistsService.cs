using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Projects;
using Slate.Data;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Playlists;

/// <summary>The rules of Zou's playlists blueprint (behavior-production.md §6).</summary>
public sealed class PlaylistsService(SlateDb db, Permissions permissions, ZouSerializer serializer)
{
    /// <summary>
    /// GET /data/projects/{project_id}/playlists/{playlist_id} (Zou's
    /// get_playlist_with_preview_file_revisions, without annotations): the playlist, each entry
    /// with its entity's previews by task type and the details of its own preview, and the build
    /// jobs. Three queries whatever the number of entries: the playlist, the previews of all its
    /// entities, the build jobs.
    /// </summary>
    public async Task<FullPlaylist> FullPlaylistAsync(string projectId, string playlistId)
    {
        var project = ProjectsService.PathId(projectId);
        var id = ProjectsService.PathId(playlistId);
        await permissions.CheckProjectAccessNotVendorAsync(project);
        // Zou reads the playlist by its id alone: one of another project would answer here.
        var playlist = await db.Playlists.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ProjectId == project)
            ?? throw new NotFoundException();

        var json = serializer.Columns(playlist);
        if (json["shots"] is not JsonArray shots) json["shots"] = shots = [];
        var previews = await PreviewsOfAsync(shots.OfType<JsonObject>().Select(EntityIdOf).OfType<string>());
        var entries = shots.Select(shot => shot is JsonObject entry ? Enrich(entry, previews) : null).ToList();

        var buildJobs = await db.BuildJobs.AsNoTracking()
            .Where(j => j.PlaylistId == playlist.Id)
            .OrderByDescending(j => j.CreatedAt)
            .Select(j => new PlaylistBuildJob(j.Id, j.Status, j.CreatedAt))
            .ToListAsync();
        return new FullPlaylist(json, entries, buildJobs);
    }

    /// <summary>An entry's entity: stored entries name it "id", "shot_id" or "entity_id" (older rows), in Zou's order of preference.</summary>
    static string? EntityIdOf(JsonObject entry) =>
        new[] { "id", "shot_id", "entity_id" }.Select(key => Text(entry[key])).FirstOrDefault(text => !string.IsNullOrEmpty(text));

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The entry as Zou leaves it: "id" added when missing, "preview_files" (written from the
    /// rows), then its preview's details, or no "preview_file_id" when that preview is not one of
    /// the playlist's entities' any more. Keys already stored keep their place.
    /// </summary>
    static EntryPreviews Enrich(JsonObject entry, EntitiesPreviews previews)
    {
        if (EntityIdOf(entry) is { } entityId && !entry.ContainsKey("id")) entry["id"] = entityId;
        entry["preview_files"] = null;
        var byTaskType = Text(entry["id"]) is { } id ? previews.ByEntity.GetValueOrDefault(id) : null;
        if (!entry.ContainsKey("preview_file_id")) return new EntryPreviews(byTaskType, null);
        if (Text(entry["preview_file_id"]) is not { } previewId || !previews.ById.TryGetValue(previewId, out var found))
        {
            entry.Remove("preview_file_id");
            return new EntryPreviews(byTaskType, null);
        }
        var preview = found.Preview;
        entry["preview_file_extension"] = preview.Extension;
        entry["preview_file_revision"] = preview.Revision;
        entry["preview_file_width"] = preview.Width;
        entry["preview_file_height"] = preview.Height;
        entry["preview_file_duration"] = preview.Duration ?? 0;
        entry["preview_file_status"] = FullPlaylist.StatusLabel(preview.Status);
        entry["preview_file_task_id"] = ZouSerializer.Uuid(preview.TaskId);
        entry["preview_file_previews"] = null;
        return new EntryPreviews(byTaskType, found.Nested);
    }

    /// <summary>
    /// The previews of the entities' tasks in one query, per entity then task type (task types by
    /// priority, then name), newest revision first; the other previews of a revision nested in its
    /// first by position, even across tasks of the same type.
    /// </summary>
    async Task<EntitiesPreviews> PreviewsOfAsync(IEnumerable<string> entityTexts)
    {
        var entityIds = entityTexts.Select(text => Values.TryUuid(text, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var rows = await db.PreviewFiles.AsNoTracking()
            .Join(db.Tasks.Where(t => entityIds.Contains(t.EntityId!.Value)), p => p.TaskId, t => (Guid?)t.Id,
                (p, t) => new { Preview = p, TaskId = t.Id, t.EntityId, t.TaskTypeId })
            .Join(db.TaskTypes, r => r.TaskTypeId, tt => (Guid?)tt.Id, (r, tt) => new { r.Preview, r.TaskId, r.EntityId, TaskType = tt })
            .OrderByDescending(r => r.TaskType.Priority).ThenBy(r => r.TaskType.Name)
            .ThenByDescending(r => r.Preview.Revision).ThenBy(r => r.Preview.Position).ThenBy(r => r.Preview.CreatedAt)
            .Select(r => new PlaylistPreview(r.Preview.Id, r.Preview.Revision, r.Preview.Extension, r.Preview.Width, r.Preview.Height,
                r.Preview.Duration, r.Preview.Status, r.Preview.CreatedAt, r.TaskId, r.TaskType.Id, (Guid)r.EntityId!))
            .ToListAsync();

        var previews = new EntitiesPreviews([], []);
        var revisions = new Dictionary<(Guid Entity, Guid TaskType, int? Revision), PreviewRevision>();
        foreach (var row in rows)
        {
            var key = (row.EntityId, row.TaskTypeId, row.Revision);
            if (revisions.TryGetValue(key, out var revision))
            {
                revision.Others.Add(row);
                previews.ById[ZouSerializer.Uuid(row.Id)] = (row, []);
                continue;
            }
            revisions[key] = revision = new PreviewRevision(row, []);
            previews.ById[ZouSerializer.Uuid(row.Id)] = (row, revision.Others);
            var entity = ZouSerializer.Uuid(row.EntityId);
            if (!previews.ByEntity.TryGetValue(entity, out var byTaskType)) previews.ByEntity[entity] = byTaskType = [];
            if (!byTaskType.TryGetValue(row.TaskTypeId, out var list)) byTaskType[row.TaskTypeId] = list = [];
            list.Add(revision);
        }
        return previews;
    }
}

/// <summary>
/// The previews of a playlist's entities: per entity id, its revisions by task type; per preview
/// id, the preview and the previews nested in it (those of its revision when it is the first).
/// </summary>
sealed record EntitiesPreviews(
    Dictionary<string, OrderedDictionary<Guid, List<PreviewRevision>>> ByEntity,
    Dictionary<string, (PlaylistPreview Preview, List<PlaylistPreview> Nested)> ById);
