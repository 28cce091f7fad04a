using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Productions (behavior-production.md §2.3): everyone lists, non-admins only the open projects
/// whose team holds them; team members read one; admins create and delete (closed projects
/// only); the project's managers change its settings.
/// </summary>
public sealed partial class ProjectCollection : CrudCollection<Project>
{
    /// <summary>Zou's PROJECT_STYLES codes.</summary>
    static readonly HashSet<string> ProductionStyles =
    [
        "2d", "2dpaper", "3d", "2d3d", "ar", "vfx", "stop-motion", "motion-design", "archviz", "commercial",
        "catalog", "immersive", "nft", "video-game", "vr",
    ];

    /// <summary>A production type whose project has episodes.</summary>
    public const string TvShow = "tvshow";

    /// <summary>"1920x1080" or "x1080".</summary>
    [GeneratedRegex(@"^(\d{3,4})?x\d{3,4}$")]
    private static partial Regex Resolution();

    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;

    public override async Task<IQueryable<Project>> NarrowListAsync(IQueryable<Project> rows, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return rows;
        var projects = await c.Permissions.OpenTeamProjectIdsAsync();
        return rows.Where(p => projects.Contains(p.Id));
    }

    public override Task CheckReadAsync(Project row, CrudContext c) => c.Permissions.CheckProjectAccessAsync(row.Id);

    public override Task CheckUpdateAsync(Project row, JsonObject body, CrudContext c) => c.Permissions.CheckManagerOfAsync(row.Id);

    /// <summary>Admins only, and only closed projects (Zou checks the status before the role; Slate checks the role first).</summary>
    public override async Task CheckDeleteAsync(Project row, CrudContext c)
    {
        c.Permissions.CheckAdmin();
        var status = await c.Db.ProjectStatuses.Where(s => s.Id == row.ProjectStatusId).Select(s => s.Name).FirstOrDefaultAsync();
        if (status == OpenStatus.Name)
            throw new ApiException(400, ApiException.ErrorBody("Only closed projects can be deleted"));
    }

    /// <summary>The team changes through the team routes only.</summary>
    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "team" };

    public override IReadOnlySet<string> NotColumns { get; } = new HashSet<string> { "project_template_id" };

    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        CheckSettings(body);
        if (Body.Uuid(body, "preview_background_file_id") is { } background && !BackgroundIds(body).Contains(background))
            throw new WrongParameterException("Invalid preview_background_file_id");
        return Task.CompletedTask;
    }

    public override async Task BeforeCreateAsync(Project row, JsonObject body, CrudContext c)
    {
        if (!body.ContainsKey("project_status_id")) row.ProjectStatusId = (await OpenStatus.GetOrCreateAsync(c.Db)).Id;
        await NewProjectSetup.ApplyAsync(row, body, c);
    }

    public override async Task BeforeUpdateAsync(Project row, JsonObject body, CrudContext c)
    {
        CheckSettings(body);
        if (Body.Uuid(body, "preview_background_file_id") is { } background)
        {
            var allowed = body.ContainsKey("preview_background_files")
                ? BackgroundIds(body)
                : await c.Db.ProjectPreviewBackgroundFileLinks.Where(l => l.ProjectId == row.Id).Select(l => l.PreviewBackgroundFileId).ToListAsync();
            if (!allowed.Contains(background)) throw new WrongParameterException("Invalid preview_background_file_id");
        }
        var productionType = body.ContainsKey("production_type") ? Body.Text(body, "production_type") : row.ProductionType;
        if (productionType == TvShow) await NewProjectSetup.FirstEpisodeAsync(row.Id, c);
    }

    /// <summary>Zou's checks on the settings a body may carry, on create and update.</summary>
    static void CheckSettings(JsonObject body)
    {
        if (body.TryGetPropertyValue("production_style", out var style))
        {
            if (style is null) body["production_style"] = "2d3d";
            if (Body.Text(body, "production_style") is not { } code || !ProductionStyles.Contains(code))
                throw new WrongParameterException("Invalid production_style");
        }
        if (body["resolution"] is { } resolution && resolution.ToString() is { Length: > 0 } text
            && (resolution.GetValueKind() != System.Text.Json.JsonValueKind.String || !Resolution().IsMatch(text)))
            throw new WrongParameterException($"Invalid resolution {text}. Expected format: '1920x1080' or 'x1080'.");
    }

    /// <summary>The preview background ids a body links the project to.</summary>
    static List<Guid> BackgroundIds(JsonObject body) => body["preview_background_files"] is JsonArray items
        ? [.. items.Select(item => item is JsonObject o ? o["id"] : item)
            .Select(id => id is JsonValue v && v.TryGetValue<string>(out var text) && Values.TryUuid(text, out var guid) ? guid : Guid.Empty)]
        : [];

    /// <summary>GET one adds the status name; a tvshow's POST and PUT answers name its first episode.</summary>
    /// <summary>Compiled: a project read runs it every time.</summary>
    static readonly Func<SlateDb, Guid?, Task<string?>> StatusName = EF.CompileAsyncQuery((SlateDb db, Guid? id) =>
        db.ProjectStatuses.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefault());

    public override async Task<JsonObject> AnswerOneAsync(Project row, OneAnswer answer, bool relations, CrudContext c)
    {
        var json = await SerializeOneAsync(row, relations, c);
        if (answer == OneAnswer.Read)
            json["project_status_name"] = await StatusName(c.Db, row.ProjectStatusId);
        else if (row.ProductionType == TvShow)
            json["first_episode_id"] = await NewProjectSetup.FirstEpisodeIdAsync(row.Id, c);
        return json;
    }

    public override async Task DeleteAsync(Project row, bool force, CrudContext c)
    {
        if (force) await ProjectRemoval.RemoveContentAsync(row.Id, c.Db);
        await base.DeleteAsync(row, force, c);
    }
}
