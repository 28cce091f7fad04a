using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Entities;

/// <summary>
/// Who sees what in the with-tasks views (behavior-production.md §1.6): the query's id,
/// project_id and episode_id criteria, the project access checks, team and vendor narrowing and
/// the vendor's hidden metadata. The rows themselves are written by <see cref="WithTasksListing"/>.
/// </summary>
public sealed class WithTasksService(SlateDb db, Permissions permissions)
{
    /// <summary>The criteria the views filter on; the episode may be Zou's "all" or "main".</summary>
    sealed record Criteria(Guid? Id, Guid? Project, Guid? Episode, string? EpisodeSentinel);

    /// <summary>GET /data/assets/with-tasks: a non-admin sees their team projects' assets.</summary>
    public async Task<WithTasksListing> AssetsAsync(IQueryCollection query)
    {
        var criteria = await CriteriaAsync(query, requireProject: false);
        var assets = Filtered(EntityKinds.OfKind(db, db.Entities.AsNoTracking(), EntityKinds.Asset), criteria);
        if (criteria.Episode is { } episode)
            assets = assets.Where(e => e.SourceId == episode
                || db.EntityLinks.Any(l => l.EntityOutId == e.Id && l.EntityInId == episode));
        else if (criteria.EpisodeSentinel == "main") assets = assets.Where(e => e.SourceId == null);
        if (!permissions.IsAdmin)
        {
            var team = await permissions.TeamProjectIdsAsync();
            assets = assets.Where(e => team.Contains(e.ProjectId));
        }
        var castingEpisodes = criteria.Project is null ? [] : await CastingEpisodesAsync(criteria);
        return await ListingAsync(assets, EntityKinds.Asset, WithTasksLayouts.Assets, FormatOf(query), castingEpisodes);
    }

    /// <summary>GET /data/shots/with-tasks: shots in a sequence, their episode through it.</summary>
    public async Task<WithTasksListing> ShotsAsync(IQueryCollection query)
    {
        var criteria = await CriteriaAsync(query, requireProject: true);
        var shots = InSequence(Filtered(EntityKinds.OfKind(db, db.Entities.AsNoTracking(), "Shot"), criteria));
        if (criteria.Episode is { } episode)
            shots = shots.Where(e => db.Entities.Any(s => s.Id == e.ParentId && s.ParentId == episode));
        else if (criteria.EpisodeSentinel == "main")
            shots = shots.Where(e => db.Entities.Any(s => s.Id == e.ParentId && s.ParentId == null));
        return await ListingAsync(shots, "Shot", WithTasksLayouts.Shots, FormatOf(query));
    }

    /// <summary>
    /// GET /data/{sequences|episodes|scenes}/with-tasks: the lighter rows; episode_id filters on
    /// the parent ("all" lists nothing, as Zou). Vendors see the sequences and episodes above their
    /// shots, never scenes.
    /// </summary>
    public async Task<WithTasksListing> EntitiesAsync(string kind, IQueryCollection query)
    {
        var criteria = await CriteriaAsync(query, requireProject: true);
        if (kind == "Scene") await permissions.CheckNotVendorOfAsync(criteria.Project);
        var entities = Filtered(EntityKinds.OfKind(db, db.Entities.AsNoTracking(), kind), criteria);
        if (criteria.Episode is { } episode) entities = entities.Where(e => e.ParentId == episode);
        else if (criteria.EpisodeSentinel == "all") entities = entities.Where(e => false);
        return await ListingAsync(entities, kind, WithTasksLayouts.Entities, WithTasksFormat.Plain);
    }

    /// <summary>GET /data/entities/{id}/entities-linked/with-tasks: the entities concept-linked to one.</summary>
    public async Task<WithTasksListing> LinkedAsync(Entity entity)
    {
        await permissions.CheckEntityAccessAsync(entity.ProjectId, entity.Id);
        var linkedIds = db.EntityConceptLinks.Where(l => l.EntityOutId == entity.Id).Select(l => l.EntityInId);
        var linked = db.Entities.AsNoTracking().Where(e => linkedIds.Contains(e.Id));
        var conceptLinks = (await db.EntityConceptLinks.AsNoTracking()
                .Where(l => linkedIds.Contains(l.EntityInId))
                .Select(l => new { l.EntityInId, l.EntityOutId }).ToListAsync())
            .GroupBy(l => l.EntityInId).ToDictionary(g => g.Key, g => g.Select(l => l.EntityOutId).ToList());
        return new WithTasksListing(db, Rows(linked), db.Tasks.AsNoTracking(), permissions.User.Id, WithTasksLayouts.Linked)
        {
            ConceptLinks = conceptLinks,
        };
    }

    /// <summary>The with-tasks row of one asset, for the full asset (episodes it is cast in included).</summary>
    public async Task<JsonObject> AssetRowAsync(Entity asset)
    {
        var criteria = new Criteria(asset.Id, asset.ProjectId, null, null);
        var listing = await ListingAsync(Filtered(db.Entities.AsNoTracking(), criteria), EntityKinds.Asset, WithTasksLayouts.Assets,
            WithTasksFormat.Plain, await CastingEpisodesAsync(criteria));
        return (await listing.ObjectsAsync())[0];
    }

    /// <summary>The with-tasks row of one shot, for the full shot; none for a shot outside any sequence (Zou's 404).</summary>
    public async Task<JsonObject?> ShotRowAsync(Entity shot)
    {
        var listing = await ListingAsync(InSequence(db.Entities.AsNoTracking().Where(e => e.Id == shot.Id)), "Shot",
            WithTasksLayouts.Shots, WithTasksFormat.Plain);
        return (await listing.ObjectsAsync()).SingleOrDefault();
    }

