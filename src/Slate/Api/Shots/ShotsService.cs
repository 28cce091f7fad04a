using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Shots;

/// <summary>
/// The shots blueprint's rules (behavior-production.md §1.3-1.8): episodes hold sequences, which
/// hold shots. What every kind of entity shares (finding, listing, creating, removing) is
/// <see cref="EntityService"/>.
/// </summary>
public sealed class ShotsService(SlateDb db, Permissions permissions, EntityService entities)
{
    const string Sequence = "Sequence";
    const string Shot = "Shot";

    /// <summary>
    /// /data/sequences: the sequences of the caller's projects filtered by the query; episode_id
    /// keeps one episode's (404 when it is not an episode, 403 outside its team).
    /// </summary>
    public async Task<JsonArray> SequencesAsync(IQueryCollection query)
    {
        IQueryable<Entity>? scope = null;
        if (query.TryGetValue("episode_id", out var episodeId))
        {
            var episode = await entities.FindAsync(episodeId.ToString(), EntityKinds.Episode);
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
        var episodeId = EntityService.OptionalId(fields, "episode_id");
        var project = EntityService.PathId(projectId);
        await permissions.CheckManagerOfAsync(project);
        if (!await db.Projects.AnyAsync(p => p.Id == project)) throw new NotFoundException();
        if (episodeId is { } episode && !await OfKind(EntityKinds.Episode).AnyAsync(e => e.Id == episode && e.ProjectId == project))
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
    public async Task RemoveSequenceAsync(string sequenceId, bool force)
    {
        var sequence = await entities.FindAsync(sequenceId, Sequence, tracked: true);
        await entities.CheckRemovableAsync(sequence);
        await entities.RemoveContainerAsync(sequence, Sequence, force);
    }

    /// <summary>The sequence's shots (its team; a vendor's: the ones they work on), filtered by the query.</summary>
    public async Task<JsonArray> SequenceShotsAsync(string sequenceId, IQueryCollection query)
    {
        var sequence = await entities.FindAsync(sequenceId, Sequence);
        await permissions.CheckProjectAccessAsync(sequence.ProjectId);
        return await ShotRowsAsync(await entities.ListedAsync(Shot, query, db.Entities.AsNoTracking().Where(e => e.ParentId == sequence.Id)));
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

    IQueryable<Entity> OfKind(string kind) => EntityKinds.OfKind(db, db.Entities.AsNoTracking(), kind);

    Task<string> ProjectNameAsync(Guid projectId) => db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).FirstAsync();
}
