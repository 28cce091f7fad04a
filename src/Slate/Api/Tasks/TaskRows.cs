using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Tasks;

/// <summary>
/// The task rows of Kitsu's to-do and open-task lists (Zou's _resolve_episode_and_build_task_dict):
/// every task column, then the project, entity, sequence and episode names, the task type and
/// status names and colors, and the assignee ids; to-do rows add the episodes an asset is cast in
/// and the newest comment not written by a client, to-check rows only that comment. A fixed
/// number of queries for any list.
/// </summary>
public sealed class TaskRows(SlateDb db, ZouSerializer serializer, EntityService entities)
{
    /// <summary>
    /// To-do rows (get_person_tasks), to-check rows (get_person_tasks_to_check: no cast-in
    /// episodes) or open-task rows (get_open_tasks): their last keys differ.
    /// </summary>
    public enum Layout { ToDo, ToCheck, Open }

    public async Task<JsonArray> BuildAsync(IReadOnlyList<ProductionTask> tasks, Layout layout)
    {
        if (tasks.Count == 0) return [];
        var projectIds = tasks.Select(t => t.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.HasAvatar }).ToDictionaryAsync(p => p.Id);
        var typeIds = tasks.Select(t => t.TaskTypeId).Distinct().ToList();
        var types = await db.TaskTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        var statusIds = tasks.Select(t => t.TaskStatusId).Distinct().ToList();
        var statuses = await db.TaskStatuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var entityIds = tasks.Select(t => t.EntityId).OfType<Guid>().Distinct().ToList();
        var taskEntities = await db.Entities.AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
        var entityTypeIds = taskEntities.Values.Select(e => e.EntityTypeId).Distinct().ToList();
        var entityTypes = await db.EntityTypes.AsNoTracking().Where(t => entityTypeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        var episodeType = await db.EntityTypes.AsNoTracking().Where(t => t.Name == EntityKinds.Episode).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();

        // The entities above: parents (sequences, or a sequence's episode), their parents, and the source episodes of assets.
        var aboveIds = taskEntities.Values.SelectMany(e => new[] { e.ParentId, e.SourceId }).OfType<Guid>().Distinct().ToList();
        var above = await db.Entities.AsNoTracking().Where(e => aboveIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
        var topIds = above.Values.Select(e => e.ParentId).OfType<Guid>().Where(id => !above.ContainsKey(id)).Distinct().ToList();
        foreach (var entity in await db.Entities.AsNoTracking().Where(e => topIds.Contains(e.Id)).ToListAsync()) above[entity.Id] = entity;

        var taskIds = tasks.Select(t => t.Id).ToList();
        var assignees = await entities.AssigneesAsync(taskIds);
        var castIn = layout == Layout.ToDo ? await CastInEpisodesAsync(entityIds, episodeType) : [];
        var lastComments = layout != Layout.Open ? await LastCommentsAsync(taskIds) : [];

        var objects = await serializer.ObjectsAsync(tasks);
        for (var i = 0; i < tasks.Count; i++)
        {
            var (task, json) = (tasks[i], objects[i]);
            var entity = taskEntities[task.EntityId!.Value];
            var entityType = entityTypes.GetValueOrDefault(entity.EntityTypeId);
            var project = projects[task.ProjectId!.Value];
            var type = types[task.TaskTypeId!.Value];
            var status = statuses[task.TaskStatusId!.Value];
            var sequence = entity.ParentId is { } parentId ? above.GetValueOrDefault(parentId) : null;
            var episode = sequence?.ParentId is { } episodeId ? above.GetValueOrDefault(episodeId) : null;
            var episodeIdText = episode is null ? "" : ZouSerializer.Uuid(episode.Id);
            var episodeName = episode?.Name;
            if (episode is null && entity.SourceId is { } sourceId)
            {
                // Zou falls back on an asset's source episode ("MP" when it is not an episode).
                episodeIdText = ZouSerializer.Uuid(sourceId);
                episodeName = above.GetValueOrDefault(sourceId) is { } source && source.EntityTypeId == episodeType ? source.Name : "MP";
            }
            if (entityType == "Sequence" && sequence is not null)
                (episodeIdText, episodeName) = (ZouSerializer.Uuid(sequence.Id), sequence.Name);

            json["project_name"] = project.Name;
            json["project_id"] = ZouSerializer.Value(task.ProjectId);
            json["project_has_avatar"] = project.HasAvatar;
            json["entity_id"] = ZouSerializer.Uuid(entity.Id);
            json["entity_name"] = entity.Name;
            json["entity_description"] = entity.Description;
            json["entity_data"] = ZouSerializer.Value(entity.Data);
            json["entity_preview_file_id"] = entity.PreviewFileId is { } preview ? ZouSerializer.Uuid(preview) : "";
            json["entity_source_id"] = entity.SourceId is { } sourceEntity ? ZouSerializer.Uuid(sourceEntity) : "";
            json["entity_type_name"] = entityType;
            json["entity_canceled"] = entity.Canceled;
            json["sequence_name"] = sequence?.Name;
            json["episode_id"] = episodeIdText;
            json["episode_name"] = episodeName;
            json["task_type_for_entity"] = type.ForEntity;
            var prefix = layout != Layout.Open ? "task_" : "";
            json[$"{prefix}estimation"] = task.Estimation;
            json[$"{prefix}duration"] = task.Duration;
            json[$"{prefix}start_date"] = ZouSerializer.Value(task.StartDate);
            json[$"{prefix}due_date"] = ZouSerializer.Value(task.DueDate);
            if (layout == Layout.Open) json["done_date"] = ZouSerializer.Value(task.DoneDate);
            json[$"{prefix}type_name"] = type.Name;
            json[$"{prefix}status_name"] = status.Name;
            json[$"{prefix}type_color"] = type.Color;
            json[$"{prefix}status_color"] = status.Color;
            json[$"{prefix}status_short_name"] = status.ShortName;
            if (castIn.TryGetValue(entity.Id, out var episodes))
            {
                json["episode_ids"] = new JsonArray([.. episodes.Select(e => (JsonNode)ZouSerializer.Uuid(e.Id))]);
                json["episode_names"] = new JsonArray([.. episodes.Select(e => (JsonNode)e.Name)]);
            }
            json["assignees"] = EntityService.Ids(assignees.GetValueOrDefault(task.Id) ?? []);
            if (layout != Layout.Open) json["last_comment"] = lastComments.GetValueOrDefault(task.Id)?.DeepClone() ?? new JsonObject();
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>The episodes each entity is cast in, by name.</summary>
    async Task<Dictionary<Guid, List<(Guid Id, string Name)>>> CastInEpisodesAsync(List<Guid> entityIds, Guid? episodeType)
    {
        var links = await db.EntityLinks.AsNoTracking()
            .Where(l => entityIds.Contains(l.EntityOutId))
            .Join(db.Entities.Where(e => e.EntityTypeId == episodeType), l => l.EntityInId, e => e.Id, (l, e) => new { l.EntityOutId, e.Id, e.Name })
            .OrderBy(r => r.Name)
            .ToListAsync();
        return links.GroupBy(r => r.EntityOutId).ToDictionary(g => g.Key, g => g.Select(r => (r.Id, r.Name)).ToList());
    }

    /// <summary>The newest comment of each task whose author is not a client of its project: {text, date, person_id}.</summary>
    async Task<Dictionary<Guid, JsonObject>> LastCommentsAsync(List<Guid> taskIds)
    {
        var comments = await db.Comments.AsNoTracking()
            .Where(c => taskIds.Contains(c.ObjectId))
            .Join(db.Tasks, c => c.ObjectId, t => t.Id, (c, t) => new { Comment = c, t.ProjectId })
            .Join(db.Persons, r => r.Comment.PersonId, p => p.Id, (r, p) => new
            {
                r.Comment.ObjectId, r.Comment.Text, r.Comment.CreatedAt, r.Comment.PersonId,
                Role = db.ProjectPersonLinks.Where(l => l.PersonId == p.Id && l.ProjectId == r.ProjectId).Select(l => l.Role).FirstOrDefault() ?? p.Role,
            })
            .Where(r => r.Role != "client")
            .ToListAsync();
        return comments.GroupBy(c => c.ObjectId).ToDictionary(g => g.Key, g =>
        {
            var last = g.OrderBy(c => c.CreatedAt).Last();
            return new JsonObject
            {
                ["text"] = last.Text,
                ["date"] = ZouSerializer.Value(last.CreatedAt),
                ["person_id"] = ZouSerializer.Uuid(last.PersonId),
            };
        });
    }
}
