using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Entity types (asset types and the temporal types): reference data everyone reads and admins
/// change. Zou names their events after asset types (asset-type:* with asset_type_id, no project).
/// </summary>
public sealed class EntityTypeCollection : ReferenceCollection<EntityType>
{
    public override async Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        // Compared without case: "character" is refused when "Character" exists.
        if (Body.Text(body, "name")?.ToLowerInvariant() is { } name
            && await c.Db.EntityTypes.AnyAsync(t => t.Name.ToLower() == name))
            throw new WrongParameterException("Entity type with this name already exists");
    }

    /// <summary>A PUT answers the type's workflow (task_types) too, as Zou's post_update adds it.</summary>
    public override Task<JsonObject> AnswerOneAsync(EntityType row, OneAnswer answer, bool relations, CrudContext c) =>
        SerializeOneAsync(row, relations || answer == OneAnswer.Updated, c);

    public override string EventName(EntityType row) => "asset-type";
}
