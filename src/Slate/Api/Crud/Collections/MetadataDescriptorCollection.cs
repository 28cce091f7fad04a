using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Custom columns of a production (behavior-production.md §2.7). Listed by everyone but vendors,
/// narrowed to open team projects (Zou means to refuse vendors but its check never fires); read
/// one and changed by admins only (the per-project routes serve managers).
/// </summary>
public sealed class MetadataDescriptorCollection : CrudCollection<MetadataDescriptor>
{
    /// <summary>Zou's METADATA_DESCRIPTOR_TYPES codes.</summary>
    public static readonly HashSet<string> DataTypes =
        ["string", "number", "list", "taglist", "boolean", "checklist", "date", "url", "textarea", "person"];

    public override Task CheckListAsync(CrudContext c)
    {
        c.Permissions.CheckNotVendor();
        return Task.CompletedTask;
    }

    public override Task<IQueryable<MetadataDescriptor>> NarrowListAsync(IQueryable<MetadataDescriptor> rows, CrudContext c) =>
        ProjectScopedCollection<MetadataDescriptor>.InOpenTeamProjects(rows, c);

    /// <summary>Zou lists descriptors with their departments when no query string is given.</summary>
    public override bool RelationsWithoutQuery => true;

    public override Task PrepareCreateAsync(JsonObject body, CrudContext c) => CheckDataType(body);

    public override Task BeforeUpdateAsync(MetadataDescriptor row, JsonObject body, CrudContext c) => CheckDataType(body);

    static Task CheckDataType(JsonObject body)
    {
        if (body.ContainsKey("data_type") && (Body.Text(body, "data_type") is not { } type || !DataTypes.Contains(type)))
            throw new WrongParameterException("Invalid data_type");
        return Task.CompletedTask;
    }
}
