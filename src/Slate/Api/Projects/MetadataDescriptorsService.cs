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
/// descriptor's kind only, in the same unit of work. The all-projects variants apply the same
/// change, by field name, to every open project the caller manages (admins: every open project).
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
        var departmentTexts = Strings(body, "departments");
        await permissions.CheckAllDepartmentsAccessAsync(ProjectsService.PathId(projectId), ParsedIds(departmentTexts));
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
        CheckDataType(dataType);
        var departments = await DepartmentIdsAsync(departmentTexts);

        if (await NameTakenAsync([project.Id], entityType, name, null)) throw new WrongParameterException(Duplicate);
        var descriptor = AddDescriptor(project.Id, entityType, taskType, name, dataType, forClient ?? false, choices, departments);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(descriptor);
    }

    /// <summary>Changes the fields sent; a new name renames the field and moves its stored values.</summary>
    public async Task<JsonObject> UpdateAsync(string projectId, string descriptorId, JsonObject body)
    {
        var changes = ReadChanges(body);
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var descriptor = await DescriptorAsync(project.Id, descriptorId, tracked: true);
        // Zou checks the old and new departments together, which lets a supervisor drop them all; both must be theirs here.
        await permissions.CheckAllDepartmentsAccessAsync(project.Id, await DepartmentsOfAsync(descriptor.Id));
        if (changes.Departments is not null) await permissions.CheckAllDepartmentsAccessAsync(project.Id, ParsedIds(changes.Departments));
        if (changes.Name is { Length: 0 }) throw new WrongParameterException("Name cannot be empty.");
        if (changes.DataType is not null) CheckDataType(changes.DataType);
        var departments = changes.Departments is null ? null : await DepartmentIdsAsync(changes.Departments);
        await ChangeAsync(descriptor, changes, departments);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(descriptor);
    }

    /// <summary>Deletes the descriptor and strips its values from the rows it described.</summary>
    public async Task DeleteAsync(string projectId, string descriptorId)
    {
        var project = await projects.ProjectAsync(projectId, permissions.CheckProjectAccessAsync);
        var descriptor = await DescriptorAsync(project.Id, descriptorId, tracked: true);
        await permissions.CheckAllDepartmentsAccessAsync(project.Id, await DepartmentsOfAsync(descriptor.Id));
        await RemoveDescriptorsAsync([descriptor]);
        await db.SaveChangesAsync();
    }

    /// <summary>Positions 1..n in the list's order, then the kind's other descriptors by name (the project's managers).</summary>
    public async Task<JsonArray> ReorderAsync(string projectId, JsonObject body)
    {
        var entityType = RequestBody.RequiredText(body, "entity_type");
        var ids = RequiredList(body, "descriptor_ids");
        var project = await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync);
        if (!EntityTypes.Contains(entityType)) throw new WrongParameterException(WrongEntityType);

        var descriptors = await db.MetadataDescriptors.Where(d => d.ProjectId == project.Id && d.EntityType == entityType).ToListAsync();
        var byId = descriptors.ToDictionary(d => ZouSerializer.Uuid(d.Id));
        foreach (var id in ids)
            if (!byId.ContainsKey(id.ToLowerInvariant()))
                throw new WrongParameterException($"Descriptor {id} not found for project {ZouSerializer.Uuid(project.Id)} and entity type {entityType}");
        Reposition(descriptors, [.. ids.Select(id => byId[id.ToLowerInvariant()]).Distinct()]);
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(Ordered(descriptors), relations: true);
    }

    /// <summary>Adds the descriptor to every open project the caller manages that has none of that name; the ones created.</summary>
    public async Task<JsonArray> CreateOnProjectsAsync(JsonObject body)
    {
        permissions.CheckGlobalManager();
        var name = RequestBody.RequiredText(body, "name");
        var entityType = NonEmptyText(body, "entity_type") ?? "Asset";
        var dataType = NonEmptyText(body, "data_type") ?? "string";
        var forClient = Flag(body);
        var choices = Strings(body, "choices");
        var departmentTexts = Strings(body, "departments");
        CheckSharedEntityType(entityType);
        CheckDataType(dataType);
        var departments = await DepartmentIdsAsync(departmentTexts);

        var fieldName = Slugs.Of(name, '_');
        var projectIds = await ManagedOpenProjectIdsAsync();
        var taken = await db.MetadataDescriptors
            .Where(d => projectIds.Contains(d.ProjectId) && d.EntityType == entityType && (d.Name == name || d.FieldName == fieldName))
            .Select(d => d.ProjectId).ToListAsync();
        var created = projectIds.Except(taken)
            .Select(project => AddDescriptor(project, entityType, null, name, dataType, forClient ?? false, choices, departments)).ToList();
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(created);
    }

    /// <summary>Changes the descriptor of that field name and kind in every open project the caller manages; the ones changed.</summary>
    public async Task<JsonArray> UpdateOnProjectsAsync(string fieldName, JsonObject body)
    {
        permissions.CheckGlobalManager();
        var entityType = RequestBody.RequiredText(body, "entity_type");
        var changes = ReadChanges(body);
        CheckSharedEntityType(entityType);
        if (changes.DataType is not null) CheckDataType(changes.DataType);
        var departments = changes.Departments is null ? null : await DepartmentIdsAsync(changes.Departments);
        var descriptors = await SharedDescriptorsAsync(entityType, fieldName);
        foreach (var descriptor in descriptors)
            await ChangeAsync(descriptor, changes with { Name = string.IsNullOrEmpty(changes.Name) ? null : changes.Name }, departments);
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(descriptors);
    }

    /// <summary>Deletes the descriptor of that field name and kind from every open project the caller manages; the ids removed.</summary>
    public async Task<JsonArray> DeleteOnProjectsAsync(string fieldName, string? entityType)
    {
        permissions.CheckGlobalManager();
        CheckSharedEntityType(entityType);
        var descriptors = await SharedDescriptorsAsync(entityType!, fieldName);
        await RemoveDescriptorsAsync(descriptors);
        await db.SaveChangesAsync();
        return new JsonArray([.. descriptors.Select(d => (JsonNode)ZouSerializer.Uuid(d.Id))]);
    }

    /// <summary>The same column order, by field name, in every open project the caller manages; the descriptors of the projects concerned.</summary>
    public async Task<JsonArray> ReorderOnProjectsAsync(JsonObject body)
    {
        permissions.CheckGlobalManager();
        var entityType = RequestBody.RequiredText(body, "entity_type");
        var fieldOrder = RequiredList(body, "field_order");
        CheckSharedEntityType(entityType);
        var projectIds = await ManagedOpenProjectIdsAsync();
        var descriptors = await db.MetadataDescriptors.Where(d => projectIds.Contains(d.ProjectId) && d.EntityType == entityType).ToListAsync();
        var updated = new List<MetadataDescriptor>();
        foreach (var project in descriptors.GroupBy(d => d.ProjectId).OrderBy(g => projectIds.IndexOf(g.Key)))
        {
            var byField = project.ToDictionary(d => d.FieldName);
            var listed = fieldOrder.Where(byField.ContainsKey).Select(f => byField[f]).Distinct().ToList();
            if (listed.Count == 0) continue;
            Reposition([.. project], listed);
            updated.AddRange(Ordered(project));
        }
        await db.SaveChangesAsync();
        return await serializer.RowsAsync(updated, relations: true);
    }

    /// <summary>A new descriptor with its departments, and its event, in the unit of work.</summary>
    MetadataDescriptor AddDescriptor(Guid projectId, string entityType, Guid? taskType, string name, string dataType, bool forClient,
        List<string> choices, List<Guid> departments)
    {
        var descriptor = new MetadataDescriptor
        {
            ProjectId = projectId, EntityType = entityType, TaskTypeId = taskType, Name = name, FieldName = Slugs.Of(name, '_'),
            DataType = dataType, Choices = new JsonArray([.. choices.Select(c => (JsonNode?)c)]), ForClient = forClient,
        };
        db.MetadataDescriptors.Add(descriptor);
        db.DepartmentMetadataDescriptorLinks.AddRange(departments.Select(d =>
            new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = d }));
        Emit("metadata-descriptor:new", descriptor);
        return descriptor;
    }

    /// <summary>Applies the changes sent; a new field name moves the stored values. 400 when the name clashes with another descriptor.</summary>
    async Task ChangeAsync(MetadataDescriptor descriptor, DescriptorChanges changes, List<Guid>? departments)
    {
        if (changes.Name is { } name && name != descriptor.Name)
        {
            if (await NameTakenAsync([descriptor.ProjectId], descriptor.EntityType, name, descriptor.Id)) throw new WrongParameterException(Duplicate);
            var fieldName = Slugs.Of(name, '_');
            if (fieldName != descriptor.FieldName) await RewriteValuesAsync(descriptor, fieldName);
            descriptor.Name = name;
            descriptor.FieldName = fieldName;
        }
        if (changes.DataType is not null) descriptor.DataType = changes.DataType;
        if (changes.ForClient is not null) descriptor.ForClient = changes.ForClient;
        if (changes.Choices is not null) descriptor.Choices = new JsonArray([.. changes.Choices.Select(c => (JsonNode?)c)]);
        if (departments is not null)
        {
            db.DepartmentMetadataDescriptorLinks.RemoveRange(await db.DepartmentMetadataDescriptorLinks.Where(l => l.MetadataDescriptorId == descriptor.Id).ToListAsync());
            db.DepartmentMetadataDescriptorLinks.AddRange(departments.Select(d =>
                new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = d }));
        }
        Emit("metadata-descriptor:update", descriptor);
    }

    /// <summary>Removes the descriptors, their department links and their stored values.</summary>
    async Task RemoveDescriptorsAsync(List<MetadataDescriptor> descriptors)
    {
        var ids = descriptors.Select(d => d.Id).ToList();
        db.DepartmentMetadataDescriptorLinks.RemoveRange(await db.DepartmentMetadataDescriptorLinks.Where(l => ids.Contains(l.MetadataDescriptorId)).ToListAsync());
        foreach (var descriptor in descriptors)
        {
            await RewriteValuesAsync(descriptor, null);
            db.MetadataDescriptors.Remove(descriptor);
            Emit("metadata-descriptor:delete", descriptor);
        }
    }

    /// <summary>Positions 1..n for the listed descriptors, then the others by name.</summary>
    static void Reposition(List<MetadataDescriptor> all, List<MetadataDescriptor> listed)
    {
        var position = 1;
        foreach (var descriptor in listed.Concat(all.Except(listed).OrderBy(d => d.Name, StringComparer.Ordinal)))
            descriptor.Position = position++;
    }

    void Emit(string eventName, MetadataDescriptor descriptor) =>
        events.Emit(eventName, new JsonObject { ["metadata_descriptor_id"] = ZouSerializer.Uuid(descriptor.Id) }, descriptor.ProjectId);

    /// <summary>Whether another descriptor of the kind in the projects has the name or its field name.</summary>
    Task<bool> NameTakenAsync(List<Guid> projectIds, string entityType, string name, Guid? except)
    {
        var fieldName = Slugs.Of(name, '_');
        return db.MetadataDescriptors.AnyAsync(d => projectIds.Contains(d.ProjectId) && d.EntityType == entityType && d.Id != except
            && (d.Name == name || d.FieldName == fieldName));
    }

    /// <summary>Open projects the caller manages: every open project for admins, else the team ones where their role is manager.</summary>
    async Task<List<Guid>> ManagedOpenProjectIdsAsync()
    {
        if (permissions.IsAdmin)
            return await db.Projects.Where(p => db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && ProjectsService.OpenStatusNames.Contains(s.Name)))
                .OrderBy(p => p.Name).Select(p => p.Id).ToListAsync();
        return [.. (await permissions.OpenTeamRolesAsync()).Where(p => p.Role == "manager").Select(p => p.Project)];
    }

    async Task<List<MetadataDescriptor>> SharedDescriptorsAsync(string entityType, string fieldName)
    {
        var projectIds = await ManagedOpenProjectIdsAsync();
        return await db.MetadataDescriptors.Where(d => projectIds.Contains(d.ProjectId) && d.EntityType == entityType && d.FieldName == fieldName)
            .OrderBy(d => d.ProjectId).ToListAsync();
    }

    /// <summary>The all-projects routes serve every kind but Task.</summary>
    static void CheckSharedEntityType(string? entityType)
    {
        if (entityType is null || entityType == "Task" || !EntityTypes.Contains(entityType))
            throw new WrongParameterException("Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.");
    }

    static void CheckDataType(string dataType)
    {
        if (!MetadataDescriptorCollection.DataTypes.Contains(dataType)) throw new WrongParameterException("Invalid data_type");
    }

    /// <summary>What a PUT body changes: the fields sent.</summary>
    sealed record DescriptorChanges(string? Name, string? DataType, bool? ForClient, List<string>? Choices, List<string>? Departments);

    static DescriptorChanges ReadChanges(JsonObject body) => new(
        RequestBody.OptionalText(body, "name"),
        body.ContainsKey("data_type") ? NonEmptyText(body, "data_type") ?? RequestBody.RequiredText(body, "data_type") : null,
        Flag(body),
        body.ContainsKey("choices") ? Strings(body, "choices") : null,
        body.ContainsKey("departments") ? Strings(body, "departments") : null);

    /// <summary>A required Pydantic List[str] of at least one item.</summary>
    static List<string> RequiredList(JsonObject body, string key)
    {
        if (body[key] is not JsonArray { Count: > 0 })
            throw new ValidationFailedException((key, body[key] is null ? "Field required" : "List should have at least 1 item after validation, not 0"));
        return Strings(body, key);
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
