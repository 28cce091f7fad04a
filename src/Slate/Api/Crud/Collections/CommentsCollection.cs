using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Comments;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/comments (behavior-platform.md §2.10, §2.11, §3.4; behavior-production.md §4): admins list
/// and create; reading follows the comment rules (clients, client authors, isolation); editing
/// follows author, assignee and supervisor rules; managers of the project or the author delete.
/// A comment's project is its task's.
/// </summary>
public sealed class CommentsCollection : CrudCollection<Comment>
{
    /// <summary>What someone who did not write the comment may change.</summary>
    static readonly HashSet<string> OpenToOthers = ["pinned", "checklist"];

    public override Task CheckReadAsync(Comment row, CrudContext c) => CheckCommentReadAsync(row, c);

    /// <summary>
    /// Zou's comment access: project and entity access; managers and supervisors read everything;
    /// clients read what is marked for them, or (outside isolated projects) what clients wrote, or
    /// (in isolated ones) their own; other roles never read what clients wrote.
    /// </summary>
    public static async Task CheckCommentReadAsync(Comment comment, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        var task = await Parents.TaskAsync(c, comment.ObjectId) ?? throw new PermissionDeniedException();
        await c.Permissions.CheckEntityAccessAsync(task.ProjectId, task.EntityId);
        var role = await c.Permissions.ProjectRoleAsync(task.ProjectId);
        if (role is "manager" or "supervisor") return;
        var writtenByClient = await c.Permissions.RoleOfPersonInProjectAsync(comment.PersonId, task.ProjectId) == "client";
        if (role == "client")
        {
            if (comment.ForClient == true) return;
            var isolated = await c.Db.Projects.AsNoTracking().AnyAsync(p => p.Id == task.ProjectId && p.IsClientsIsolated == true);
            if (writtenByClient && (!isolated || comment.PersonId == c.User.Id)) return;
            throw new PermissionDeniedException();
        }
        if (writtenByClient) throw new PermissionDeniedException();
    }

    public override async Task CheckUpdateAsync(Comment row, JsonObject body, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        var task = await Parents.TaskAsync(c, row.ObjectId) ?? throw new PermissionDeniedException();
        var role = await c.Permissions.ProjectRoleAsync(task.ProjectId) ?? throw new PermissionDeniedException();
        // A comment stays on its task: moving one is the move action's job, for managers too.
        if (body.ContainsKey("object_id") && Body.Uuid(body, "object_id") != row.ObjectId) throw new PermissionDeniedException();
        if (role == "manager") return;

        if (Changes(body, "for_client", row.ForClient ?? false)) throw new PermissionDeniedException();
        var supervisorHere = role == "supervisor"
            && await c.Permissions.CoversDepartmentAsync(await c.Permissions.TaskTypeDepartmentAsync(task.TaskTypeId));
        if (Changes(body, "pinned", row.Pinned) && !supervisorHere) throw new PermissionDeniedException();
        var isAuthor = row.PersonId == c.User.Id;
        if (!isAuthor)
        {
            if (Changes(body, "checklist", row.Checklist) && !supervisorHere && !await c.Permissions.IsAssignedToTaskAsync(task.Id))
                throw new PermissionDeniedException();
            if (body.Any(pair => !OpenToOthers.Contains(pair.Key))) throw new PermissionDeniedException();
        }
        if (body.ContainsKey("person_id") && Body.Uuid(body, "person_id") != c.User.Id) throw new PermissionDeniedException();
        if (body.ContainsKey("task_status_id"))
        {
            var status = Body.Uuid(body, "task_status_id");
            if (status != row.TaskStatusId) await c.Permissions.CheckTaskActionAccessAsync(task);
            await c.Permissions.CheckTaskStatusAllowedAsync(task.ProjectId, status);
        }
    }

    static bool Changes(JsonObject body, string key, object? current) =>
        body.TryGetPropertyValue(key, out var value) && !JsonNode.DeepEquals(value, ZouSerializer.Value(current));

