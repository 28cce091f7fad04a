using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/events (api_event), admins only. Unpaginated, Zou caps the list at 1000 rows in no set
/// order (in practice the oldest); Slate answers the latest 1000, oldest first.
/// </summary>
public sealed class EventsCollection : CrudCollection<ApiEvent>
{
    const int UnpaginatedLimit = 1000;

    public override IQueryable<ApiEvent> Unpaginated(IQueryable<ApiEvent> rows) => rows
        .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
        .Take(UnpaginatedLimit)
        .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id);
}
