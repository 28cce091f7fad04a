using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// A production's custom columns (behavior-production.md §2.7). Team members read them (clients
/// those opened to clients, vendors those of no department or of theirs); admins, the project's
/// managers, and supervisors whose departments the descriptor covers change them. Renaming moves
/// the stored values to the new field name, deleting strips them, in the rows of the
/// descriptor's kind only, in the same unit of work.
/// </summary>
public sealed class MetadataDescriptorsService(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, ProjectsService projects)
{
    /// <summary>The kinds of rows a descriptor may describe.</summary>
    public static readonly string[] EntityTypes = ["Asset", "Shot", "Edit", "Episode", "Sequence", "Project", "Task"];

    const string WrongEntityType = "Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task.";
    const string Duplicate = "Metadata descriptor already exists.";

    /// <summary>The descriptors the caller may see, by position (unset last) then name, with their departments.</summary>
    public async Task<JsonArray> ListAsync(string projectId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var rows = await db.MetadataDescriptors.AsNoTracking().Where(d => d.ProjectId == project.Id).ToListAsync();
        return await serializer.RowsAsync(await VisibleAsync(project.Id, Ordered(rows)), relations: true);
    }

    /// <summary>One descriptor of the project, with its departments; 404 when it is another project's or hidden from the caller.</summary>
    public async Task<JsonObject> GetAsync(string projectId, string descriptorId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var descriptor = await DescriptorAsync(project.Id, descriptorId);
        if ((await VisibleAsync(project.Id, [descriptor])).Count == 0) throw new NotFoundException();
        return await serializer.RowAsync(descriptor, relations: true);
    }

    public async Task<JsonObject> CreateAsync(string projectId, JsonObject body)
    {
        var name = RequestBody.RequiredText(body, "name");
        var entityType = NonEmptyText(body, "entity_type") ?? "Asset";
        var taskTypeText = RequestBody.OptionalText(body, "task_type_id");
        var dataType = NonEmptyText(body, "data_type") ?? "string";
        var forClient = Flag(body);
        var choices = Strings(body, "choices");
        var departments = Strings(body, "departments");
        await permissions.CheckAllDepartmentsAccessAsync(ProjectsService.PathId(projectId), ParsedIds(departments));
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);

        if (!EntityTypes.Contains(entityType)) throw new WrongParameterException(WrongEntityType);
        Guid? taskType = null;
        if (entityType == "Task")
        {
            if (taskTypeText is null) throw new WrongParameterException("Task metadata descriptors require a task_type_id.");
            if (!Values.TryUuid(taskTypeText, out var id) || !await db.TaskTypes.AnyAsync(t => t.Id == id))
                throw new WrongParameterException("Task type not found.");
            taskType = id;
        }
        else if (taskTypeText is not null) throw new WrongParameterException("task_type_id only applies to Task metadata descriptors.");
        if (!MetadataDescriptorCollection.DataTypes.Contains(dataType)) throw new WrongParameterException("Invalid data_type");

