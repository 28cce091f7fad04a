using Slate.Api.Projects;
using Slate.Api.Tasks;
using Slate.Http;

namespace Slate.Api.User;

/// <summary>
/// Zou's user blueprint, the caller's context and work (behavior-production.md §10), in Zou's
/// order: the startup context, their tasks and task types per entity, their open projects and
/// the entities they have tasks on, their to-do, to-check and done lists. Like every /data/user
/// route, refused to bots (Zou's require_person). Rules live in <see cref="UserContextService"/>,
/// <see cref="UserWorkService"/> and <see cref="PersonTasksService"/>.
/// </summary>
public static class UserRoutes
{
    /// <summary>The entity kinds with per-entity task routes: path segment, path parameter, kind.</summary>
    static readonly (string Segment, string Parameter, string Kind)[] TaskKinds =
    [
        ("assets", "asset_id", "Asset"), ("shots", "shot_id", "Shot"), ("scenes", "scene_id", "Scene"), ("sequences", "sequence_id", "Sequence"),
    ];

    public static void Map(IEndpointRouteBuilder area)
    {
        var routes = area.PersonsOnly();
        routes.Get("/data/user/context", async (UserContextService context) => ZouJson.Result(await context.ContextAsync()))
            .WithSummary("Everything the web app loads at startup: reference data, people, the caller's projects, filters and counts");
        foreach (var (segment, parameter, kind) in TaskKinds)
            routes.Get($"/data/user/{segment}/{{{parameter}}}/tasks", async (HttpRequest request, UserWorkService work) =>
                    ZouJson.Result(await work.TasksAsync((string)request.RouteValues[parameter]!, kind)))
                .WithSummary($"List the caller's tasks on a {kind.ToLowerInvariant()} in their open projects");
        foreach (var (segment, parameter, kind) in TaskKinds)
            routes.Get($"/data/user/{segment}/{{{parameter}}}/task-types", async (HttpRequest request, UserWorkService work) =>
                    ZouJson.Result(await work.TaskTypesAsync((string)request.RouteValues[parameter]!, kind)))
                .WithSummary($"List the task types of the caller's tasks on a {kind.ToLowerInvariant()}");
        routes.Get("/data/user/projects/open", async (string? name, ProjectsService projects) =>
                ZouJson.Result(await projects.OpenProjectsAsync(name)))
            .WithSummary("List the caller's open projects (every open project for admins), optionally by name");
        routes.Get("/data/user/projects/{project_id}/asset-types", async (string project_id, UserWorkService work) =>
                ZouJson.Result(await work.AssetTypesAsync(project_id)))
            .WithSummary("List the asset types of a project with an asset the caller has a task on");
        routes.Get("/data/user/projects/{project_id}/asset-types/{asset_type_id}/assets", async (string project_id, string asset_type_id, UserWorkService work) =>
                ZouJson.Result(await work.AssetsAsync(project_id, asset_type_id)))
            .WithSummary("List the assets of a project and asset type the caller has a task on");
        routes.Get("/data/user/projects/{project_id}/sequences", async (string project_id, UserWorkService work) =>
                ZouJson.Result(await work.SequencesAsync(project_id)))
            .WithSummary("List the sequences of a project holding a shot the caller has a task on");
        routes.Get("/data/user/projects/{project_id}/episodes", async (string project_id, UserWorkService work) =>
                ZouJson.Result(await work.EpisodesAsync(project_id)))
            .WithSummary("List the episodes of a project holding a shot the caller has a task on");
        routes.Get("/data/user/sequences/{sequence_id}/shots", async (string sequence_id, UserWorkService work) =>
                ZouJson.Result(await work.SequenceChildrenAsync(sequence_id, "Shot")))
            .WithSummary("List the shots of a sequence the caller has a task on");
        routes.Get("/data/user/sequences/{sequence_id}/scenes", async (string sequence_id, UserWorkService work) =>
                ZouJson.Result(await work.SequenceChildrenAsync(sequence_id, "Scene")))
            .WithSummary("List the scenes of a sequence the caller has a task on");
        routes.Get("/data/user/tasks", async (PersonTasksService tasks) => ZouJson.Result(await tasks.UserTasksAsync(done: false)))
            .WithSummary("List the caller's unfinished tasks in their open projects (to-do)");
        routes.Get("/data/user/tasks-to-check", async (PersonTasksService tasks) => ZouJson.Result(await tasks.TasksToCheckAsync()))
            .WithSummary("List the tasks waiting for the caller's feedback: managed projects, supervised departments");
        routes.Get("/data/user/done-tasks", async (PersonTasksService tasks) => ZouJson.Result(await tasks.UserTasksAsync(done: true)))
            .WithSummary("List the caller's finished tasks in their open projects");
    }
}
