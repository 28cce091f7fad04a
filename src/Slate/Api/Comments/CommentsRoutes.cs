using System.Text.Json.Nodes;
using Slate.Http;
using Slate.Storage;

namespace Slate.Api.Comments;

/// <summary>
/// Posting comments and their attachments (Zou's comments blueprint, in its order), then the
/// comment deletion of the tasks blueprint and the batch comments of the previews blueprint.
/// Rules live in <see cref="CommentsService"/>.
/// </summary>
public static class CommentsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Delete("/data/tasks/{task_id}/comments/{comment_id}/attachments/{attachment_file_id}",
                async (string task_id, string comment_id, string attachment_file_id, CommentsService comments) =>
                {
                    await comments.DeleteAttachmentAsync(task_id, comment_id, attachment_file_id);
                    return Results.NoContent();
                })
            .WithSummary("Delete an attachment of a comment (its author or a manager of the project)");
        routes.Get("/data/attachment-files/{attachment_file_id}/file/{file_name}",
                async (string attachment_file_id, string file_name, CommentsService comments, FileServing serving, CancellationToken cancel) =>
                    await serving.SendAsync(await comments.AttachmentToSendAsync(attachment_file_id), cancel))
            .WithSummary("Download an attachment file (raster images inline, anything else as a download)");
        routes.Post("/actions/tasks/{task_id}/comments/{comment_id}/add-attachment",
                async (string task_id, string comment_id, HttpRequest request, CommentsService comments) =>
                    ZouJson.Result(await comments.AddAttachmentsAsync(task_id, comment_id, (await ReadAsync(request)).Files),
                        StatusCodes.Status201Created))
            .WithSummary("Attach the uploaded files to a comment (its author or a manager of the project)");
        routes.Post("/actions/tasks/{task_id}/comment", async (string task_id, HttpRequest request, CommentsService comments) =>
                {
                    var (fields, files) = await ReadAsync(request);
                    return ZouJson.Result(await comments.CommentTaskAsync(task_id, fields, files), StatusCodes.Status201Created);
                })
            .WithSummary("Post a comment on a task, JSON or multipart with attachments (may change the task's status)");
        routes.Post("/actions/projects/{project_id}/tasks/comment-many", async (string project_id, HttpRequest request, CommentsService comments) =>
                ZouJson.Result(await comments.CommentManyAsync(project_id, await RequestBody.ReadJsonAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Post comments on several tasks of a project (non-managers: only their own tasks)");
        routes.Delete("/data/tasks/{task_id}/comments/{comment_id}", async (string task_id, string comment_id, HttpRequest request, CommentsService comments) =>
                {
                    await comments.DeleteAsync(task_id, comment_id, request.Query);
                    return Results.NoContent();
                })
            .WithSummary("Delete a comment of a task; the task falls back to what its remaining comments say");
        routes.Post("/actions/tasks/{task_id}/batch-comment", async (string task_id, HttpRequest request, CommentsService comments) =>
                {
                    var (fields, files) = await ReadAsync(request);
                    return ZouJson.Result(await comments.BatchCommentAsync(task_id, fields, files), StatusCodes.Status201Created);
                })
            .WithSummary("Post several comments on one task, JSON or multipart with attachments");
        routes.Post("/actions/tasks/batch-comment", async (HttpRequest request, CommentsService comments) =>
                {
                    var (fields, files) = await ReadAsync(request);
                    return ZouJson.Result(await comments.BatchCommentAsync(null, fields, files), StatusCodes.Status201Created);
                })
            .WithSummary("Post comments on several tasks at once, JSON or multipart with attachments");
    }

    /// <summary>The body's fields (JSON or form) and, for a multipart form, every uploaded file whatever its key.</summary>
    internal static async Task<(JsonObject Fields, List<UploadedFile> Files)> ReadAsync(HttpRequest request)
    {
        var fields = await RequestBody.ReadFieldsAsync(request);
        if (!request.HasFormContentType) return (fields, []);
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return (fields, [.. form.Files.Select(f => new UploadedFile(f.Name, f.FileName, f.ContentType, f.OpenReadStream))]);
    }
}
