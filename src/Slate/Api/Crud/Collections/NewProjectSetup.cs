using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// What a project gets besides its row when it is created (Zou's ProjectsResource.post_creation):
/// the template the body names, the first episode of a tvshow and the all-projects metadata
/// columns. Everything is added to the create's unit of work, so it is saved with the project or
/// not at all.
/// </summary>
static class NewProjectSetup
{
    const string FirstEpisodeName = "E01";

    /// <summary>Settings a template gives a project unless the body sets them (Zou's PRODUCTION_SETTING_FIELDS).</summary>
    static readonly string[] TemplateSettings =
    [
        "fps", "ratio", "resolution", "production_type", "production_style", "max_retakes", "is_clients_isolated",
        "is_preview_download_allowed", "is_set_preview_automated", "is_publish_default_for_artists", "homepage",
        "hd_bitrate_compression", "ld_bitrate_compression",
    ];

    public static async Task ApplyAsync(Project project, JsonObject body, CrudContext c)
    {
        var descriptors = new Descriptors(project.Id, c);
        if (Body.Text(body, "project_template_id") is { Length: > 0 } templateId)
            await ApplyTemplateAsync(project, templateId, body, descriptors, c);
        if (project.ProductionType == ProjectCollection.TvShow) await FirstEpisodeAsync(project.Id, c);
        await CopyProjectDescriptorsAsync(project.Id, descriptors, c);
    }

    /// <summary>The project's episodes; a tvshow without any gets "E01" (Zou's get_or_create_first_episode).</summary>
    public static async Task FirstEpisodeAsync(Guid projectId, CrudContext c)
    {
        var episodeType = await EntityKinds.TypeNamedAsync(c.Db, EntityKinds.Episode);
        if (await c.Db.Entities.AnyAsync(e => e.ProjectId == projectId && e.EntityTypeId == episodeType.Id)) return;
        var episode = new Entity
        {
            Name = FirstEpisodeName, ProjectId = projectId, EntityTypeId = episodeType.Id, Status = "running",
            Description = "", Data = new JsonObject(), CreatedBy = c.User.Id,
        };
        c.Db.Entities.Add(episode);
        c.Events.Emit("episode:new", new JsonObject { ["episode_id"] = ZouSerializer.Uuid(episode.Id) }, projectId);
    }

    /// <summary>The project's first episode by name, as a POST or PUT answer names it.</summary>
    public static async Task<string?> FirstEpisodeIdAsync(Guid projectId, CrudContext c) =>
        await c.Db.Entities
            .Where(e => e.ProjectId == projectId)
            .Join(c.Db.EntityTypes.Where(t => t.Name == EntityKinds.Episode), e => e.EntityTypeId, t => t.Id, (e, t) => e)
            .OrderBy(e => e.Name)
            .Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync() is { } id ? ZouSerializer.Uuid(id) : null;

    /// <summary>
    /// Zou's apply_template_to_project on a new project: the template's settings where the body
    /// gave none, its file tree and data unless the body gave some, its links and its metadata
    /// descriptors.
    /// </summary>
    static async Task ApplyTemplateAsync(Project project, string templateId, JsonObject body, Descriptors descriptors, CrudContext c)
    {
        var template = Values.TryUuid(templateId, out var id)
            ? await c.Db.ProjectTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id)
            : null;
        if (template is null) throw new NotFoundException();

        var projectColumns = ModelColumns.Named(c.Db.Model, typeof(Project));
        var templateColumns = ModelColumns.Named(c.Db.Model, typeof(ProjectTemplate));
        foreach (var name in TemplateSettings.Where(name => body[name] is null))
            if (templateColumns[name].Property.GetValue(template) is { } value)
                projectColumns[name].Property.SetValue(project, value);
        if (IsEmpty(body["file_tree"]) && template.FileTree is not null) project.FileTree = template.FileTree.DeepClone();
        if (IsEmpty(body["data"]) && template.Data is not null) project.Data = template.Data.DeepClone();
        project.DefaultPreviewBackgroundFileId ??= template.DefaultPreviewBackgroundFileId;

        c.Db.ProjectTaskTypeLinks.AddRange(await c.Db.ProjectTemplateTaskTypeLinks.Where(l => l.ProjectTemplateId == id)
            .Select(l => new ProjectTaskTypeLink { ProjectId = project.Id, TaskTypeId = l.TaskTypeId, Priority = l.Priority })
            .ToListAsync());
        c.Db.ProjectTaskStatusLinks.AddRange(await c.Db.ProjectTemplateTaskStatusLinks.Where(l => l.ProjectTemplateId == id)
            .Select(l => new ProjectTaskStatusLink { ProjectId = project.Id, TaskStatusId = l.TaskStatusId, Priority = l.Priority, RolesForBoard = l.RolesForBoard })
            .ToListAsync());
        c.Db.ProjectAssetTypeLinks.AddRange(await c.Db.ProjectTemplateAssetTypeLinks.Where(l => l.ProjectTemplateId == id)
            .Select(l => new ProjectAssetTypeLink { ProjectId = project.Id, AssetTypeId = l.AssetTypeId })
            .ToListAsync());
        c.Db.ProjectStatusAutomationLinks.AddRange(await c.Db.ProjectTemplateStatusAutomationLinks.Where(l => l.ProjectTemplateId == id)
            .Select(l => new ProjectStatusAutomationLink { ProjectId = project.Id, StatusAutomationId = l.StatusAutomationId })
            .ToListAsync());
        c.Db.ProjectPreviewBackgroundFileLinks.AddRange(await c.Db.ProjectTemplatePreviewBackgroundFileLinks.Where(l => l.ProjectTemplateId == id)
            .Select(l => new ProjectPreviewBackgroundFileLink { ProjectId = project.Id, PreviewBackgroundFileId = l.PreviewBackgroundFileId })
            .ToListAsync());