    /// <summary>
    /// The listing of these entities as the caller may see it: a vendor lists what they reach
    /// (their assigned entities, and for sequences and episodes the ones above them), of it only
    /// their own tasks, and not the metadata restricted to other departments.
    /// </summary>
    async Task<WithTasksListing> ListingAsync(IQueryable<Entity> entities, string kind, WithTasksLayout layout,
        WithTasksFormat format, Dictionary<Guid, List<Guid>>? castingEpisodes = null)
    {
        var tasks = await permissions.NarrowVendorTasksAsync(db.Tasks.AsNoTracking());
        Dictionary<Guid, HashSet<string>> hidden = [];
        if (!permissions.IsAdmin && await permissions.VendorProjectIdsAsync() is { Count: > 0 } vendorProjects)
        {
            var reach = kind is "Sequence" or "Episode" ? permissions.ReachedEntityIds() : permissions.AssignedEntityIds();
            entities = entities.Where(e => !vendorProjects.Contains(e.ProjectId) || reach.Contains(e.Id));
            hidden = await permissions.HiddenMetadataAsync(kind, vendorProjects);
        }
        return new WithTasksListing(db, Rows(entities), tasks, permissions.User.Id, layout)
        {
            HiddenData = hidden,
            CastingEpisodes = castingEpisodes ?? [],
            Format = format,
        };
    }

    static WithTasksFormat FormatOf(IQueryCollection query) => (query["compact"] == "true", query["stream"] == "true") switch
    {
        (true, true) => WithTasksFormat.CompactStream,
        (true, false) => WithTasksFormat.Compact,
        (false, true) => WithTasksFormat.Stream,
        _ => WithTasksFormat.Plain,
    };

    /// <summary>
    /// The id criteria, 400 when malformed (Zou's check_criterion_id_format). Access: the project
    /// given, else the episode's; with neither, only admins may list every project's rows
    /// (Zou's check_project_access(None)) unless the view narrows to the team itself.
    /// </summary>
    async Task<Criteria> CriteriaAsync(IQueryCollection query, bool requireProject)
    {
        var id = CriterionId(query, "id");
        var project = CriterionId(query, "project_id");
        var sentinel = query["episode_id"].ToString() is "all" or "main" ? query["episode_id"].ToString() : null;
        var episode = sentinel is null ? CriterionId(query, "episode_id") : null;
        var accessProject = project;
        if (accessProject is null && episode is { } episodeId)
            accessProject = await EntityKinds.OfKind(db, db.Entities.AsNoTracking(), EntityKinds.Episode)
                .Where(e => e.Id == episodeId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync()
                ?? throw new NotFoundException();
        if (accessProject is not null || requireProject) await permissions.CheckProjectAccessAsync(accessProject);
        return new Criteria(id, project, episode, sentinel);
    }

    static Guid? CriterionId(IQueryCollection query, string field)
    {
        if (!query.TryGetValue(field, out var text)) return null;
        return Values.TryUuid(text.ToString(), out var id) ? id : throw new WrongParameterException($"Invalid UUID format for {field}: {text}");
    }

    /// <summary>Shots without a sequence have no with-tasks row (Zou joins the sequence).</summary>
    IQueryable<Entity> InSequence(IQueryable<Entity> shots) => shots.Where(e => db.Entities.Any(s => s.Id == e.ParentId));

    static IQueryable<Entity> Filtered(IQueryable<Entity> entities, Criteria criteria)
    {
        if (criteria.Id is { } id) entities = entities.Where(e => e.Id == id);
        if (criteria.Project is { } project) entities = entities.Where(e => e.ProjectId == project);
        return entities;
    }

    /// <summary>Each entity with its type, project, parent and grandparent names, as one query.</summary>
    IQueryable<EntityRow> Rows(IQueryable<Entity> entities) =>
        from e in entities
        join type in db.EntityTypes on e.EntityTypeId equals type.Id
        join project in db.Projects on e.ProjectId equals project.Id
        from parent in db.Entities.Where(p => p.Id == e.ParentId).DefaultIfEmpty()
        from grandparent in db.Entities.Where(g => g.Id == parent!.ParentId).DefaultIfEmpty()
        select new EntityRow
        {
            Entity = e,
            TypeName = type.Name,
            ProjectName = project.Name,
            ParentName = parent!.Name,
            GrandparentId = (Guid?)grandparent!.Id,
            GrandparentName = grandparent!.Name,
        };

    /// <summary>
    /// The episodes each asset of the criteria is cast in, by episode name (Zou fills them when a
    /// project is given, and keeps only the episode asked for).
    /// </summary>
    async Task<Dictionary<Guid, List<Guid>>> CastingEpisodesAsync(Criteria criteria)
    {
        var links = from link in db.EntityLinks.AsNoTracking()
                    join episode in EntityKinds.OfKind(db, db.Entities.AsNoTracking(), EntityKinds.Episode) on link.EntityInId equals episode.Id
                    where episode.ProjectId == criteria.Project
                    select new { link.EntityOutId, link.EntityInId, episode.Name };
        if (criteria.Episode is { } only) links = links.Where(l => l.EntityInId == only);
        if (criteria.Id is { } id) links = links.Where(l => l.EntityOutId == id);
        return (await links.OrderBy(l => l.Name).ToListAsync())
            .GroupBy(l => l.EntityOutId).ToDictionary(g => g.Key, g => g.Select(l => l.EntityInId).ToList());
    }
}
