using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Shots;

/// <summary>
/// The shots blueprint's rules (behavior-production.md §1.3-1.8): episodes hold sequences, which
/// hold shots. What every kind of entity shares (finding, listing, creating, removing) is
/// <see cref="EntityService"/>.
/// </summary>
public sealed class ShotsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, EntityService entities, WithTasksService withTasks)
{
    const string Sequence = "Sequence";
    const string Shot = "Shot";
    const string Scene = "Scene";
    const string Episode = EntityKinds.Episode;

    /// <summary>
    /// /data/sequences: the sequences of the caller's projects filtered by the query; episode_id
    /// keeps one episode's (404 when it is not an episode, 403 outside its team).
    /// </summary>
    public async Task<JsonArray> SequencesAsync(IQueryCollection query)
    {
        IQueryable<Entity>? scope = null;
        if (query.TryGetValue("episode_id", out var episodeId))
        {
            var episode = await entities.FindAsync(episodeId.ToString(), Episode);
            await permissions.CheckProjectAccessAsync(episode.ProjectId);
            scope = db.Entities.AsNoTracking().Where(e => e.ParentId == episode.Id);
        }
        return await ListAsync(Sequence, query, scope);
    }

    /// <summary>The project's sequences (its team; a vendor's: the ones holding their shots).</summary>
    public async Task<JsonArray> ProjectSequencesAsync(string projectId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        return await ListAsync(Sequence, query, db.Entities.AsNoTracking().Where(e => e.ProjectId == project));
    }

    /// <summary>The sequence with its project name, and its episode's id and name when it has one.</summary>
    public async Task<JsonObject> FullSequenceAsync(string sequenceId)
    {
        var sequence = await entities.ReadableAsync(sequenceId, Sequence);
        var json = await entities.PresentAsync(sequence, Sequence);
        json["project_name"] = await ProjectNameAsync(sequence.ProjectId);
        await AddParentAsync(json, sequence.ParentId, "episode");
        return json;
    }

