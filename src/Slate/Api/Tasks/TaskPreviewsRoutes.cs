using Slate.Http;

namespace Slate.Api.Tasks;

/// <summary>
/// The tasks blueprint's preview routes (behavior-production.md §4.7, §5.9), in Zou's order.
/// Rules live in <see cref="TaskPreviewsService"/>.
/// </summary>
public static class TaskPreviewsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Post("/actions/tasks/{task_id}/comments/{comment_id}/add-preview",
                async (string task_id, string comment_id, HttpRequest request, TaskPreviewsService previews) =>
                    ZouJson.Result(await previews.AddPreviewAsync(task_id, comment_id, await RequestBody.ReadFieldsAsync(request)),
                        StatusCodes.Status201Created))
            .WithSummary("Add a preview record to a comment: a new revision, the revision given, or the comment's at the next position");
        routes.Post("/actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}",
                async (string task_id, string comment_id, string preview_file_id, TaskPreviewsService previews) =>
                    ZouJson.Result(await previews.AddExtraPreviewAsync(task_id, comment_id, preview_file_id), StatusCodes.Status201Created))
            .WithSummary("Add another preview of a preview's revision to a comment");
        routes.Delete("/actions/tasks/{task_id}/comments/{comment_id}/preview-files/{preview_file_id}",
                async (string task_id, string comment_id, string preview_file_id, TaskPreviewsService previews) =>
                {
                    await previews.RemovePreviewAsync(task_id, comment_id, preview_file_id);
                    return Results.NoContent();
                })
            .WithSummary("Remove a preview from a comment");
        routes.Put("/actions/tasks/{task_id}/to-review", async (string task_id, HttpRequest request, TaskPreviewsService previews) =>
                ZouJson.Result(await previews.ToReviewAsync(task_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Put a task in the To review status and say where its preview is expected on disk (deprecated)");
        routes.Put("/actions/tasks/set-main-preview", async (HttpRequest request, TaskPreviewsService previews) =>
                ZouJson.Result(await previews.SetMainPreviewsAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Make each task's last preview its entity's thumbnail");
        routes.Put("/actions/tasks/{task_id}/set-main-preview", async (string task_id, TaskPreviewsService previews) =>
                ZouJson.Result(await previews.SetMainPreviewAsync(task_id)))
            .WithSummary("Make the task's last preview its entity's thumbnail");
    }
}
