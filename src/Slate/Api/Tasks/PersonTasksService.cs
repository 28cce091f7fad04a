using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Tasks;

/// <summary>
/// A person's task lists (behavior-production.md §3.8): their unfinished and finished tasks in
/// open projects (for non-admins, the open projects whose team holds the caller), in Zou's row
/// format (get_person_tasks), and the tasks of one type on the entities they work on. Vendors
/// may only ask about themselves and, like clients, get no rows. Every list runs a fixed number
/// of queries whatever its length.
/// </summary>
public sealed class PersonTasksService(SlateDb db, Permissions permissions, ZouSerializer serializer, EntityService entities)
{
    /// <summary>GET /data/persons/&lt;id&gt;/tasks (not done) and /done-tasks (done, latest end first).</summary>
    public async Task<JsonArray> TasksAsync(string personId, bool done)
    {
        var person = await CheckedPersonAsync(personId);
        if (permissions.GlobalRole is "vendor" or "client") return [];
        var projects = await ReachedOpenProjectsAsync();
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == person.Id).Select(l => l.TaskId);
        var tasks = db.Tasks.Where(t => assigned.Contains(t.Id) && t.ProjectId != null && projects.Contains(t.ProjectId.Value));
        return await RowsAsync(tasks, done);
    }

    /// <summary>
    /// GET /data/persons/&lt;id&gt;/related-tasks/&lt;task_type_id&gt;: the tasks of that type on the
    /// entities where the person has a task, in the open projects the caller reaches.
    /// </summary>
    public async Task<JsonArray> RelatedAsync(string personId, string taskTypeId)
    {
        var person = await CheckedPersonAsync(personId);
        var taskType = EntityService.PathId(taskTypeId);
        var projects = await ReachedOpenProjectsAsync();
        var assigned = db.TaskPersonLinks.Where(l => l.PersonId == person.Id).Select(l => l.TaskId);
        var entityIds = db.Tasks.Where(t => assigned.Contains(t.Id)).Select(t => t.EntityId);
        var tasks = db.Tasks.AsNoTracking()
            .Where(t => entityIds.Contains(t.EntityId) && t.TaskTypeId == taskType && t.ProjectId != null && projects.Contains(t.ProjectId.Value));
        var rows = await (await permissions.NarrowVendorTasksAsync(tasks)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync();
        return await serializer.RowsAsync(rows);
    }

    /// <summary>The person of the path (404 unknown, 403 for a bot); a vendor may only name themselves.</summary>
    async Task<Person> CheckedPersonAsync(string personId)
    {
        var person = (Values.TryUuid(personId, out var id) ? await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) : null)
            ?? throw new NotFoundException();
        if (person.IsBot) throw new PermissionDeniedException();
        if (person.Id != permissions.User.Id && permissions.GlobalRole == "vendor") throw new PermissionDeniedException();
        return person;
    }

    /// <summary>Open projects: every one for admins, else those whose team holds the caller.</summary>
    async Task<List<Guid>> ReachedOpenProjectsAsync() => permissions.IsAdmin
        ? await db.Projects.AsNoTracking()
            .Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name))
            .Select(p => p.Id).ToListAsync()
        : await permissions.OpenTeamProjectIdsAsync();

    /// <summary>
    /// Zou's get_person_tasks rows: every task column, then the project, entity, sequence and
    /// episode names Kitsu's to-do lists show, the cast-in episodes of assets, the assignee ids and
    /// the newest comment not written by a client ({} when none).
    /// </summary>
    public async Task<JsonArray> RowsAsync(IQueryable<ProductionTask> tasks, bool done)
    {
        var query = tasks.AsNoTracking()
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { Task = t, ProjectName = p.Name, p.HasAvatar })
            .Join(db.TaskTypes, r => r.Task.TaskTypeId, tt => tt.Id, (r, tt) => new { r.Task, r.ProjectName, r.HasAvatar, Type = tt })
            .Join(db.TaskStatuses, r => r.Task.TaskStatusId, s => s.Id, (r, s) => new { r.Task, r.ProjectName, r.HasAvatar, r.Type, Status = s })
            .Join(db.Entities, r => r.Task.EntityId, e => e.Id, (r, e) => new { r.Task, r.ProjectName, r.HasAvatar, r.Type, r.Status, Entity = e })
            .Join(db.EntityTypes, r => r.Entity.EntityTypeId, et => et.Id, (r, et) => new { r.Task, r.ProjectName, r.HasAvatar, r.Type, r.Status, r.Entity, EntityType = et.Name });
        query = done
            ? query.Where(r => r.Status.IsDone == true).OrderByDescending(r => r.Task.EndDate).ThenBy(r => r.Type.Name).ThenBy(r => r.Entity.Name)
            : query.Where(r => r.Status.IsDone == false).OrderBy(r => r.ProjectName).ThenBy(r => r.Type.Name).ThenBy(r => r.Entity.Name);
        var rows = await query.ToListAsync();
        if (rows.Count == 0) return [];

        // The entities above: parents (sequences, or a sequence's episode), their parents, and the source episodes of assets.
        var aboveIds = rows.SelectMany(r => new[] { r.Entity.ParentId, r.Entity.SourceId }).OfType<Guid>().Distinct().ToList();
        var above = await db.Entities.AsNoTracking().Where(e => aboveIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id);
        var topIds = above.Values.Select(e => e.ParentId).OfType<Guid>().Where(id => !above.ContainsKey(id)).Distinct().ToList();
        foreach (var entity in await db.Entities.AsNoTracking().Where(e => topIds.Contains(e.Id)).ToListAsync()) above[entity.Id] = entity;
        var episodeType = await db.EntityTypes.AsNoTracking().Where(t => t.Name == EntityKinds.Episode).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();

        var entityIds = rows.Select(r => r.Entity.Id).Distinct().ToList();
        var castIn = (await db.EntityLinks.AsNoTracking()
            .Where(l => entityIds.Contains(l.EntityOutId))
            .Join(db.Entities.Where(e => e.EntityTypeId == episodeType), l => l.EntityInId, e => e.Id, (l, e) => new { l.EntityOutId, e.Id, e.Name })
            .OrderBy(r => r.Name)
            .ToListAsync()).GroupBy(r => r.EntityOutId).ToDictionary(g => g.Key, g => g.ToList());
        var taskIds = rows.Select(r => r.Task.Id).ToList();
        var assignees = await entities.AssigneesAsync(taskIds);
        var lastComments = await LastCommentsAsync(taskIds);

        var objects = await serializer.ObjectsAsync(rows.Select(r => r.Task).ToList());
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, json) = (rows[i], objects[i]);
            var entity = row.Entity;
            var sequence = entity.ParentId is { } parentId ? above.GetValueOrDefault(parentId) : null;
            var episode = sequence?.ParentId is { } episodeId ? above.GetValueOrDefault(episodeId) : null;
            string episodeIdText;
            string? episodeName = episode?.Name;
            if (episode is not null) episodeIdText = ZouSerializer.Uuid(episode.Id);
            else
            {
                // Zou falls back on the source episode of an asset ("MP" when it is not an episode).
                episodeIdText = entity.SourceId is { } source ? ZouSerializer.Uuid(source) : "";
                if (entity.SourceId is { } sourceId)
                    episodeName = above.GetValueOrDefault(sourceId) is { } found && found.EntityTypeId == episodeType ? found.Name : "MP";
            }
            if (row.EntityType == "Sequence" && sequence is not null)
                (episodeIdText, episodeName) = (ZouSerializer.Uuid(sequence.Id), sequence.Name);

            json["project_name"] = row.ProjectName;
            json["project_id"] = ZouSerializer.Value(row.Task.ProjectId);
            json["project_has_avatar"] = row.HasAvatar;
            json["entity_id"] = ZouSerializer.Uuid(entity.Id);
            json["entity_name"] = entity.Name;
            json["entity_description"] = entity.Description;
            json["entity_data"] = ZouSerializer.Value(entity.Data);
            json["entity_preview_file_id"] = entity.PreviewFileId is { } preview ? ZouSerializer.Uuid(preview) : "";
            json["entity_source_id"] = entity.SourceId is { } sourceEntity ? ZouSerializer.Uuid(sourceEntity) : "";
            json["entity_type_name"] = row.EntityType;
            json["entity_canceled"] = entity.Canceled;
            json["sequence_name"] = sequence?.Name;
            json["episode_id"] = episodeIdText;
            json["episode_name"] = episodeName;
            json["task_type_for_entity"] = row.Type.ForEntity;
            json["task_estimation"] = row.Task.Estimation;
            json["task_duration"] = row.Task.Duration;
            json["task_start_date"] = ZouSerializer.Value(row.Task.StartDate);
            json["task_due_date"] = ZouSerializer.Value(row.Task.DueDate);
            json["task_type_name"] = row.Type.Name;
            json["task_status_name"] = row.Status.Name;
            json["task_type_color"] = row.Type.Color;
            json["task_status_color"] = row.Status.Color;
            json["task_status_short_name"] = row.Status.ShortName;
            if (castIn.TryGetValue(entity.Id, out var episodes))
            {
                json["episode_ids"] = new JsonArray([.. episodes.Select(e => (JsonNode)ZouSerializer.Uuid(e.Id))]);
                json["episode_names"] = new JsonArray([.. episodes.Select(e => (JsonNode)e.Name)]);
            }
            json["assignees"] = EntityService.Ids(assignees.GetValueOrDefault(row.Task.Id) ?? []);
            json["last_comment"] = lastComments.GetValueOrDefault(row.Task.Id)?.DeepClone() ?? new JsonObject();
        }
        return new JsonArray([.. objects]);
    }

    /// <summary>The newest comment of each task whose author is not a client of its project: {text, date, person_id}.</summary>
    async Task<Dictionary<Guid, JsonObject>> LastCommentsAsync(List<Guid> taskIds)
    {
        var latest = await db.Comments.AsNoTracking()
            .Where(c => taskIds.Contains(c.ObjectId))
            .Join(db.Tasks, c => c.ObjectId, t => t.Id, (c, t) => new { Comment = c, t.ProjectId })
            .Join(db.Persons, r => r.Comment.PersonId, p => p.Id, (r, p) => new
            {
                r.Comment.ObjectId, r.Comment.Text, r.Comment.CreatedAt, r.Comment.PersonId,
                Role = db.ProjectPersonLinks.Where(l => l.PersonId == p.Id && l.ProjectId == r.ProjectId).Select(l => l.Role).FirstOrDefault() ?? p.Role,
            })
            .Where(r => r.Role != "client")
            .ToListAsync();
        return latest.GroupBy(c => c.ObjectId).ToDictionary(g => g.Key, g =>
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
