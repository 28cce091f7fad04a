using Slate.Http;

namespace Slate.Api.Comments;

/// <summary>
/// Reading a task's conversation and the small writes around it, from Zou's tasks and comments
/// blueprints (behavior-production.md §4.3-4.5), in Zou's order. Rules live in
/// <see cref="CommentReadsService"/>.
/// </summary>
public static class CommentReadsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/tasks/{task_id}/comments", async (string task_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.TaskCommentsAsync(task_id)))
            .WithSummary("List the task's comments the caller may read, newest first, with author, status, previews and attachments");
        routes.Get("/data/tasks/{task_id}/comments/{comment_id}", async (string task_id, string comment_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.TaskCommentAsync(task_id, comment_id)))
            .WithSummary("Get one comment of the task");
        routes.Get("/data/projects/{project_id}/comments", async (string project_id, HttpRequest request, CommentReadsService comments) =>
                ZouJson.Result(await comments.ProjectCommentsAsync(project_id, request.Query)))
            .WithSummary("List the comments of the project's tasks, last updated first, optionally paged (studio team only)");
        routes.Post("/data/tasks/{task_id}/comments/{comment_id}/ack", async (string task_id, string comment_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.AcknowledgeAsync(task_id, comment_id)))
            .WithSummary("Toggle the caller's acknowledgement of a comment");
        routes.Post("/data/tasks/{task_id}/comments/{comment_id}/reply", async (string task_id, string comment_id, HttpRequest request, CommentReadsService comments) =>
                {
                    var (fields, files) = await CommentsRoutes.ReadAsync(request);
                    return ZouJson.Result(await comments.ReplyAsync(task_id, comment_id, fields, files));
                })
            .WithSummary("Reply to a comment; the task's followers, earlier repliers, the author and the people mentioned are notified");
        routes.Delete("/data/tasks/{task_id}/comments/{comment_id}/reply/{reply_id}", async (string task_id, string comment_id, string reply_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.DeleteReplyAsync(task_id, comment_id, reply_id)))
            .WithSummary("Delete a reply of a comment (its author or an admin)");
        routes.Post("/actions/tasks/{task_id}/comments/{comment_id}/move", async (string task_id, string comment_id, HttpRequest request, CommentReadsService comments) =>
                ZouJson.Result(await comments.MoveAsync(task_id, comment_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Move a comment to another task of the same entity (managers)");
        routes.Get("/data/projects/{project_id}/attachment-files", async (string project_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.ProjectAttachmentFilesAsync(project_id)))
            .WithSummary("List the attachment files of the project's comments (admins)");
        routes.Get("/data/tasks/{task_id}/attachment-files", async (string task_id, CommentReadsService comments) =>
                ZouJson.Result(await comments.TaskAttachmentFilesAsync(task_id)))
            .WithSummary("List the attachment files of the task's comments (admins)");
    }
}
