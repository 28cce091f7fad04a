using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Breakdown;
using Slate.Api.Crud;
using Slate.Api.Crud.Collections;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;
using Slate.Storage;

namespace Slate.Api.Comments;

/// <summary>
/// Posting comments and everything a comment does (behavior-production.md §3.5, §3.6, §4.2, §4.6;
/// behavior-services.md §2-3, §8.3): who may set which status, the task's status, dates and
/// retake count, mentions, hashtag copies, attachments, notifications, news, events and status
/// automations. A request is one unit of work: everything is checked before anything is
/// written, files are stored only then, and a failure leaves neither rows nor files behind.
/// </summary>
public sealed partial class CommentsService(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, CrudContext crud, CrudService crudService,
    NotificationService notifications, IFileStore files, Previews.PreviewUploadService previewUploads,
    Previews.PreviewFileStorage previewStorage)
{
    const string AttachmentsPrefix = "attachments";

    /// <summary>Raster images a browser may show inline; anything else downloads (Zou's INLINE_SAFE_MIMETYPES).</summary>
    static readonly HashSet<string> InlineMimetypes = ["image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/avif"];

    /// <summary>How to remove the files this request stored, when its unit of work fails.</summary>
    readonly List<Func<Task>> removeStored = [];

    sealed record Created(Comment Comment, ProductionTaskStatus Status, Person Author, List<AttachmentFile> Attachments);

    /// <summary>POST /actions/tasks/{task_id}/comment.</summary>
    public async Task<JsonObject> CommentTaskAsync(string taskId, JsonObject fields, IReadOnlyList<UploadedFile> uploads)
    {
        var draft = CommentDraft.Read(fields, "comment", uploads);
        var task = await TaskAsync(taskId);
        if (!await permissions.HasTaskActionAccessAsync(task)
            && !(draft.TaskStatusId == task.TaskStatusId && await permissions.IsMentionedOnTaskAsync(task)))
            throw new PermissionDeniedException();
        await CheckStatusAsync(task, draft.TaskStatusId);
        if (!await permissions.IsManagerOfAsync(task.ProjectId))
            draft = draft with { PersonId = null, CreatedAt = null, ForClient = false };
        var created = await InUnitOfWorkAsync(async () => new List<Created> { await CreateAsync(task, draft, withHashtags: true, []) });
        return (JsonObject)(await PresentAsync(created))[0]!;
    }

    /// <summary>
    /// POST /actions/projects/{project_id}/tasks/comment-many: entries missing a key are skipped;
    /// a non-manager keeps only the entries of tasks assigned to them or, as a supervisor, of their
    /// departments. Every task must belong to the project.
    /// </summary>
    public async Task<JsonArray> CommentManyAsync(string projectId, JsonNode? body)
    {
        var project = await ProjectAsync(projectId);
        if (body is not JsonArray array) throw new WrongParameterException("Request body must be a JSON array.");
        await permissions.CheckProjectAccessAsync(project);
        var entries = array.OfType<JsonObject>()
            .Where(e => e.ContainsKey("task_status_id") && e.ContainsKey("object_id") && e.ContainsKey("comment"))
            .ToList();
        var taskIds = entries.Select(e => Body.Uuid(e, "object_id") ?? throw new NotFoundException()).ToList();
        var tasks = await db.Tasks.Where(t => taskIds.Contains(t.Id) && t.ProjectId == project).ToDictionaryAsync(t => t.Id);
        if (taskIds.Any(id => !tasks.ContainsKey(id))) throw new NotFoundException();

        var allowed = await permissions.IsManagerOfAsync(project) ? [.. taskIds] : await OwnTasksAsync(project, taskIds);
        var plan = new List<(ProductionTask Task, CommentDraft Draft)>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!allowed.Contains(taskIds[i])) continue;
            var draft = CommentDraft.Read(entries[i], "comment", []) with { PersonId = null, CreatedAt = null, ForClient = false, Checklist = [] };
            await CheckStatusAsync(tasks[taskIds[i]], draft.TaskStatusId);
            plan.Add((tasks[taskIds[i]], draft));
        }
        return await PresentAsync(await CreateAllAsync(plan));
    }

    /// <summary>
    /// POST /actions/tasks/{task_id}/batch-comment and /actions/tasks/batch-comment: "comments"
    /// (a JSON list, or a JSON string in a form) of {task_status_id, text, checklist, links,
    /// person_id, created_at, task_id}; files whose key holds "attachment_file-&lt;i&gt;" attach to
    /// comment i, and each file whose key holds "preview_file-&lt;i&gt;" becomes a preview of it.
    /// Every entry is checked before any is written; a preview file the server cannot use is
    /// left out of its comment's "preview_files" without failing the batch (as Zou).
    /// </summary>
    public async Task<JsonArray> BatchCommentAsync(string? taskId, JsonObject fields, IReadOnlyList<UploadedFile> uploads)
    {
        var entries = BatchEntries(fields);
        var single = taskId is null ? null : await TaskAsync(taskId);
        var plan = new List<(ProductionTask Task, CommentDraft Draft)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var task = single ?? await TaskAsync(RequestBody.OptionalText(entries[i], "task_id")
                ?? throw new ValidationFailedException(("task_id", "Field required")));
            await permissions.CheckTaskActionAccessAsync(task);
            var marker = $"attachment_file-{i}";
            var draft = CommentDraft.Read(entries[i], "text", [.. uploads.Where(f => f.Field.Contains(marker))]) with { ForClient = false };
            await CheckStatusAsync(task, draft.TaskStatusId);
            if (!await permissions.IsManagerOfAsync(task.ProjectId)) draft = draft with { PersonId = null, CreatedAt = null };
            plan.Add((task, draft));
        }
        var created = await CreateAllAsync(plan);
        var answer = await PresentAsync(created);
        for (var i = 0; i < created.Count; i++)
        {
            var previews = new JsonArray();
            foreach (var upload in uploads.Where(f => f.Field.Contains($"preview_file-{i}")))
                if (await previewUploads.AddToCommentAsync(plan[i].Task, created[i].Comment, upload) is { } preview) previews.Add(preview);
            ((JsonObject)answer[i]!)["preview_files"] = previews;
        }
        return answer;
    }

    static List<JsonObject> BatchEntries(JsonObject fields)
    {
        var node = fields["comments"] ?? throw new ValidationFailedException(("comments", "Field required"));
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new ValidationFailedException(("comments", "Input should be a valid list"));
            }
        }
        return node is JsonArray list && list.All(e => e is JsonObject)
            ? [.. list.Cast<JsonObject>()]
            : throw new ValidationFailedException(("comments", "Input should be a valid list"));
    }

    /// <summary>DELETE /data/tasks/{task_id}/comments/{comment_id}: the comment must be the task's; then the CRUD deletion.</summary>
    public async Task DeleteAsync(string taskId, string commentId, IQueryCollection query)
    {
        await CommentOfTaskAsync(taskId, commentId);
        await crudService.DeleteAsync(new CommentsCollection(), commentId, query);
    }

    /// <summary>POST /actions/tasks/{task_id}/comments/{comment_id}/add-attachment: the new attachments, short form.</summary>
    public async Task<JsonArray> AddAttachmentsAsync(string taskId, string commentId, IReadOnlyList<UploadedFile> uploads)
    {
        var (task, comment) = await CommentOfTaskAsync(taskId, commentId);
        await CheckAuthorOrManagerAsync(task, comment);
        return ShortAttachments(await InUnitOfWorkAsync(() => AttachAsync(comment.Id, uploads)));
    }

    /// <summary>DELETE /data/tasks/{task_id}/comments/{comment_id}/attachments/{attachment_file_id}.</summary>
    public async Task DeleteAttachmentAsync(string taskId, string commentId, string attachmentFileId)
    {
        var (task, comment) = await CommentOfTaskAsync(taskId, commentId);
        var id = PathId(attachmentFileId);
        var attachment = await db.AttachmentFiles.FirstOrDefaultAsync(a => a.Id == id && a.CommentId == comment.Id)
            ?? throw new NotFoundException();
        await CheckAuthorOrManagerAsync(task, comment);
        // As Zou with REMOVE_FILES off (its default), the stored file stays: only the row goes.
        db.AttachmentFiles.Remove(attachment);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// GET /data/attachment-files/{id}/file/{name}: the stored file, for whoever may read its
    /// comment or chat; raster images inline, anything else as a download.
    /// </summary>
    public async Task<StoredFile> AttachmentToSendAsync(string attachmentFileId)
    {
        var id = PathId(attachmentFileId);
        var attachment = await db.AttachmentFiles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) ?? throw new NotFoundException();
        await new AttachmentFilesCollection().CheckReadAsync(attachment, crud);
        var mimetype = attachment.Mimetype?.Split(';')[0].Trim().ToLowerInvariant();
        return new StoredFile(Buckets.Files, AttachmentsPrefix, attachment.Id, attachment.Mimetype ?? "application/octet-stream")
        {
            LastModified = attachment.UpdatedAt,
            FileName = attachment.Name ?? "",
            AsAttachment = mimetype is null || !InlineMimetypes.Contains(mimetype),
        };
    }

    // ---- The comment flow --------------------------------------------------------------------

    /// <summary>
    /// Zou's create_comment: retake cap, the comment with its mentions and attachments, hashtag
    /// copies, the task's status and dates, notifications, news, then the project's automations.
    /// Saved as it goes (later steps read what earlier ones wrote) inside the request's transaction.
    /// </summary>
    async Task<Created> CreateAsync(ProductionTask task, CommentDraft draft, bool withHashtags, HashSet<(Guid, Guid)> automationsRun)
    {
        var status = await db.TaskStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == draft.TaskStatusId) ?? throw new NotFoundException();
        var authorId = draft.PersonId ?? permissions.User.Id;
        var author = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == authorId) ?? throw new NotFoundException();
        await CheckRetakeCapAsync(task, status);

        var comment = new Comment
        {
            ObjectId = task.Id, ObjectType = "Task", TaskStatusId = status.Id, PersonId = author.Id, Text = draft.Text,
            Checklist = draft.Checklist, Links = draft.Links, ForClient = draft.ForClient, CreatedAt = draft.CreatedAt ?? Clock.UtcNow(),
        };
        db.Comments.Add(comment);
        var (mentions, departmentMentions) = await CommentMentions.FindAsync(task.ProjectId, draft.Text, crud);
        db.CommentMentions.AddRange(mentions.Select(id => new CommentMention { Comment = comment.Id, Person = id }));
        db.CommentDepartmentMentions.AddRange(departmentMentions.Select(id => new CommentDepartmentMention { Comment = comment.Id, Department = id }));
        var attachments = await AttachAsync(comment.Id, draft.Files);
        events.Emit("comment:new", new JsonObject
        {
            ["comment_id"] = ZouSerializer.Uuid(comment.Id),
            ["task_id"] = ZouSerializer.Uuid(task.Id),
            ["task_status_id"] = ZouSerializer.Uuid(status.Id),
        }, task.ProjectId);
        await db.SaveChangesAsync();

        if (withHashtags) await CopyToTaggedTasksAsync(task, author.Id, draft.Text, automationsRun);
        var changed = await ApplyStatusAsync(task, status, comment);
        await notifications.AddForCommentAsync(task, comment, changed, mentions, departmentMentions);
        await notifications.AddNewsAsync(task, comment, changed);
        await db.SaveChangesAsync();

        await RunAutomationsAsync(task, author.Id, automationsRun);
        return new Created(comment, status, author, attachments);
    }

    /// <summary>Zou's _check_retake_capping: a retake on a task that used up its retakes is refused, status change or not.</summary>
    async Task CheckRetakeCapAsync(ProductionTask task, ProductionTaskStatus status)
    {
        if (status.IsRetake != true) return;
        var projectMax = await db.Projects.AsNoTracking().Where(p => p.Id == task.ProjectId).Select(p => p.MaxRetakes).FirstOrDefaultAsync() ?? 0;
        if (projectMax <= 0) return;
        var data = await db.Entities.AsNoTracking().Where(e => e.Id == task.EntityId).Select(e => e.Data).FirstOrDefaultAsync();
        var max = EntityMaxRetakes(data) is { } own and not 0 ? own : projectMax;
        if (max > 0 && (task.RetakeCount ?? 0) >= max) throw new WrongParameterException("No more retakes allowed on this task");
    }

    /// <summary>The entity's own cap (data.max_retakes, a number or a numeric string), null when absent or unreadable.</summary>
    static int? EntityMaxRetakes(JsonNode? data) => (data as JsonObject)?["max_retakes"] is JsonValue value
        ? value.TryGetValue<int>(out var number) ? number
        : value.TryGetValue<string>(out var text) && int.TryParse(text, out number) ? number
        : null
        : null;

    /// <summary>
    /// Zou's _manage_status_change and update_task: the latest comment sets the status and the
    /// last comment date; a real change counts a retake, starts the task on its first WIP, and
    /// stamps or clears the end and done dates. A back-dated comment recomputes the whole task.
    /// </summary>
    async Task<bool> ApplyStatusAsync(ProductionTask task, ProductionTaskStatus status, Comment comment)
    {
        if (task.LastCommentDate > comment.CreatedAt)
        {
            await TaskHistory.ResetAsync(task.Id, crud);
            return false;
        }
        var previous = task.TaskStatusId;
        var changed = status.Id != previous;
        if (changed)
        {
            // Dated by the comment (now, unless a manager dated it), as a recomputation would.
            var now = comment.CreatedAt;
            if (status.IsRetake == true) task.RetakeCount = (task.RetakeCount ?? 0) + 1;
            if (status.IsWip == true) task.RealStartDate ??= now;
            if (status.IsFeedbackRequest == true) task.EndDate = now;
            else if (status.IsDone != true) task.EndDate = null;
            task.DoneDate = status.IsDone == true ? now : null;
        }
        task.TaskStatusId = status.Id;
        task.LastCommentDate = comment.CreatedAt;
        events.Emit("task:update", new JsonObject { ["task_id"] = ZouSerializer.Uuid(task.Id) }, task.ProjectId);
        if (!changed) return false;
        TaskHistory.EmitStatusChanged(task, previous, status.Id, comment.PersonId, crud);
        if (status.IsFeedbackRequest == true)
            events.Emit("task:to-review", new JsonObject
            {
                ["task_id"] = ZouSerializer.Uuid(task.Id),
                ["new_task_status_id"] = ZouSerializer.Uuid(status.Id),
                ["previous_task_status_id"] = ZouSerializer.Value(previous),
                ["person_id"] = ZouSerializer.Uuid(comment.PersonId),
                ["comment_id"] = ZouSerializer.Uuid(comment.Id),
            }, task.ProjectId);
        return true;
    }

    [GeneratedRegex("#[a-zA-Z]*")]
    private static partial Regex Hashtag();

    /// <summary>
    /// Zou's hashtags: "#&lt;task type&gt;" copies the comment, status unchanged, onto the entity's
    /// task of that type (case-insensitive); "#all" onto every task of another type.
    /// </summary>
    async Task CopyToTaggedTasksAsync(ProductionTask task, Guid authorId, string text, HashSet<(Guid, Guid)> automationsRun)
    {
        var tags = Hashtag().Matches(text).Select(m => m.Value[1..].ToLowerInvariant()).ToHashSet();
        if (tags.Count == 0) return;
        var siblings = await db.Tasks
            .Where(t => t.EntityId == task.EntityId)
            .Join(db.TaskTypes, t => t.TaskTypeId, type => type.Id, (t, type) => new { Task = t, TypeName = type.Name })
            .ToListAsync();
        var ownType = siblings.First(s => s.Task.Id == task.Id).TypeName;
        var targets = siblings.Where(s => !s.TypeName.Equals(ownType, StringComparison.OrdinalIgnoreCase)
            && (tags.Contains("all") || tags.Contains(s.TypeName.ToLowerInvariant())));
        foreach (var target in targets)
        {
            if (target.Task.TaskStatusId is not { } statusId) continue;
            var copy = new CommentDraft(statusId, text + $"\n\n____\nFrom {ownType} task", authorId, null, [], [], false, []);
            await CreateAsync(target.Task, copy, withHashtags: false, automationsRun);
        }
    }

    /// <summary>
    /// The project's status automations for the task's new status (Zou's _run_status_automation):
    /// "status" ones comment on the entity's first task of the output type (skipped when going
    /// back in the task types' priority, and run once per task in a chain, so two automations
    /// pointing at each other cannot loop); "ready_for" ones mark the asset ready for a task type
    /// and recount the readiness of the shots it is cast in.
    /// </summary>
    async Task RunAutomationsAsync(ProductionTask task, Guid authorId, HashSet<(Guid, Guid)> automationsRun)
    {
        var automations = await db.StatusAutomations.AsNoTracking()
            .Where(a => db.ProjectStatusAutomationLinks.Any(l => l.ProjectId == task.ProjectId && l.StatusAutomationId == a.Id))
            .Where(a => a.Archived != true && a.InTaskTypeId == task.TaskTypeId && a.InTaskStatusId == task.TaskStatusId)
            .OrderBy(a => a.CreatedAt)
            .ToListAsync();
        if (automations.Count == 0) return;
        var entity = await db.Entities.FirstAsync(e => e.Id == task.EntityId);
        var typeName = await db.EntityTypes.AsNoTracking().Where(t => t.Id == entity.EntityTypeId).Select(t => t.Name).FirstAsync();
        var isAsset = EntityKinds.Of(typeName) == EntityKinds.Asset;
        foreach (var automation in automations)
        {
            var wanted = (automation.EntityType ?? "").ToLowerInvariant();
            if (wanted == "asset" ? !isAsset : typeName.ToLowerInvariant() != wanted) continue;
            if (automation.OutFieldType == "ready_for")
            {
                if (!isAsset) continue;
                entity.ReadyFor = automation.OutTaskTypeId;
                events.Emit("asset:update", new JsonObject
                {
                    ["asset_id"] = ZouSerializer.Uuid(entity.Id),
                    ["data"] = new JsonObject { ["ready_for"] = ZouSerializer.Value(automation.OutTaskTypeId) },
                }, task.ProjectId);
                await db.SaveChangesAsync();
                await CastingReadiness.RefreshForAssetAsync(db, events, entity);
                await db.SaveChangesAsync();
                continue;
            }
            if (automation.OutFieldType != "status" || automation.OutTaskStatusId is not { } outStatus) continue;
            if (await IsRollbackAsync(task.ProjectId, automation)) continue;
            if (!automationsRun.Add((automation.Id, task.Id))) continue;
            var target = await db.Tasks
                .Where(t => t.EntityId == task.EntityId && t.TaskTypeId == automation.OutTaskTypeId)
                .OrderBy(t => t.CreatedAt)
                .FirstOrDefaultAsync();
            if (target is null) continue;
            var inType = await db.TaskTypes.AsNoTracking().Where(t => t.Id == automation.InTaskTypeId).Select(t => t.Name).FirstAsync();
            var inStatus = await db.TaskStatuses.AsNoTracking().Where(s => s.Id == automation.InTaskStatusId).Select(s => s.Name).FirstAsync();
            var draft = new CommentDraft(outStatus, $"Change triggered by {inType} set to {inStatus}", authorId, null, [], [], false, []);
            var triggered = await CreateAsync(target, draft, withHashtags: true, automationsRun);
            if (automation.ImportLastRevision == true)
                foreach (var copy in await previewUploads.CopyLastRevisionAsync(task, target, triggered.Comment))
                    removeStored.Add(() => previewStorage.RemoveAsync(copy));
        }
    }

    /// <summary>Whether the input task type comes after the output one in the project's priorities for that kind of entity.</summary>
    async Task<bool> IsRollbackAsync(Guid? projectId, StatusAutomation automation)
    {
        var kind = automation.EntityType is { Length: > 0 } name ? char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant() : "";
        var priorities = await db.ProjectTaskTypeLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId && (l.TaskTypeId == automation.InTaskTypeId || l.TaskTypeId == automation.OutTaskTypeId))
            .Where(l => db.TaskTypes.Any(t => t.Id == l.TaskTypeId && t.ForEntity == kind))
            .Select(l => new { l.TaskTypeId, l.Priority })
            .ToListAsync();
        int PriorityOf(Guid? id) => priorities.FirstOrDefault(p => p.TaskTypeId == id)?.Priority ?? 0;
        return PriorityOf(automation.InTaskTypeId) > PriorityOf(automation.OutTaskTypeId);
    }

    /// <summary>
    /// Saves a reply added to the comment (the caller's pending changes) with the files sent with
    /// it, as attachments of the comment marked with the reply, in one unit of work.
    /// </summary>
    public async Task<JsonArray> SaveReplyAsync(Guid commentId, Guid replyId, IReadOnlyList<UploadedFile> uploads)
    {
        var attachments = await InUnitOfWorkAsync(() => AttachAsync(commentId, uploads, replyId));
        var answer = ShortAttachments(attachments);
        foreach (var attachment in answer.OfType<JsonObject>()) attachment["reply_id"] = ZouSerializer.Uuid(replyId);
        return answer;
    }

    /// <summary>Stores each file and adds its attachment row (bucket "files", prefix "attachments").</summary>
    async Task<List<AttachmentFile>> AttachAsync(Guid commentId, IReadOnlyList<UploadedFile> uploads, Guid? replyId = null)
    {
        var added = new List<AttachmentFile>();
        foreach (var upload in uploads)
        {
            var attachment = new AttachmentFile
            {
                Name = upload.Name, Extension = upload.Extension, Mimetype = upload.Mimetype, CommentId = commentId,
                ReplyId = replyId,
            };
            removeStored.Add(() => files.RemoveAsync(Buckets.Files, AttachmentsPrefix, attachment.Id, CancellationToken.None));
            await using (var content = upload.Open())
                attachment.Size = await files.SaveAsync(Buckets.Files, AttachmentsPrefix, attachment.Id, content, CancellationToken.None);
            db.AttachmentFiles.Add(attachment);
            added.Add(attachment);
        }
        return added;
    }

    // ---- Unit of work, lookups, checks and answers --------------------------------------------

    /// <summary>Creates the planned comments in one unit of work.</summary>
    Task<List<Created>> CreateAllAsync(List<(ProductionTask Task, CommentDraft Draft)> plan) => InUnitOfWorkAsync(async () =>
    {
        var created = new List<Created>();
        foreach (var (task, draft) in plan) created.Add(await CreateAsync(task, draft, withHashtags: true, []));
        return created;
    });

    /// <summary>Runs the work in one transaction; on failure, the files it stored are removed again.</summary>
    async Task<T> InUnitOfWorkAsync<T>(Func<Task<T>> work)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var result = await work();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        }
        catch
        {
            foreach (var remove in removeStored) await remove();
            removeStored.Clear();
            throw;
        }
    }

    static Guid PathId(string text) => Values.TryUuid(text, out var id) ? id : throw new NotFoundException();

    /// <summary>The task (tracked: the comment flow changes it); 404 for a malformed or unknown id.</summary>
    async Task<ProductionTask> TaskAsync(string taskId)
    {
        var id = PathId(taskId);
        return await db.Tasks.FirstOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
    }

    async Task<Guid> ProjectAsync(string projectId)
    {
        var id = PathId(projectId);
        return await db.Projects.AsNoTracking().AnyAsync(p => p.Id == id) ? id : throw new NotFoundException();
    }

    /// <summary>The task and its comment; 404 when either is unknown or the comment is another task's.</summary>
    async Task<(ProductionTask Task, Comment Comment)> CommentOfTaskAsync(string taskId, string commentId)
    {
        var task = await TaskAsync(taskId);
        var id = PathId(commentId);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ObjectId == task.Id)
            ?? throw new NotFoundException();
        return (task, comment);
    }

    /// <summary>The status must exist (404) and be open to the caller's role in the project (403).</summary>
    async Task CheckStatusAsync(ProductionTask task, Guid statusId)
    {
        if (!await db.TaskStatuses.AsNoTracking().AnyAsync(s => s.Id == statusId)) throw new NotFoundException();
        await permissions.CheckTaskStatusAllowedAsync(task.ProjectId, statusId);
    }

    /// <summary>The comment's author while still in the team, or a manager of the project.</summary>
    async Task CheckAuthorOrManagerAsync(ProductionTask task, Comment comment)
    {
        if (comment.PersonId == permissions.User.Id && await permissions.HasProjectAccessAsync(task.ProjectId)) return;
        await permissions.CheckManagerOfAsync(task.ProjectId);
    }

    /// <summary>
    /// The tasks of the list a non-manager may comment in bulk: assigned to them, or of a task type
    /// of their departments when they supervise the project.
    /// </summary>
    async Task<HashSet<Guid>> OwnTasksAsync(Guid projectId, List<Guid> taskIds)
    {
        var own = (await db.TaskPersonLinks.AsNoTracking()
            .Where(l => taskIds.Contains(l.TaskId) && l.PersonId == permissions.User.Id)
            .Select(l => l.TaskId)
            .ToListAsync()).ToHashSet();
        if (await permissions.ProjectRoleAsync(projectId) != "supervisor") return own;
        var departments = await db.Tasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .Select(t => new { t.Id, Department = db.TaskTypes.Where(tt => tt.Id == t.TaskTypeId).Select(tt => tt.DepartmentId).FirstOrDefault() })
            .ToListAsync();
        foreach (var task in departments)
            if (await permissions.CoversDepartmentAsync(task.Department)) own.Add(task.Id);
        return own;
    }

    /// <summary>
    /// Zou's answer for new comments: the comment with its relations (id lists), its attachments
    /// in short form, its full status and its author (without secrets).
    /// </summary>
    async Task<JsonArray> PresentAsync(List<Created> created)
    {
        var rows = await serializer.ObjectsAsync(created.Select(c => c.Comment).ToList(), relations: true);
        var answer = new JsonArray();
        for (var i = 0; i < created.Count; i++)
        {
            var json = new JsonObject();
            // Zou lists "previews" among the columns, right after preview_file_id.
            foreach (var (key, value) in rows[i].Where(pair => pair.Key != "previews").ToList())
            {
                rows[i].Remove(key);
                json[key] = value;
                if (key == "preview_file_id") json["previews"] = rows[i]["previews"]?.DeepClone();
            }
            json["attachment_files"] = ShortAttachments(created[i].Attachments);
            json["task_status"] = serializer.Columns(created[i].Status);
            json["person"] = Presentations.SafePerson(serializer.Columns(created[i].Author));
            answer.Add(json);
        }
        return answer;
    }

    static JsonArray ShortAttachments(IEnumerable<AttachmentFile> attachments) => new([.. attachments.Select(a => (JsonNode)new JsonObject
    {
        ["id"] = ZouSerializer.Uuid(a.Id),
        ["name"] = a.Name,
        ["extension"] = a.Extension,
        ["size"] = a.Size,
    })]);
}