        var fieldName = Slugs.Of(name, '_');
        if (await db.MetadataDescriptors.AnyAsync(d => d.ProjectId == project.Id && d.EntityType == entityType && (d.Name == name || d.FieldName == fieldName)))
            throw new WrongParameterException(Duplicate);
        var descriptor = new MetadataDescriptor
        {
            ProjectId = project.Id, EntityType = entityType, TaskTypeId = taskType, Name = name, FieldName = fieldName,
            DataType = dataType, Choices = new JsonArray([.. choices.Select(c => (JsonNode?)c)]), ForClient = forClient ?? false,
        };
        db.MetadataDescriptors.Add(descriptor);
        db.DepartmentMetadataDescriptorLinks.AddRange((await DepartmentIdsAsync(departments)).Select(d =>
            new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = d }));
        return await SaveAsync("metadata-descriptor:new", descriptor);
    }

    /// <summary>Changes the fields sent; a new name renames the field and moves its stored values.</summary>
    public async Task<JsonObject> UpdateAsync(string projectId, string descriptorId, JsonObject body)
    {
        var name = RequestBody.OptionalText(body, "name");
        var dataType = body.ContainsKey("data_type") ? NonEmptyText(body, "data_type") ?? RequestBody.RequiredText(body, "data_type") : null;
        var forClient = Flag(body);
        var choices = body.ContainsKey("choices") ? Strings(body, "choices") : null;
        var departmentTexts = body.ContainsKey("departments") ? Strings(body, "departments") : null;
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var descriptor = await DescriptorAsync(project.Id, descriptorId, tracked: true);
        var current = await DepartmentsOfAsync(descriptor.Id);
        // Zou checks the old and new departments together, which lets a supervisor drop them all; both must be theirs here.
        await permissions.CheckAllDepartmentsAccessAsync(project.Id, current);
        if (departmentTexts is not null) await permissions.CheckAllDepartmentsAccessAsync(project.Id, ParsedIds(departmentTexts));
        var departments = departmentTexts is null ? null : await DepartmentIdsAsync(departmentTexts);
        if (name is { Length: 0 }) throw new WrongParameterException("Name cannot be empty.");
        if (dataType is not null && !MetadataDescriptorCollection.DataTypes.Contains(dataType)) throw new WrongParameterException("Invalid data_type");

        if (name is not null && name != descriptor.Name)
        {
            var fieldName = Slugs.Of(name, '_');
            if (await db.MetadataDescriptors.AnyAsync(d => d.ProjectId == project.Id && d.EntityType == descriptor.EntityType && d.Id != descriptor.Id
                    && (d.Name == name || d.FieldName == fieldName)))
                throw new WrongParameterException(Duplicate);
            if (fieldName != descriptor.FieldName) await RewriteValuesAsync(descriptor, fieldName);
            descriptor.Name = name;
            descriptor.FieldName = fieldName;
        }
        if (dataType is not null) descriptor.DataType = dataType;
        if (forClient is not null) descriptor.ForClient = forClient;
        if (choices is not null) descriptor.Choices = new JsonArray([.. choices.Select(c => (JsonNode?)c)]);
        if (departments is not null)
        {
            db.DepartmentMetadataDescriptorLinks.RemoveRange(await db.DepartmentMetadataDescriptorLinks.Where(l => l.MetadataDescriptorId == descriptor.Id).ToListAsync());
            db.DepartmentMetadataDescriptorLinks.AddRange(departments.Select(d =>
                new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = d }));
        }
        return await SaveAsync("metadata-descriptor:update", descriptor);
    }

    /// <summary>Deletes the descriptor and strips its values from the rows it described.</summary>
    public async Task DeleteAsync(string projectId, string descriptorId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var descriptor = await DescriptorAsync(project.Id, descriptorId, tracked: true);
        await permissions.CheckAllDepartmentsAccessAsync(project.Id, await DepartmentsOfAsync(descriptor.Id));
        await RewriteValuesAsync(descriptor, null);
        db.DepartmentMetadataDescriptorLinks.RemoveRange(await db.DepartmentMetadataDescriptorLinks.Where(l => l.MetadataDescriptorId == descriptor.Id).ToListAsync());
        db.MetadataDescriptors.Remove(descriptor);
        await SaveAsync("metadata-descriptor:delete", descriptor);
    }

    /// <summary>Positions 1..n in the list's order, then the kind's other descriptors by name (the project's managers).</summary>
    public async Task<JsonArray> ReorderAsync(string projectId, JsonObject body)
    {
        var entityType = RequestBody.RequiredText(body, "entity_type");
        if (body["descriptor_ids"] is not JsonArray { Count: > 0 })
            throw new ValidationFailedException(("descriptor_ids", body["descriptor_ids"] is null ? "Field required" : "List should have at least 1 item after validation, not 0"));
        var ids = Strings(body, "descriptor_ids");
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        if (!EntityTypes.Contains(entityType)) throw new WrongParameterException(WrongEntityType);

        var descriptors = await db.MetadataDescriptors.Where(d => d.ProjectId == project.Id && d.EntityType == entityType).ToListAsync();
        var byId = descriptors.ToDictionary(d => ZouSerializer.Uuid(d.Id));
        foreach (var id in ids)
            if (!byId.ContainsKey(id.ToLowerInvariant()))
                throw new WrongParameterException($"Descriptor {id} not found for project {ZouSerializer.Uuid(project.Id)} and entity type {entityType}");
        var listed = ids.Select(id => byId[id.ToLowerInvariant()]).Distinct().ToList();
        var position = 1;
        foreach (var descriptor in listed.Concat(descriptors.Except(listed).OrderBy(d => d.Name, StringComparer.Ordinal)))
            descriptor.Position = position++;
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(Ordered(descriptors), relations: true);
    }

    async Task<JsonObject> SaveAsync(string eventName, MetadataDescriptor descriptor)
    {
        events.Emit(eventName, new JsonObject { ["metadata_descriptor_id"] = ZouSerializer.Uuid(descriptor.Id) }, descriptor.ProjectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(descriptor);
    }

    /// <summary>
    /// Moves each stored value of the descriptor's field to <paramref name="newField"/>, or strips it
    /// when null, in the rows of the descriptor's kind: the project, its tasks of the task type, or
    /// its entities of the kind. One query loads the rows; the changes join the unit of work.
    /// </summary>
    async Task RewriteValuesAsync(MetadataDescriptor descriptor, string? newField)
    {
        var project = descriptor.ProjectId;
        IEnumerable<(Func<JsonNode?> Get, Action<JsonNode?> Set)> rows;
        if (descriptor.EntityType == "Project")
            rows = (await db.Projects.Where(p => p.Id == project && p.Data != null).ToListAsync()).Select(p => Accessors(() => p.Data, v => p.Data = v));
        else if (descriptor.EntityType == "Task")
            rows = (await db.Tasks.Where(t => t.ProjectId == project && t.TaskTypeId == descriptor.TaskTypeId && t.Data != null).ToListAsync())
                .Select(t => Accessors(() => t.Data, v => t.Data = v));
        else
        {
            var temporal = EntityKinds.TemporalTypeNames;
            var kind = descriptor.EntityType;
            var types = db.EntityTypes.Where(t => kind == EntityKinds.Asset ? !temporal.Contains(t.Name) : t.Name == kind).Select(t => t.Id);
            rows = (await db.Entities.Where(e => e.ProjectId == project && types.Contains(e.EntityTypeId) && e.Data != null).ToListAsync())
                .Select(e => Accessors(() => e.Data, v => e.Data = v));
        }
        foreach (var (get, set) in rows)
        {
            if (get() is not JsonObject data || !data.TryGetPropertyValue(descriptor.FieldName, out var value)) continue;
            if (newField is not null && value is null) continue;
            var changed = data.DeepClone().AsObject();
            changed.Remove(descriptor.FieldName);
            if (newField is not null) changed[newField] = value!.DeepClone();
            set(changed);
        }
    }

    static (Func<JsonNode?>, Action<JsonNode?>) Accessors(Func<JsonNode?> get, Action<JsonNode?> set) => (get, set);

    /// <summary>Clients see the descriptors opened to clients; vendors those of no department or of one of theirs (role in the project).</summary>
    async Task<List<MetadataDescriptor>> VisibleAsync(Guid projectId, List<MetadataDescriptor> descriptors)
    {
        var role = await permissions.ProjectRoleAsync(projectId);
        if (role == "client") return [.. descriptors.Where(d => d.ForClient == true)];
        if (role != "vendor") return descriptors;
        var mine = await permissions.DepartmentIdsAsync();
        var ids = descriptors.Select(d => d.Id).ToList();
        var links = (await db.DepartmentMetadataDescriptorLinks.AsNoTracking().Where(l => ids.Contains(l.MetadataDescriptorId)).ToListAsync())
            .ToLookup(l => l.MetadataDescriptorId, l => l.DepartmentId);
        return [.. descriptors.Where(d => !links[d.Id].Any() || links[d.Id].Intersect(mine).Any())];
    }

    /// <summary>Zou's order: position (unset last, as PostgreSQL sorts nulls), then name.</summary>
    static List<MetadataDescriptor> Ordered(IEnumerable<MetadataDescriptor> rows) =>
        [.. rows.OrderBy(d => d.Position is null).ThenBy(d => d.Position).ThenBy(d => d.Name, StringComparer.Ordinal)];

    async Task<MetadataDescriptor> DescriptorAsync(Guid projectId, string descriptorId, bool tracked = false)
    {
        var id = ProjectsService.PathId(descriptorId);
        var query = tracked ? db.MetadataDescriptors : db.MetadataDescriptors.AsNoTracking();
        return await query.FirstOrDefaultAsync(d => d.Id == id && d.ProjectId == projectId) ?? throw new NotFoundException();
    }

    Task<List<Guid>> DepartmentsOfAsync(Guid descriptorId) => db.DepartmentMetadataDescriptorLinks.AsNoTracking()
        .Where(l => l.MetadataDescriptorId == descriptorId).Select(l => l.DepartmentId).ToListAsync();

    static List<Guid> ParsedIds(List<string> texts) => [.. texts.Select(t => Values.TryUuid(t, out var id) ? id : Guid.Empty)];

    /// <summary>The departments named by id; 404 when one does not exist.</summary>
    async Task<List<Guid>> DepartmentIdsAsync(List<string> texts)
    {
        var ids = texts.Select(t => Values.TryUuid(t, out var id) ? id : throw new NotFoundException()).Distinct().ToList();
        if (ids.Count > 0 && await db.Departments.CountAsync(d => ids.Contains(d.Id)) != ids.Count) throw new NotFoundException();
        return ids;
    }

    /// <summary>A Pydantic str with min_length 1 that has a default: null when absent.</summary>
    static string? NonEmptyText(JsonObject body, string key) =>
        RequestBody.OptionalText(body, key) is { } text
            ? text.Length > 0 ? text : throw new ValidationFailedException((key, "String should have at least 1 character"))
            : null;

    /// <summary>An optional boolean: null when absent or null.</summary>
    static bool? Flag(JsonObject body) => body["for_client"] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v,
        var v => Values.Boolean(v.ToString()) ?? throw new ValidationFailedException(("for_client", "Input should be a valid boolean")),
    };

    /// <summary>A Pydantic List[str]: empty when absent.</summary>
    static List<string> Strings(JsonObject body, string key)
    {
        if (body[key] is null) return [];
        if (body[key] is not JsonArray items) throw new ValidationFailedException((key, "Input should be a valid list"));
        return [.. items.Select((item, i) => item is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? (string)v!
            : throw new ValidationFailedException(($"{key}.{i}", "Input should be a valid string")))];
    }
}
