using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Comments;

/// <summary>
/// Zou's comment list of one task (tasks_service.get_comments, behavior-production.md §4.3), in a
/// fixed number of queries: the comments with their author and status, then their
/// acknowledgements, mentions, department mentions, previews, attachments, and the editors and
/// reply authors. The caller's role in the project decides what is shown.
/// </summary>
public sealed class TaskCommentRows(SlateDb db, ZouSerializer serializer)
{
    /// <summary>A comment row and what the listing needs to know of its author.</summary>
    sealed record Row(Comment Comment, Person Author, string AuthorRole, ProductionTaskStatus Status);

    /// <param name="role">The caller's role in the task's project ("admin" for admins).</param>
    public async Task<JsonArray> ListAsync(ProductionTask task, string role, Guid callerId)
    {
        var isClient = role == "client";
        var seesAll = role is "admin" or "manager" or "supervisor";
        var rows = (await db.Comments.AsNoTracking()
                .Where(c => c.ObjectId == task.Id)
                .Join(db.Persons, c => c.PersonId, p => p.Id, (c, p) => new { Comment = c, Author = p })
                .Join(db.TaskStatuses, r => r.Comment.TaskStatusId, s => (Guid?)s.Id, (r, s) => new { r.Comment, r.Author, Status = s })
                .OrderByDescending(r => r.Comment.CreatedAt)
                .Select(r => new
                {
                    r.Comment, r.Author, r.Status,
                    TeamRole = db.ProjectPersonLinks.Where(l => l.ProjectId == task.ProjectId && l.PersonId == r.Comment.PersonId)
                        .Select(l => l.Role).FirstOrDefault(),
                })
                .ToListAsync())
            .Select(r => new Row(r.Comment, r.Author, r.TeamRole ?? r.Author.Role, r.Status))
            // Artists and other studio roles do not read what clients wrote.
            .Where(r => seesAll || isClient || r.AuthorRole != "client")
            .ToList();
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.Comment.Id).ToList();
        var acknowledgements = (await db.CommentAcknowledgments.AsNoTracking().Where(l => ids.Contains(l.Comment)).ToListAsync())
            .ToLookup(l => l.Comment, l => l.Person);
        var mentions = (await db.CommentMentions.AsNoTracking().Where(l => ids.Contains(l.Comment)).ToListAsync())
            .ToLookup(l => l.Comment, l => l.Person);
        var departmentMentions = (await db.CommentDepartmentMentions.AsNoTracking().Where(l => ids.Contains(l.Comment)).ToListAsync())
            .ToLookup(l => l.Comment, l => l.Department);
        var previews = (await db.CommentPreviewLinks.AsNoTracking()
                .Where(l => ids.Contains(l.Comment))
                .Join(db.PreviewFiles, l => l.PreviewFile, p => p.Id, (l, p) => new { l.Comment, Preview = p })
                .ToListAsync())
            // Clients never see a revision the studio rejected.
            .Where(r => !isClient || r.Preview.ValidationStatus != "rejected")
            .ToLookup(r => r.Comment, r => r.Preview);
        var attachments = (await db.AttachmentFiles.AsNoTracking().Where(a => a.CommentId != null && ids.Contains(a.CommentId.Value)).ToListAsync())
            .ToLookup(a => a.CommentId!.Value);
        var objects = await serializer.ObjectsAsync(rows.Select(r => r.Comment).ToList());
        var people = await PeopleAsync(task.ProjectId, rows, objects);

