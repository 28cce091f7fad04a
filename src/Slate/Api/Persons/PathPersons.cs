using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Persons;

/// <summary>
/// The person a route names in its path, read one way for every route: 404 when the id is
/// malformed or unknown, 403 for a bot where the route is about people's work (Zou's
/// check_person_is_not_bot). Tracked when the caller changes the row.
/// </summary>
public static class PathPersons
{
    public static async Task<Person> FindAsync(SlateDb db, string personId, bool refuseBots = true, bool tracked = false)
    {
        if (!Values.TryUuid(personId, out var id)) throw new NotFoundException();
        var persons = tracked ? db.Persons : db.Persons.AsNoTracking();
        var person = await persons.FirstOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
        if (refuseBots && person.IsBot) throw new PermissionDeniedException();
        return person;
    }

    public static async Task<Guid> IdAsync(SlateDb db, string personId, bool refuseBots = true) =>
        (await FindAsync(db, personId, refuseBots)).Id;
}
