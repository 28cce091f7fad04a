using System.Text.Json.Nodes;
using Slate.Api.Persons;
using Slate.Api.Projects;
using Slate.Api.Tasks;
using Slate.Http;

namespace Slate.Api.User;

/// <summary>
/// Zou's user blueprint (behavior-production.md §10, behavior-services.md §2 and §4), in Zou's
/// order: the caller's startup context, their work (tasks and task types per entity, open
/// projects, the entities they have tasks on, to-do, to-check and done lists), saved searches,
/// desktop login logs, time sheet and day offs, notifications, subscriptions and chats. Every
/// route works on the caller's own data and is refused to bots (Zou's require_person). Rules live
/// in the area's services and in <see cref="PersonTasksService"/>, <see cref="PersonTimeService"/>,
/// <see cref="PresenceService"/> and <see cref="PersonAccountsService"/>, shared with the persons routes.
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
        routes.Get("/data/user/filters", async (SearchFiltersService filters) =>
                ZouJson.Result(await filters.FiltersAsync()))
            .WithSummary("List the caller's saved search filters and the shared ones, by list type and project");
        routes.Post("/data/user/filters", async (HttpRequest request, SearchFiltersService filters) =>
                ZouJson.Result(await filters.CreateFilterAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Save a search filter for the caller");
        routes.Put("/data/user/filters/{filter_id}", async (string filter_id, HttpRequest request, SearchFiltersService filters) =>
                ZouJson.Result(await filters.UpdateFilterAsync(filter_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Change one of the caller's search filters");
        routes.Delete("/data/user/filters/{filter_id}", async (string filter_id, SearchFiltersService filters) =>
            {
                await filters.RemoveFilterAsync(filter_id);
                return Results.NoContent();
            })
            .WithSummary("Delete one of the caller's search filters");
        routes.Get("/data/user/filter-groups", async (SearchFiltersService filters) =>
                ZouJson.Result(await filters.GroupsAsync()))
            .WithSummary("List the caller's search filter groups and the shared ones, by list type and project");
        routes.Post("/data/user/filter-groups", async (HttpRequest request, SearchFiltersService filters) =>
                ZouJson.Result(await filters.CreateGroupAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create a search filter group for the caller");
        routes.Get("/data/user/filter-groups/{filter_group_id}", async (string filter_group_id, SearchFiltersService filters) =>
                ZouJson.Result(await filters.GroupAsync(filter_group_id)))
            .WithSummary("Get one of the caller's search filter groups");
        routes.Put("/data/user/filter-groups/{filter_group_id}", async (string filter_group_id, HttpRequest request, SearchFiltersService filters) =>
                ZouJson.Result(await filters.UpdateGroupAsync(filter_group_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Change one of the caller's search filter groups");
        routes.Delete("/data/user/filter-groups/{filter_group_id}", async (string filter_group_id, SearchFiltersService filters) =>
            {
                await filters.RemoveGroupAsync(filter_group_id);
                return Results.NoContent();
            })
            .WithSummary("Delete one of the caller's search filter groups with its filters");
        routes.Get("/data/user/desktop-login-logs", async (PresenceService presence) =>
                ZouJson.Result(await presence.UserLoginsAsync()))
            .WithSummary("The caller's desktop login logs, latest first");
        routes.Post("/data/user/desktop-login-logs", async (HttpRequest request, PresenceService presence) =>
                ZouJson.Result(await presence.AddUserLoginAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Log a desktop login of the caller at a date (now by default); updates their last presence");
        routes.Get("/data/user/time-spents", async (string? start_date, string? end_date, PersonTimeService time) =>
                ZouJson.Result(await time.UserTimeSpentsAsync(start_date, end_date)))
            .WithSummary("The caller's time spents, between start_date and end_date when given");
        routes.Get("/data/user/time-spents/{date}", async (string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserDayTimeSpentsAsync(date)))
            .WithSummary("The caller's time spents of a day");
        routes.Get("/data/user/tasks/{task_id}/time-spents/{date}", async (string task_id, string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserTaskTimeSpentAsync(task_id, date)))
            .WithSummary("The caller's time spent on a task on a day (404 when none)");
        routes.Get("/data/user/day-offs/{date}", async (string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserDayOffAsync(date)))
            .WithSummary("The caller's day off covering a date, or {}");
        routes.Get("/data/user/notifications", async (HttpRequest request, UserNotificationsService notifications) =>
                ZouJson.Result(await notifications.ListAsync(request.Query)))
            .WithSummary("List the caller's 100 newest notifications, filtered by date, task type, status, kind, read or watching");
        routes.Get("/data/user/notifications/{notification_id}", async (string notification_id, UserNotificationsService notifications) =>
                ZouJson.Result(await notifications.OneAsync(notification_id)))
            .WithSummary("Get one of the caller's notifications");
        routes.Put("/data/user/notifications/{notification_id}", async (string notification_id, HttpRequest request, UserNotificationsService notifications) =>
                ZouJson.Result(await notifications.UpdateAsync(notification_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Mark one of the caller's notifications read or unread");
        routes.Get("/data/user/tasks/{task_id}/subscribed", async (string task_id, SubscriptionsService subscriptions) =>
                ZouJson.Result(JsonValue.Create(await subscriptions.HasTaskAsync(task_id))))
            .WithSummary("Whether the caller follows a task");
        routes.Get("/data/user/chats", async (UserChatsService chats) =>
                ZouJson.Result(await chats.ListAsync()))
            .WithSummary("List the entity chats the caller takes part in, in open projects");
        routes.Post("/actions/user/chats/{entity_id}/join", async (string entity_id, UserChatsService chats) =>
                ZouJson.Result(await chats.JoinAsync(entity_id)))
            .WithSummary("Join an entity's chat");
        routes.Delete("/actions/user/chats/{entity_id}/join", async (string entity_id, UserChatsService chats) =>
            {
                await chats.LeaveAsync(entity_id);
                return Results.NoContent();
            })
            .WithSummary("Leave an entity's chat");
        routes.Post("/actions/user/tasks/subscribe", async (HttpRequest request, SubscriptionsService subscriptions) =>
                ZouJson.Result(await subscriptions.SubscribeManyAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Follow the listed tasks");
        routes.Post("/actions/user/tasks/unsubscribe", async (HttpRequest request, SubscriptionsService subscriptions) =>
                ZouJson.Result(await subscriptions.UnsubscribeManyAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Stop following the listed tasks");
        routes.Post("/actions/user/tasks/{task_id}/subscribe", async (string task_id, SubscriptionsService subscriptions) =>
                ZouJson.Result(await subscriptions.SubscribeAsync(task_id), StatusCodes.Status201Created))
            .WithSummary("Follow a task");
        routes.Delete("/actions/user/tasks/{task_id}/unsubscribe", async (string task_id, SubscriptionsService subscriptions) =>
            {
                await subscriptions.UnsubscribeAsync(task_id);
                return Results.NoContent();
            })
            .WithSummary("Stop following a task");
        routes.Delete("/actions/user/clear-avatar", async (PersonAccountsService accounts) =>
            {
                await accounts.ClearOwnAvatarAsync();
                return Results.NoContent();
            })
            .WithSummary("Remove the current user's avatar");
        foreach (var kind in new[] { "sequences", "entities" })
        {
            routes.Get($"/data/user/{kind}/{{sequence_id}}/task-types/{{task_type_id}}/subscribed",
                    async (string sequence_id, string task_type_id, SubscriptionsService subscriptions) =>
                        ZouJson.Result(JsonValue.Create(await subscriptions.HasSequenceAsync(sequence_id, task_type_id))))
                .WithSummary(kind == "sequences"
                    ? "Whether the caller follows a sequence for a task type"
                    : "Whether the caller follows an entity for a task type (alias of the sequence route)");
        }
        routes.Get("/data/user/projects/{project_id}/task-types/{task_type_id}/sequence-subscriptions",
                async (string project_id, string task_type_id, SubscriptionsService subscriptions) =>
                    ZouJson.Result(await subscriptions.SequenceIdsAsync(project_id, task_type_id)))
            .WithSummary("List the sequences of a project the caller follows for a task type");
        routes.Post("/actions/user/sequences/{sequence_id}/task-types/{task_type_id}/subscribe",
                async (string sequence_id, string task_type_id, SubscriptionsService subscriptions) =>
                    ZouJson.Result(await subscriptions.SubscribeSequenceAsync(sequence_id, task_type_id), StatusCodes.Status201Created))
            .WithSummary("Follow a sequence for a task type");
        routes.Delete("/actions/user/sequences/{sequence_id}/task-types/{task_type_id}/unsubscribe",
                async (string sequence_id, string task_type_id, SubscriptionsService subscriptions) =>
                {
                    await subscriptions.UnsubscribeSequenceAsync(sequence_id, task_type_id);
                    return Results.NoContent();
                })
            .WithSummary("Stop following a sequence for a task type");
        routes.Post("/actions/user/notifications/mark-all-as-read", async (UserNotificationsService notifications) =>
                ZouJson.Result(await notifications.MarkAllReadAsync()))
            .WithSummary("Mark all the caller's notifications read");
    }
}
