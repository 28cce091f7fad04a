using Microsoft.EntityFrameworkCore;

namespace Slate.Data;

/// <summary>
/// Zou's full entity names (names_service.get_full_entity_names), for news and file names:
/// "Episode / Sequence / Shot" (or "Sequence / Shot"), "Episode / Sequence" for a sequence, the
/// name alone for an episode, and "Type / Name" for every other kind, whose episode is its main
/// one (source_id). Three queries whatever the number of entities.
/// </summary>
public static class EntityNames
{
    public sealed record FullName(string Name, Guid? EpisodeId);

    sealed record Row(Guid Id, string Name, Guid? ParentId, Guid? SourceId, string TypeName);

    public static async Task<Dictionary<Guid, FullName>> FullNamesAsync(SlateDb db, IEnumerable<Guid> entityIds)
    {
        var entities = await LoadAsync(db, entityIds.Distinct().ToList());
        var parents = await LoadAsync(db, entities.Values.Select(e => e.ParentId).OfType<Guid>().Distinct().ToList());
        var grandparents = await LoadAsync(db, parents.Values.Select(e => e.ParentId).OfType<Guid>().Distinct().ToList());
        Row? Parent(Row row, Dictionary<Guid, Row> level) => row.ParentId is { } id ? level.GetValueOrDefault(id) : null;

        return entities.Values.ToDictionary(e => e.Id, e =>
        {
            switch (e.TypeName)
            {
                case "Shot":
                    if (Parent(e, parents) is not { } sequence) return new FullName(e.Name, null);
                    return Parent(sequence, grandparents) is { } episode
                        ? new FullName($"{episode.Name} / {sequence.Name} / {e.Name}", episode.Id)
                        : new FullName($"{sequence.Name} / {e.Name}", null);
                case "Episode":
                    return new FullName(e.Name, null);
                case "Sequence":
                    return Parent(e, parents) is { } parent
                        ? new FullName($"{parent.Name} / {e.Name}", parent.Id)
                        : new FullName(e.Name, null);
                default:
                    return new FullName($"{e.TypeName} / {e.Name}", e.SourceId);
            }
        });
    }

    static async Task<Dictionary<Guid, Row>> LoadAsync(SlateDb db, List<Guid> ids) => ids.Count == 0
        ? []
        : await db.Entities.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Join(db.EntityTypes, e => e.EntityTypeId, t => t.Id, (e, t) => new Row(e.Id, e.Name, e.ParentId, e.SourceId, t.Name))
            .ToDictionaryAsync(r => r.Id);
}
