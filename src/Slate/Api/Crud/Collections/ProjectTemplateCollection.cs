using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Project templates (behavior-services.md §8): read by managers and admins (global role),
/// written by admins. Zou's service creates them from the name, the description and the
/// production settings only, and answers its own errors with a bare {"message": ...}.
/// </summary>
public sealed class ProjectTemplateCollection : CrudCollection<ProjectTemplate>
{
    /// <summary>What a POST keeps of its body; Zou drops the rest silently.</summary>
    static readonly HashSet<string> Creatable =
    [
        "name", "description", "fps", "ratio", "resolution", "production_type", "production_style", "max_retakes",
        "is_clients_isolated", "is_preview_download_allowed", "is_set_preview_automated", "is_publish_default_for_artists",
        "homepage", "hd_bitrate_compression", "ld_bitrate_compression", "file_tree", "data", "metadata_descriptors",
    ];

    public override Task CheckListAsync(CrudContext c)
    {
        c.Permissions.CheckGlobalManager();
        return Task.CompletedTask;
    }

    public override Task CheckReadAsync(ProjectTemplate row, CrudContext c) => CheckListAsync(c);

    /// <summary>The links change through the template's own routes.</summary>
    public override IReadOnlySet<string> ProtectedOnUpdate { get; } =
        new HashSet<string> { "task_types", "task_statuses", "asset_types", "status_automations", "preview_background_files" };

    public override async Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        foreach (var key in body.Select(pair => pair.Key).Where(key => !Creatable.Contains(key)).ToList())
            body.Remove(key);
        if (Body.Text(body, "name") is not { Length: > 0 } name) throw Refused("name is required");
        await CheckNameIsFreeAsync(name, null, c);
    }

    public override async Task BeforeUpdateAsync(ProjectTemplate row, JsonObject body, CrudContext c)
    {
        if (Body.Text(body, "name") is { } name) await CheckNameIsFreeAsync(name, row.Id, c);
    }

    static async Task CheckNameIsFreeAsync(string name, Guid? self, CrudContext c)
    {
        if (await c.Db.ProjectTemplates.AnyAsync(t => t.Name == name && t.Id != self))
            throw Refused("A project template with this name already exists");
    }

    static ApiException Refused(string message) => new(400, new JsonObject { ["message"] = message });

    /// <summary>Zou's service answers a POST with the plain template, without its links.</summary>
    public override Task<JsonObject> AnswerOneAsync(ProjectTemplate row, OneAnswer answer, bool relations, CrudContext c) =>
        SerializeOneAsync(row, relations && answer != OneAnswer.Created, c);
}
