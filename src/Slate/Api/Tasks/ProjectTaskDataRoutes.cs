using Slate.Http;

namespace Slate.Api.Tasks;

/// <summary>
/// The tasks blueprint's admin listings of a project's notifications, previews and subscriptions,
/// in Zou's order. Rules live in <see cref="ProjectTaskDataService"/>.
/// </summary>
public static class ProjectTaskDataRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/projects/{project_id}/notifications", async (string project_id, HttpRequest request, ProjectTaskDataService data) =>
                ZouJson.Result(await data.NotificationsAsync(project_id, request.Query)))
            .WithSummary("List the notifications about the project's tasks, optionally paged (admins)");
        routes.Get("/data/projects/{project_id}/preview-files", async (string project_id, HttpRequest request, ProjectTaskDataService data) =>
                ZouJson.Result(await data.PreviewFilesAsync(project_id, request.Query)))
            .WithSummary("List the previews of the project's tasks, optionally paged (admins)");
        routes.Get("/data/projects/{project_id}/subscriptions", async (string project_id, ProjectTaskDataService data) =>
                ZouJson.Result(await data.SubscriptionsAsync(project_id)))
            .WithSummary("List the subscriptions to the project's tasks (admins)");
    }
}