        var shown = new JsonArray();
        var isolated = isClient && await db.Projects.AsNoTracking().AnyAsync(p => p.Id == task.ProjectId && p.IsClientsIsolated == true);
        for (var i = 0; i < rows.Count; i++)
        {
            var (comment, author, authorRole, status) = rows[i];
            var json = objects[i];
            json["person"] = new JsonObject
            {
                ["first_name"] = author.FirstName, ["last_name"] = author.LastName, ["full_name"] = author.FullName,
                ["has_avatar"] = author.HasAvatar, ["role"] = author.Role, ["id"] = ZouSerializer.Uuid(author.Id),
            };
            if (comment.EditorId is { } editorId)
            {
                var editor = people.TryGetValue(editorId, out var known) ? known.Person : null;
                json["editor"] = new JsonObject
                {
                    ["first_name"] = editor?.FirstName, ["last_name"] = editor?.LastName,
                    ["has_avatar"] = editor?.HasAvatar, ["role"] = editor?.Role, ["id"] = ZouSerializer.Uuid(editorId),
                };
            }
            json["task_status"] = new JsonObject
            {
                ["name"] = status.Name, ["short_name"] = status.ShortName, ["color"] = status.Color, ["id"] = ZouSerializer.Uuid(status.Id),
            };
            json["acknowledgements"] = Ids(acknowledgements[comment.Id]);
            json["previews"] = new JsonArray([.. previews[comment.Id].Select(p => (JsonNode)Presentations.CommentPreview(p))]);
            json["mentions"] = Ids(mentions[comment.Id]);
            json["department_mentions"] = Ids(departmentMentions[comment.Id]);
            json["attachment_files"] = new JsonArray([.. attachments[comment.Id].Select(a => (JsonNode)new JsonObject
            {
                ["id"] = ZouSerializer.Uuid(a.Id), ["name"] = a.Name, ["extension"] = a.Extension,
                ["reply_id"] = ZouSerializer.Value(a.ReplyId), ["size"] = a.Size,
            })]);
            foreach (var reply in (json["replies"] as JsonArray ?? []).OfType<JsonObject>())
                reply["person"] = ReplyId(reply, "person_id") is { } replier && people.TryGetValue(replier, out var found)
                    && (!isClient || found.Role == "client")
                    ? Presentations.ShortPerson(found.Person)
                    : null;

            if (!isClient || ForClient(json, comment, authorRole, callerId, isolated, people)) shown.Add(json);
        }
        return shown;
    }

    /// <summary>
    /// What a client is shown of one comment (Zou's client pass): studio authors and editors hidden;
    /// a comment marked for clients, or written by a client (by themselves only in an isolated
    /// project); a studio comment carrying previews stays in the thread emptied of its text, links,
    /// attachments, checklist and replies.
    /// </summary>
    static bool ForClient(JsonObject json, Comment comment, string authorRole, Guid callerId, bool isolated,
        Dictionary<Guid, (Person Person, string Role)> people)
    {
        var byClient = authorRole == "client";
        if (!byClient) json["person"] = null;
        if (comment.EditorId is { } editorId && people.GetValueOrDefault(editorId).Role != "client")
        {
            json["editor"] = null;
            json["editor_id"] = null;
        }
        var forClient = comment.ForClient == true;
        if (json["previews"] is JsonArray { Count: > 0 } && !byClient && !forClient)
        {
            json["text"] = "";
            json["links"] = new JsonArray();
            json["attachment_files"] = new JsonArray();
            json["checklist"] = new JsonArray();
            json["replies"] = new JsonArray();
            return true;
        }
        return forClient || (isolated ? comment.PersonId == callerId : byClient);
    }

    /// <summary>The editors and reply authors, with their role in the project, in one query.</summary>
    async Task<Dictionary<Guid, (Person Person, string Role)>> PeopleAsync(Guid? projectId, List<Row> rows, List<JsonObject> objects)
    {
        var ids = rows.Select(r => r.Comment.EditorId).OfType<Guid>()
            .Concat(objects.SelectMany(o => (o["replies"] as JsonArray ?? []).OfType<JsonObject>()).Select(r => ReplyId(r, "person_id")).OfType<Guid>())
            .Distinct()
            .ToList();
        if (ids.Count == 0) return [];
        var people = await db.Persons.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                Person = p,
                TeamRole = db.ProjectPersonLinks.Where(l => l.ProjectId == projectId && l.PersonId == p.Id).Select(l => l.Role).FirstOrDefault(),
            })
            .ToListAsync();
        return people.ToDictionary(p => p.Person.Id, p => (p.Person, p.TeamRole ?? p.Person.Role));
    }

    /// <summary>An id held in a reply (replies are free JSON): null when absent or malformed.</summary>
    public static Guid? ReplyId(JsonObject reply, string key) =>
        reply[key] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;

    static JsonArray Ids(IEnumerable<Guid> ids) => new([.. ids.Select(id => (JsonNode)ZouSerializer.Uuid(id))]);
}