    /// <summary>The editor is the caller; mentions, and their notifications, always follow the text, whatever the body says.</summary>
    public override async Task BeforeUpdateAsync(Comment row, JsonObject body, CrudContext c)
    {
        body["editor_id"] = ZouSerializer.Uuid(c.User.Id);
        var text = body.ContainsKey("text") ? Body.Text(body, "text") : row.Text;
        var (persons, departments) = await CommentMentions.FindAsync(await ProjectOfAsync(row, c), text, c);
        body["mentions"] = new JsonArray([.. persons.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
        body["department_mentions"] = new JsonArray([.. departments.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
        // The mention notifications follow the new text (Zou's reset_notifications_for_mentions).
        if (await Parents.TaskAsync(c, row.ObjectId) is { } task)
            await c.Services.GetRequiredService<NotificationService>().ReplaceMentionsAsync(task, row, persons, departments);
    }

    /// <summary>A new status on the comment moves the task's status and dates (behavior-production.md §4.4).</summary>
    public override async Task BeforeSaveAsync(Comment row, CrudContext c)
    {
        if (c.Action != CrudAction.Update) return;
        var previous = c.Db.Entry(row).Property(x => x.TaskStatusId).OriginalValue;
        if (row.TaskStatusId is null || row.TaskStatusId == previous) return;
        if (await TaskHistory.ResetAsync(row.ObjectId, c) is { } reset)
            TaskHistory.EmitStatusChanged(reset.Task, previous, row.TaskStatusId, row.PersonId, c);
    }

    public override async Task CheckDeleteAsync(Comment row, CrudContext c)
    {
        if (await c.Permissions.IsManagerOfAsync(await ProjectOfAsync(row, c))) return;
        if (row.PersonId != c.User.Id) throw new PermissionDeniedException();
    }

    /// <summary>
    /// Zou's remove_comment: its notifications, news, previews and attachments go with it, then
    /// the task falls back to what its remaining comments say.
    /// </summary>
    public override async Task DeleteAsync(Comment row, bool force, CrudContext c)
    {
        var db = c.Db;
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.CommentId == row.Id).ToListAsync());
        db.News.RemoveRange(await db.News.Where(n => n.CommentId == row.Id).ToListAsync());
        db.AttachmentFiles.RemoveRange(await db.AttachmentFiles.Where(a => a.CommentId == row.Id).ToListAsync());
        var previews = await db.PreviewFiles
            .Where(p => p.Id == row.PreviewFileId || db.CommentPreviewLinks.Any(l => l.Comment == row.Id && l.PreviewFile == p.Id))
            .ToListAsync();
        // The base removes the comment's link rows with a bulk statement: before the previews'
        // removal loads what links remain, so no row is deleted twice.
        await base.DeleteAsync(row, force, c);
        await PreviewFileRemoval.RemoveAsync(previews, c, force);
        if (await TaskHistory.ResetAsync(row.ObjectId, c) is { } reset && reset.PreviousStatusId != reset.Task.TaskStatusId)
            TaskHistory.EmitStatusChanged(reset.Task, reset.PreviousStatusId, reset.Task.TaskStatusId, row.PersonId, c);
    }

    /// <summary>
    /// A single comment comes with its author and its reply authors in short form (hidden from
    /// clients unless a client wrote them), attachments in short form, and previews expanded on
    /// ?with_previews=true (rejected ones hidden from clients).
    /// </summary>
    public override async Task<JsonObject> AnswerOneAsync(Comment row, OneAnswer answer, bool relations, CrudContext c)
    {
        var json = await SerializeOneAsync(row, relations, c);
        return answer == OneAnswer.Read ? await WithAuthorsAsync(row, json, c) : json;
    }

    async Task<JsonObject> WithAuthorsAsync(Comment row, JsonObject json, CrudContext c)
    {
        var isClient = await c.Permissions.ProjectRoleAsync(await ProjectOfAsync(row, c)) == "client";
        var replies = json["replies"] as JsonArray ?? [];
        var replyAuthors = replies.OfType<JsonObject>().Select(reply => Body.Uuid(reply, "person_id")).OfType<Guid>();
        var authorIds = replyAuthors.Append(row.PersonId).Concat(row.EditorId is { } editor ? [editor] : []).Distinct().ToList();
        var people = await c.Db.Persons.AsNoTracking().Where(p => authorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        JsonObject? Shown(Guid? id) =>
            id is { } known && people.TryGetValue(known, out var person) && (!isClient || person.Role == "client")
                ? Presentations.ShortPerson(person)
                : null;

        json["person"] = Shown(row.PersonId);
        if (isClient && row.EditorId is { } editorId && editorId != row.PersonId && Shown(editorId) is null)
            json["editor_id"] = null;
        foreach (var reply in replies.OfType<JsonObject>())
            reply["person"] = Shown(Body.Uuid(reply, "person_id"));

        if (json["attachment_files"] is JsonArray { Count: > 0 })
            json["attachment_files"] = new JsonArray([.. (await c.Db.AttachmentFiles.AsNoTracking().Where(a => a.CommentId == row.Id).ToListAsync())
                .Select(a => (JsonNode)new JsonObject { ["id"] = ZouSerializer.Uuid(a.Id), ["name"] = a.Name, ["extension"] = a.Extension, ["size"] = a.Size })]);

        if (Values.Boolean(c.Query["with_previews"].ToString()) == true && json["previews"] is JsonArray { Count: > 0 })
            json["previews"] = new JsonArray([.. (await c.Db.PreviewFiles.AsNoTracking()
                    .Where(p => c.Db.CommentPreviewLinks.Any(l => l.Comment == row.Id && l.PreviewFile == p.Id))
                    .ToListAsync())
                .Where(p => !isClient || p.ValidationStatus != "rejected")
                .Select(p => (JsonNode)Presentations.CommentPreview(p))]);
        return json;
    }

    public override Task<Guid?> ProjectOfAsync(Comment row, CrudContext c) => Parents.TaskProjectAsync(c, row.ObjectId);

    /// <summary>Zou's comment events name the task too.</summary>
    public override JsonObject EventData(Comment row) => new()
    {
        ["comment_id"] = ZouSerializer.Uuid(row.Id),
        ["task_id"] = ZouSerializer.Uuid(row.ObjectId),
    };
}