    /// <summary>
    /// Adds "&lt;prefix&gt;_id" and "&lt;prefix&gt;_name" of the parent when there is one (a sequence's
    /// episode, a scene's sequence); answers the parent.
    /// </summary>
    async Task<Entity?> AddParentAsync(JsonObject json, Guid? parentId, string prefix)
    {
        if (parentId is not { } id || await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id) is not { } parent) return null;
        json[$"{prefix}_id"] = ZouSerializer.Uuid(parent.Id);
        json[$"{prefix}_name"] = parent.Name;
        return parent;
    }

    /// <summary>
    /// A new sequence of the project (its managers), 201, or the existing one of that name in the
    /// same episode. episode_id must be an episode of the project (404).
    /// </summary>
    public async Task<JsonObject> CreateSequenceAsync(string projectId, JsonObject fields)
    {
        var (name, description, data) = EntityService.NewEntityFields(fields);
        var episodeId = RequestBody.OptionalId(fields, "episode_id");
        var project = await ManagedProjectAsync(projectId);
        if (episodeId is { } episode && !await OfKind(Episode).AnyAsync(e => e.Id == episode && e.ProjectId == project))
            throw new NotFoundException();

        var type = await EntityKinds.TypeNamedAsync(db, Sequence);
        var sequence = new Entity
        {
            Name = name, Description = description, Data = data, ProjectId = project, EntityTypeId = type.Id, ParentId = episodeId,
        };
        return await entities.PresentAsync(await entities.GetOrCreateAsync(sequence, Sequence, []), Sequence);
    }

    /// <summary>
    /// Deletes the sequence (its project's managers, or its creator in the team); 400 while shots,
    /// scenes, tasks or links hang from it, unless forced: then they go with it.
    /// </summary>
    public Task RemoveSequenceAsync(string sequenceId, bool force) => RemoveContainerAsync(sequenceId, Sequence, force);

    /// <summary>The sequence's shots (its team; a vendor's: the ones they work on), filtered by the query.</summary>
    public async Task<JsonArray> SequenceShotsAsync(string sequenceId, IQueryCollection query)
    {
        var sequence = await entities.FindAsync(sequenceId, Sequence);
        await permissions.CheckProjectAccessAsync(sequence.ProjectId);
        return await NamedRowsAsync(await entities.ListedAsync(Shot, query, db.Entities.AsNoTracking().Where(e => e.ParentId == sequence.Id)), Shot);
    }

    /// <summary>/data/episodes: the episodes of the caller's projects filtered by the query.</summary>
    public Task<JsonArray> EpisodesAsync(IQueryCollection query) => ListAsync(Episode, query, null);

    /// <summary>The project's episodes (its team; a vendor's: the ones holding their shots).</summary>
    public async Task<JsonArray> ProjectEpisodesAsync(string projectId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        return await ListAsync(Episode, query, db.Entities.AsNoTracking().Where(e => e.ProjectId == project));
    }

    /// <summary>The episode with its project name.</summary>
    public async Task<JsonObject> FullEpisodeAsync(string episodeId)
    {
        var episode = await entities.ReadableAsync(episodeId, Episode);
        var json = await entities.PresentAsync(episode, Episode);
        json["project_name"] = await ProjectNameAsync(episode.ProjectId);
        return json;
    }

    /// <summary>Zou's episode statuses; any other falls back to "running".</summary>
    static readonly string[] EpisodeStatuses = ["running", "complete", "standby", "canceled"];

    /// <summary>
    /// A new episode of the project (its managers), 201, or the existing one of that name. A
    /// status outside Zou's falls back to "running".
    /// </summary>
    public async Task<JsonObject> CreateEpisodeAsync(string projectId, JsonObject fields)
    {
        var (name, description, data) = EntityService.NewEntityFields(fields);
        var status = RequestBody.OptionalText(fields, "status");
        var project = await ManagedProjectAsync(projectId);
        var type = await EntityKinds.TypeNamedAsync(db, Episode);
        var episode = new Entity
        {
            Name = name, Description = description, Data = data, ProjectId = project, EntityTypeId = type.Id,
            Status = EpisodeStatuses.Contains(status) ? status! : "running",
        };
        return await entities.PresentAsync(await entities.GetOrCreateAsync(episode, Episode, []), Episode);
    }

    /// <summary>
    /// Deletes the episode (its project's managers, or its creator in the team); 400 while
    /// sequences, assets, tasks, links or playlists hang from it, unless forced: then they go with it.
    /// </summary>
    public Task RemoveEpisodeAsync(string episodeId, bool force) => RemoveContainerAsync(episodeId, Episode, force);

    /// <summary>A sequence or an episode: found by kind, checked for the caller, removed with what hangs from it.</summary>
    async Task RemoveContainerAsync(string id, string kind, bool force)
    {
        var container = await entities.FindAsync(id, kind, tracked: true);
        await entities.CheckRemovableAsync(container);
        await entities.RemoveContainerAsync(container, kind, force);
    }

    /// <summary>The episode's sequences (its team; a vendor's: the ones holding their shots), filtered by the query.</summary>
    public async Task<JsonArray> EpisodeSequencesAsync(string episodeId, IQueryCollection query)
    {
        var episode = await entities.FindAsync(episodeId, Episode);
        await permissions.CheckProjectAccessAsync(episode.ProjectId);
        return await ListAsync(Sequence, query, db.Entities.AsNoTracking().Where(e => e.ParentId == episode.Id));
    }

    /// <summary>The shots of the episode's sequences (whom may read the episode; a vendor: the shots they work on).</summary>
    public async Task<JsonArray> EpisodeShotsAsync(string episodeId, bool relations)
    {
        var episode = await entities.ReadableAsync(episodeId, Episode);
        var sequences = db.Entities.Where(q => q.ParentId == episode.Id).Select(q => (Guid?)q.Id);
        var shots = await entities.ListedAsync(Shot, QueryCollection.Empty, db.Entities.AsNoTracking().Where(e => sequences.Contains(e.ParentId)));
        return await entities.PresentAsync(await shots.OrderBy(e => e.Name).ToListAsync(), Shot, relations);
    }

    /// <summary>
    /// /data/shots and /data/shots/all: the shots of the caller's projects (that have a sequence)
    /// filtered by the query, with project and sequence names; sequence_id keeps one sequence's
    /// (404 when it is not a sequence, 403 outside its team).
    /// </summary>
    public async Task<JsonArray> ShotsAsync(IQueryCollection query)
    {
        IQueryable<Entity>? scope = null;
        if (query.TryGetValue("sequence_id", out var sequenceId))
        {
            var sequence = await entities.FindAsync(sequenceId.ToString(), Sequence);
            await permissions.CheckProjectAccessAsync(sequence.ProjectId);
            scope = db.Entities.AsNoTracking().Where(e => e.ParentId == sequence.Id);
        }
        return await NamedRowsAsync(await entities.ListedAsync(Shot, query, scope), Shot);
    }

    /// <summary>The project's shots (its team; a vendor's: the ones they work on).</summary>
    public async Task<JsonArray> ProjectShotsAsync(string projectId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        return await ListAsync(Shot, query, db.Entities.AsNoTracking().Where(e => e.ProjectId == project));
    }

    /// <summary>
    /// A new shot of the project (its managers), 201, or the existing one of that name in the same
    /// sequence. sequence_id must be a sequence of the project (404); nb_frames a whole number, not
    /// negative (400). Its "shot:new" event names the sequence's episode.
    /// </summary>
    public async Task<JsonObject> CreateShotAsync(string projectId, JsonObject fields)
    {
        var (name, description, data) = EntityService.NewEntityFields(fields, absentDescription: null);
        var sequenceId = RequestBody.OptionalId(fields, "sequence_id");
        int? nbFrames = fields["nb_frames"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<int>(out var frames) => frames >= 0
                ? frames
                : throw new ValidationFailedException(("nb_frames", "Input should be greater than or equal to 0")),
            _ => throw new ValidationFailedException(("nb_frames", "Input should be a valid integer")),
        };
        var project = await ManagedProjectAsync(projectId);
        Entity? sequence = null;
        if (sequenceId is { } id)
            sequence = await OfKind(Sequence).FirstOrDefaultAsync(e => e.Id == id && e.ProjectId == project) ?? throw new NotFoundException();

        var type = await EntityKinds.TypeNamedAsync(db, Shot);
        var shot = new Entity
        {
            Name = name, Description = description, Data = data, NbFrames = nbFrames, ProjectId = project,
            EntityTypeId = type.Id, ParentId = sequenceId,
        };
        var saved = await entities.GetOrCreateAsync(shot, Shot, new JsonObject { ["episode_id"] = ZouSerializer.Value(sequence?.ParentId) });
        return await entities.PresentAsync(saved, Shot);
    }

    /// <summary>What PUT /data/shots/&lt;id&gt; never takes from the body (Zou's list, and the entity type).</summary>
    static readonly HashSet<string> NotUpdatable =
        ["instance_casting", "project_id", "entities_in", "entities_out", "shotgun_id", "created_by", "entity_type_id"];

    /// <summary>
    /// Zou's update_shot (the project's managers): the columns given replace the stored ones, data
    /// included (no merge). A new parent_id must be a sequence of the shot's project, a new
    /// source_id one of its scenes (404); nb_frames not negative (400). Emits "shot:update" and
    /// answers the row typed "Entity", as Zou.
    /// </summary>
    public async Task<JsonObject> UpdateShotAsync(string shotId, JsonNode? body)
    {
        var shot = await entities.FindAsync(shotId, Shot, tracked: true);
        await permissions.CheckManagerOfAsync(shot.ProjectId);
        if (body is not JsonObject fields)
            throw new WrongParameterException("Data are empty. Please verify that you sent JSON data and that you set the right headers.");
        var links = RowBinder.Apply(shot, fields, creating: false, NotUpdatable, db);
        if (shot.NbFrames < 0) throw new ValidationFailedException(("nb_frames", "Input should be greater than or equal to 0"));
        if (fields.ContainsKey("parent_id") && shot.ParentId is { } parent
            && !await OfKind(Sequence).AnyAsync(e => e.Id == parent && e.ProjectId == shot.ProjectId))
            throw new NotFoundException();
        if (fields.ContainsKey("source_id") && shot.SourceId is { } scene
            && !await OfKind("Scene").AnyAsync(e => e.Id == scene && e.ProjectId == shot.ProjectId))
            throw new NotFoundException();
        await RowBinder.WriteLinksAsync(shot.Id, links, db);
        events.Emit("shot:update", new JsonObject { ["shot_id"] = ZouSerializer.Uuid(shot.Id) }, shot.ProjectId);
        await db.SaveChangesAsync();
        return await entities.PresentAsync(shot, "Entity");
    }

    /// <summary>Cancels the shot when it has tasks, deletes it otherwise or when forced (managers, or its creator in the team).</summary>
    public async Task RemoveShotAsync(string shotId, bool force)
    {
        var shot = await entities.FindAsync(shotId, Shot, tracked: true);
        await entities.CheckRemovableAsync(shot);
        await entities.RemoveAsync(shot, Shot, force);
    }

    /// <summary>
    /// Zou's full shot: its with-tasks row (sequence, episode and project names, fps and frames
    /// taken from data, tasks) completed with its columns and relations. A shot without sequence
    /// has no such row: 404, as Zou.
    /// </summary>
    public async Task<JsonObject> FullShotAsync(string shotId)
    {
        var shot = await entities.ReadableAsync(shotId, Shot);
        var row = await withTasks.ShotRowAsync(shot) ?? throw new NotFoundException();
        foreach (var (key, value) in await entities.PresentAsync(shot, Shot, relations: true)) row[key] = value?.DeepClone();
        return row;
    }

    /// <summary>The assets cast in the shot, by name (whom may read the shot).</summary>
    public async Task<JsonArray> ShotAssetsAsync(string shotId)
    {
        var shot = await entities.ReadableAsync(shotId, Shot);
        var cast = db.EntityLinks.Where(l => l.EntityInId == shot.Id).Select(l => l.EntityOutId);
        var assets = await db.Entities.AsNoTracking().Where(e => cast.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync();
        return await entities.PresentAsync(assets, EntityKinds.Asset);
    }

    /// <summary>
    /// Zou's previews of an entity, keyed by task type id: each task's previews (task types by
    /// priority then name, newest revision first), the later previews of a revision nested in the
    /// first one's "previews". Only the tasks the caller may see.
    /// </summary>
    public async Task<JsonObject> ShotPreviewFilesAsync(string shotId)
    {
        var shot = await entities.ReadableAsync(shotId, Shot);
        var tasks = await permissions.NarrowVendorTasksAsync(db.Tasks.Where(t => t.EntityId == shot.Id));
        var rows = await db.PreviewFiles.AsNoTracking()
            .Join(tasks, p => p.TaskId, t => (Guid?)t.Id, (p, t) => new { Preview = p, TaskId = t.Id, t.TaskTypeId })
            .Join(db.TaskTypes, r => r.TaskTypeId, tt => (Guid?)tt.Id, (r, tt) => new { r.Preview, r.TaskId, TaskTypeId = tt.Id, tt.Priority, tt.Name })
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Name).ThenByDescending(r => r.Preview.Revision).ThenBy(r => r.Preview.CreatedAt)
            .ToListAsync();

        var result = new JsonObject();
        foreach (var task in rows.GroupBy(r => r.TaskId))
        {
            var revisions = new List<JsonObject>();
            foreach (var revision in task.GroupBy(r => r.Preview.Revision))
            {
                var main = PreviewEntry(revision.First().Preview, nested: false);
                main["previews"] = new JsonArray([.. revision.Skip(1).Select(r => (JsonNode)PreviewEntry(r.Preview, nested: true, r.TaskTypeId))]);
                revisions.Add(main);
            }
            result[ZouSerializer.Uuid(task.First().TaskTypeId)] = new JsonArray([.. revisions]);
        }
        return result;
    }

    /// <summary>One preview of <see cref="ShotPreviewFilesAsync"/>: a nested one also has its position and task type.</summary>
    static JsonObject PreviewEntry(PreviewFile preview, bool nested, Guid? taskTypeId = null)
    {
        var entry = new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(preview.Id),
            ["revision"] = preview.Revision,
        };
        if (nested) entry["position"] = preview.Position;
        entry["original_name"] = preview.OriginalName;
        entry["extension"] = preview.Extension;
        entry["width"] = preview.Width;
        entry["height"] = preview.Height;
        entry["duration"] = preview.Duration ?? 0;
        entry["status"] = preview.Status;
        entry["annotations"] = preview.Annotations?.DeepClone();
        if (!nested) entry["previews"] = new JsonArray();
        entry["created_at"] = ZouSerializer.Value(preview.CreatedAt);
        entry["task_id"] = ZouSerializer.Value(preview.TaskId);
        if (nested) entry["task_type_id"] = ZouSerializer.Value(taskTypeId);
        foreach (var key in (string[])["original_width", "original_height", "original_duration", "original_file_size"])
            entry[key] = preview.Data?[key]?.DeepClone();
        return entry;
    }

    /// <summary>The saved versions of the shot's name and data, newest first, typed "ShotVersion".</summary>
    public async Task<JsonArray> ShotVersionsAsync(string shotId)
    {
        var shot = await entities.ReadableAsync(shotId, Shot);
        var versions = await db.EntityVersions.AsNoTracking().Where(v => v.EntityId == shot.Id).OrderByDescending(v => v.CreatedAt).ToListAsync();
        var json = await serializer.RowsAsync(versions);
        foreach (var version in json) version!["type"] = "ShotVersion";
        return json;
    }

    /// <summary>
    /// /data/scenes/all: the scenes of the caller's projects (that have a sequence) filtered by
    /// the query, with project and sequence names; vendors are refused.
    /// </summary>
    public async Task<JsonArray> ScenesAsync(IQueryCollection query)
    {
        permissions.CheckNotVendor();
        return await NamedRowsAsync(await entities.ListedAsync(Scene, query), Scene);
    }

    /// <summary>The scene with its project name, its sequence's id and name, and the sequence's episode's.</summary>
    public async Task<JsonObject> FullSceneAsync(string sceneId)
    {
        var scene = await entities.ReadableAsync(sceneId, Scene);
        var json = await entities.PresentAsync(scene, Scene);
        json["project_name"] = await ProjectNameAsync(scene.ProjectId);
        if (await AddParentAsync(json, scene.ParentId, "sequence") is { } sequence)
            await AddParentAsync(json, sequence.ParentId, "episode");
        return json;
    }

    /// <summary>
    /// Zou's remove_scene (the project's managers, or its creator in the team): deleted, or only
    /// canceled while other rows (tasks, shots made from it, instances...) still point at it;
    /// "scene:delete" either way, as Zou.
    /// </summary>
    public async Task RemoveSceneAsync(string sceneId)
    {
        var scene = await entities.FindAsync(sceneId, Scene, tracked: true);
        await entities.CheckRemovableAsync(scene);
        if (await References.RemainAsync(db, scene)) scene.Canceled = true;
        else db.Entities.Remove(scene);
        events.Emit("scene:delete", new JsonObject { ["scene_id"] = ZouSerializer.Uuid(scene.Id) }, scene.ProjectId);
        await db.SaveChangesAsync();
    }

    /// <summary>The shots made from the scene (its source_id), with project and sequence names; a vendor's: the ones they work on.</summary>
    public async Task<JsonArray> SceneShotsAsync(string sceneId)
    {
        var scene = await entities.ReadableAsync(sceneId, Scene);
        var shots = db.Entities.AsNoTracking().Where(e => e.SourceId == scene.Id);
        return await NamedRowsAsync(await entities.ListedAsync(Shot, QueryCollection.Empty, shots), Shot);
    }

    /// <summary>
    /// Makes the scene the source of a shot of its project (the project's managers; 404 for a shot
    /// elsewhere). Emits "shot:update" and "shot:add-to-scene"; answers the shot typed "Entity", as Zou.
    /// </summary>
    public async Task<JsonObject> AddShotToSceneAsync(string sceneId, JsonObject fields)
    {
        var shotId = RequestBody.OptionalId(fields, "shot_id") ?? throw new ValidationFailedException(("shot_id", "Field required"));
        var scene = await ManagedSceneAsync(sceneId);
        var shot = await OfKind(Shot).AsTracking().FirstOrDefaultAsync(e => e.Id == shotId && e.ProjectId == scene.ProjectId)
            ?? throw new NotFoundException();
        return await SetShotSceneAsync(shot, scene, "shot:add-to-scene");
    }

    /// <summary>Unlinks a shot made from the scene (the project's managers; 404 for a shot that is not).</summary>
    public async Task RemoveShotFromSceneAsync(string sceneId, string shotId)
    {
        var scene = await ManagedSceneAsync(sceneId);
        var id = EntityService.PathId(shotId);
        var shot = await OfKind(Shot).AsTracking().FirstOrDefaultAsync(e => e.Id == id && e.SourceId == scene.Id)
            ?? throw new NotFoundException();
        await SetShotSceneAsync(shot, null, "shot:remove-from-scene");
    }

    async Task<Entity> ManagedSceneAsync(string sceneId)
    {
        var scene = await entities.FindAsync(sceneId, Scene);
        await permissions.CheckManagerOfAsync(scene.ProjectId);
        return scene;
    }

    async Task<JsonObject> SetShotSceneAsync(Entity shot, Entity? scene, string eventName)
    {
        var sceneId = scene?.Id ?? shot.SourceId!.Value;
        shot.SourceId = scene?.Id;
        events.Emit("shot:update", new JsonObject { ["shot_id"] = ZouSerializer.Uuid(shot.Id) }, shot.ProjectId);
        events.Emit(eventName, new JsonObject { ["scene_id"] = ZouSerializer.Uuid(sceneId), ["shot_id"] = ZouSerializer.Uuid(shot.Id) }, shot.ProjectId);
        await db.SaveChangesAsync();
        return await entities.PresentAsync(shot, "Entity");
    }

    /// <summary>The project's scenes (its team; a vendor's: the ones they work on).</summary>
    public async Task<JsonArray> ProjectScenesAsync(string projectId, IQueryCollection query)
    {
        var project = await entities.ProjectAsync(projectId);
        return await ListAsync(Scene, query, db.Entities.AsNoTracking().Where(e => e.ProjectId == project));
    }

    /// <summary>
    /// A new scene of the project (its managers), 201, or the existing one of that name in the
    /// same sequence. sequence_id must be a sequence of the project (404).
    /// </summary>
    public async Task<JsonObject> CreateSceneAsync(string projectId, JsonObject fields)
    {
        var name = RequestBody.RequiredText(fields, "name");
        var sequenceId = RequestBody.OptionalId(fields, "sequence_id");
        var project = await ManagedProjectAsync(projectId);
        if (sequenceId is { } id && !await OfKind(Sequence).AnyAsync(e => e.Id == id && e.ProjectId == project))
            throw new NotFoundException();

        var type = await EntityKinds.TypeNamedAsync(db, Scene);
        var scene = new Entity { Name = name, Data = new JsonObject(), ProjectId = project, EntityTypeId = type.Id, ParentId = sequenceId };
        return await entities.PresentAsync(await entities.GetOrCreateAsync(scene, Scene, []), Scene);
    }

    /// <summary>The sequence's scenes by name (whom may read the sequence; a vendor's: the ones they work on).</summary>
    public async Task<JsonArray> SequenceScenesAsync(string sequenceId)
    {
        var sequence = await entities.ReadableAsync(sequenceId, Sequence);
        return await ListAsync(Scene, QueryCollection.Empty, db.Entities.AsNoTracking().Where(e => e.ParentId == sequence.Id));
    }

    /// <summary>The task types of the tasks of the episode's shots (those of its sequences' children).</summary>
    public async Task<JsonArray> EpisodeTaskTypesAsync(string episodeId) =>
        await entities.TaskTypesAsync(TasksUnderEpisode((await entities.ReadableAsync(episodeId, Episode)).Id));

    /// <summary>The tasks of the episode's shots, detailed; not for vendors.</summary>
    public async Task<JsonArray> EpisodeShotTasksAsync(string episodeId, bool relations) =>
        await entities.TasksAsync(TasksUnderEpisode((await SharedReadableAsync(episodeId, Episode)).Id), relations);

    /// <summary>The tasks of the assets whose main episode it is, detailed; not for vendors.</summary>
    public async Task<JsonArray> EpisodeAssetTasksAsync(string episodeId, bool relations)
    {
        var episode = await SharedReadableAsync(episodeId, Episode);
        var assets = EntityKinds.OfKind(db, db.Entities, EntityKinds.Asset).Where(e => e.SourceId == episode.Id).Select(e => (Guid?)e.Id);
        return await entities.TasksAsync(db.Tasks.Where(t => assets.Contains(t.EntityId)), relations);
    }

    /// <summary>The task types of the tasks of the sequence's shots (its children).</summary>
    public async Task<JsonArray> SequenceTaskTypesAsync(string sequenceId) =>
        await entities.TaskTypesAsync(TasksUnder((await entities.ReadableAsync(sequenceId, Sequence)).Id));

    /// <summary>The tasks of the sequence's shots (its children), detailed; not for vendors.</summary>
    public async Task<JsonArray> SequenceShotTasksAsync(string sequenceId, bool relations) =>
        await entities.TasksAsync(TasksUnder((await SharedReadableAsync(sequenceId, Sequence)).Id), relations);

    /// <summary>The entity of that kind once the caller may read it and is no vendor there.</summary>
    async Task<Entity> SharedReadableAsync(string id, string kind)
    {
        var entity = await entities.ReadableAsync(id, kind);
        await permissions.CheckNotVendorOfAsync(entity.ProjectId);
        return entity;
    }

    /// <summary>The tasks of the entity's children (a sequence's shots and scenes).</summary>
    IQueryable<ProductionTask> TasksUnder(Guid parentId)
    {
        var children = db.Entities.Where(e => e.ParentId == parentId).Select(e => (Guid?)e.Id);
        return db.Tasks.Where(t => children.Contains(t.EntityId));
    }

    /// <summary>The tasks of the children of the episode's sequences.</summary>
    IQueryable<ProductionTask> TasksUnderEpisode(Guid episodeId)
    {
        var sequences = db.Entities.Where(e => e.ParentId == episodeId).Select(e => (Guid?)e.Id);
        var children = db.Entities.Where(e => sequences.Contains(e.ParentId)).Select(e => (Guid?)e.Id);
        return db.Tasks.Where(t => children.Contains(t.EntityId));
    }

    /// <summary>
    /// Zou's set_frames_from_task_type_preview_files (the project's managers): each shot of the
    /// project (of the episode when given) with a preview on a task of that type takes
    /// nb_frames = round(duration of its latest such preview × project fps). Emits "shot:update"
    /// for each; one unit of work. Answers [{id, nb_frames}].
    /// </summary>
    public async Task<JsonArray> SetShotFramesAsync(string projectId, string taskTypeId, string? episodeId)
    {
        if (!Values.TryUuid(projectId, out var project) || !Values.TryUuid(taskTypeId, out var taskType))
            throw new WrongParameterException("Invalid project or task type id");
        await permissions.CheckManagerOfAsync(project);
        var settings = await db.Projects.Where(p => p.Id == project).Select(p => new { p.Fps }).FirstOrDefaultAsync()
            ?? throw new NotFoundException();
        var shots = EntityKinds.OfKind(db, db.Entities, Shot).Where(s => s.ProjectId == project);
        if (!string.IsNullOrEmpty(episodeId))
        {
            if (!Values.TryUuid(episodeId, out var episode)) throw new WrongParameterException("Invalid episode id");
            if (!await OfKind(Episode).AnyAsync(e => e.Id == episode && e.ProjectId == project)) throw new NotFoundException();
            var sequences = db.Entities.Where(q => q.ParentId == episode).Select(q => (Guid?)q.Id);
            shots = shots.Where(s => sequences.Contains(s.ParentId));
        }
        if (!double.TryParse(settings.Fps, NumberStyles.Float, CultureInfo.InvariantCulture, out var fps))
            throw new WrongParameterException($"Invalid project fps: {settings.Fps}");

        var previews = await db.PreviewFiles.AsNoTracking()
            .Join(db.Tasks.Where(t => t.TaskTypeId == taskType), p => p.TaskId, t => (Guid?)t.Id, (p, t) => new { t.EntityId, p.CreatedAt, p.Duration })
            .Join(shots, r => r.EntityId, s => (Guid?)s.Id, (r, s) => new { ShotId = s.Id, r.CreatedAt, r.Duration })
            .ToListAsync();
        var frames = previews.GroupBy(p => p.ShotId)
            .Select(g => (ShotId: g.Key, Frames: Math.Round((g.MaxBy(p => p.CreatedAt)!.Duration ?? 0) * fps)))
            .Where(f => f.Frames is >= 0 and <= int.MaxValue)
            .ToDictionary(f => f.ShotId, f => (int)f.Frames);
        var ids = frames.Keys.ToList();
        var changed = await db.Entities.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync();
        foreach (var shot in changed)
        {
            shot.NbFrames = frames[shot.Id];
            events.Emit("shot:update", new JsonObject { ["shot_id"] = ZouSerializer.Uuid(shot.Id) }, shot.ProjectId);
        }
        await db.SaveChangesAsync();
        return new JsonArray([.. changed.Select(s => (JsonNode)new JsonObject { ["id"] = ZouSerializer.Uuid(s.Id), ["nb_frames"] = s.NbFrames })]);
    }

    async Task<JsonArray> ListAsync(string kind, IQueryCollection query, IQueryable<Entity>? scope)
    {
        var rows = await entities.ListedAsync(kind, query, scope);
        return await entities.PresentAsync(await rows.OrderBy(e => e.Name).ToListAsync(), kind);
    }

    /// <summary>
    /// Zou's get_shots and get_scenes rows, by name: the shots (or scenes) that have a sequence,
    /// with their project's and sequence's names.
    /// </summary>
    async Task<JsonArray> NamedRowsAsync(IQueryable<Entity> shots, string kind)
    {
        var rows = await shots
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { Shot = s, Project = p.Name })
            .Join(db.Entities, r => r.Shot.ParentId, q => (Guid?)q.Id, (r, q) => new { r.Shot, r.Project, Sequence = q.Name })
            .OrderBy(r => r.Shot.Name)
            .ToListAsync();
        var json = await entities.PresentAsync(rows.Select(r => r.Shot).ToList(), kind);
        for (var i = 0; i < rows.Count; i++)
        {
            json[i]!["project_name"] = rows[i].Project;
            json[i]!["sequence_name"] = rows[i].Sequence;
        }
        return json;
    }

    /// <summary>A project id of the path its managers act on: 403 for others, then 404 when it does not exist.</summary>
    async Task<Guid> ManagedProjectAsync(string projectId)
    {
        var project = EntityService.PathId(projectId);
        await permissions.CheckManagerOfAsync(project);
        if (!await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        return project;
    }

    IQueryable<Entity> OfKind(string kind) => EntityKinds.OfKind(db, db.Entities.AsNoTracking(), kind);

    Task<string> ProjectNameAsync(Guid projectId) => db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstAsync();
}
