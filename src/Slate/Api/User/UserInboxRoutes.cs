using System.Text.Json.Nodes;
using Slate.Http;

namespace Slate.Api.User;

/// <summary>
/// The user blueprint's routes about the caller's inbox, in Zou's order: saved search filters and
/// their groups, notifications, task subscriptions, chats, sequence subscriptions. Every route is
/// refused to bots (Zou's require_person). Rules live in the area's services.
/// </summary>
public static class UserInboxRoutes
{
    public static void Map(IEndpointRouteBuilder area)
    {
        var routes = area.PersonsOnly();

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