        foreach (var snapshot in (template.MetadataDescriptors as JsonArray ?? []).OfType<JsonObject>())
        {
            var entityType = Body.Text(snapshot, "entity_type");
            var taskTypeId = Body.Uuid(snapshot, "task_type_id");
            if (entityType is not { Length: > 0 } || entityType == "Task" && taskTypeId is null) continue;
            await descriptors.AddAsync(entityType, taskTypeId, Body.Text(snapshot, "name"), Body.Text(snapshot, "data_type"),
                snapshot["choices"], snapshot["for_client"] is JsonValue forClient && forClient.TryGetValue<bool>(out var flag) && flag,
                (snapshot["departments"] as JsonArray ?? []).Select(d => d is JsonValue v && v.TryGetValue<string>(out var text) && Values.TryUuid(text, out var department) ? department : Guid.Empty));
        }
        c.Events.Emit("project:update", new JsonObject(), project.Id);
    }

    /// <summary>Python's truthiness for the JSON a body gives: null, {} and [] give way to the template.</summary>
    static bool IsEmpty(JsonNode? node) => node is null or JsonObject { Count: 0 } or JsonArray { Count: 0 };

    /// <summary>
    /// The Project descriptors (all-projects columns) of the open projects, copied onto the new
    /// project, one per field name (Zou's copy_project_metadata_descriptors).
    /// </summary>
    static async Task CopyProjectDescriptorsAsync(Guid projectId, Descriptors descriptors, CrudContext c)
    {
        var sources = await c.Db.MetadataDescriptors.AsNoTracking()
            .Where(d => d.EntityType == "Project" && d.ProjectId != projectId)
            .Join(c.Db.Projects, d => d.ProjectId, p => p.Id, (d, p) => new { Descriptor = d, p.ProjectStatusId })
            .Join(c.Db.ProjectStatuses.Where(s => s.Name == "Active" || s.Name == "open" || s.Name == "Open"),
                d => d.ProjectStatusId, s => s.Id, (d, s) => d.Descriptor)
            .OrderBy(d => d.Position).ThenBy(d => d.Name)
            .ToListAsync();
        var sourceIds = sources.Select(d => d.Id).ToList();
        var departments = (await c.Db.DepartmentMetadataDescriptorLinks.AsNoTracking()
                .Where(l => sourceIds.Contains(l.MetadataDescriptorId)).ToListAsync())
            .ToLookup(l => l.MetadataDescriptorId, l => l.DepartmentId);
        foreach (var source in sources)
            await descriptors.AddAsync("Project", null, source.Name, source.DataType, source.Choices, source.ForClient == true, departments[source.Id]);
    }

    /// <summary>The descriptors a new project receives, kept unique as the table's constraints want.</summary>
    sealed class Descriptors(Guid projectId, CrudContext c)
    {
        readonly HashSet<(string EntityType, Guid? TaskType, string Key)> taken = [];
        HashSet<Guid>? knownDepartments;

        /// <summary>Zou's add_metadata_descriptor: the field name is the slug of the name; a duplicate is skipped.</summary>
        public async Task AddAsync(string entityType, Guid? taskTypeId, string? name, string? dataType, JsonNode? choices,
            bool forClient, IEnumerable<Guid> departments)
        {
            if (name is not { Length: > 0 } || dataType is not null && !MetadataDescriptorCollection.DataTypes.Contains(dataType)) return;
            var fieldName = Slugs.Of(name, '_');
            (string, Guid?, string) byName = (entityType, taskTypeId, "name:" + name), byField = (entityType, taskTypeId, "field:" + fieldName);
            if (taken.Contains(byName) || taken.Contains(byField)) return;
            taken.Add(byName);
            taken.Add(byField);
            var descriptor = new MetadataDescriptor
            {
                ProjectId = projectId, EntityType = entityType, TaskTypeId = taskTypeId, Name = name, FieldName = fieldName,
                DataType = dataType, Choices = choices?.DeepClone() ?? new JsonArray(), ForClient = forClient,
            };
            c.Db.MetadataDescriptors.Add(descriptor);
            knownDepartments ??= [.. await c.Db.Departments.Select(d => d.Id).ToListAsync()];
            c.Db.DepartmentMetadataDescriptorLinks.AddRange(departments.Distinct().Where(knownDepartments.Contains)
                .Select(department => new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = department }));
            c.Events.Emit("metadata-descriptor:new", new JsonObject { ["metadata_descriptor_id"] = ZouSerializer.Uuid(descriptor.Id) }, projectId);
        }
    }
}
