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
public sealed class ShotsService(SlateDb db, Permissions permissions, Events events, EntityService entities)
{
    const string Sequence = "Sequence";
    const string Shot = "Shot";
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
        if (sequence.ParentId is { } episodeId)
        {
            json["episode_id"] = ZouSerializer.Uuid(episodeId);
            json["episode_name"] = await db.Entities.Where(e => e.Id == episodeId).Select(e => e.Name).FirstAsync();
        }
        return json;
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
        return await ShotRowsAsync(await entities.ListedAsync(Shot, query, db.Entities.AsNoTracking().Where(e => e.ParentId == sequence.Id)));
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
        return await ShotRowsAsync(await entities.ListedAsync(Shot, query, scope));
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

    async Task<JsonArray> ListAsync(string kind, IQueryCollection query, IQueryable<Entity>? scope)
    {
        var rows = await entities.ListedAsync(kind, query, scope);
        return await entities.PresentAsync(await rows.OrderBy(e => e.Name).ToListAsync(), kind);
    }

    /// <summary>
    /// Zou's get_shots rows, by name: the shots that have a sequence, with their project's and
    /// sequence's names.
    /// </summary>
    async Task<JsonArray> ShotRowsAsync(IQueryable<Entity> shots)
    {
        var rows = await shots
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { Shot = s, Project = p.Name })
            .Join(db.Entities, r => r.Shot.ParentId, q => (Guid?)q.Id, (r, q) => new { r.Shot, r.Project, Sequence = q.Name })
            .OrderBy(r => r.Shot.Name)
            .ToListAsync();
        var json = await entities.PresentAsync(rows.Select(r => r.Shot).ToList(), Shot);
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
