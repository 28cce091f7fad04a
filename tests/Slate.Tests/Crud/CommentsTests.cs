using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/comments: admin list and create, the comment read rules, the edit rules, deletion and its side effects.</summary>
public class CommentsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<(Production Production, HttpClient Admin, Person AdminPerson)> SetUpAsync()
    {
        var admin = await factory.CreatePersonAsync("admin");
        return (await factory.CreateProductionAsync(), await factory.ClientForAsync(admin), admin);
    }

    Task<Comment> Reload(Guid id) => factory.WithDb(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var (production, admin, adminPerson) = await SetUpAsync();
        var created = await admin.PostAsJsonAsync("/api/data/comments", new
        {
            object_id = production.TaskId, object_type = "Task", person_id = adminPerson.Id, task_status_id = production.StatusId,
            text = "First note",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var comment = await created.ReadJsonObjectAsync();
        Assert.Equal("Comment", (string?)comment["type"]);
        Assert.Empty(comment["mentions"]!.AsArray());
        var id = (string)comment["id"]!;
        await factory.CreateCommentAsync(production, adminPerson.Id);

        var byTask = (await (await admin.GetAsync($"/api/data/comments?object_id={production.TaskId}")).JsonAsync()).AsArray();
        Assert.Equal(2, byTask.Count);
        var page = await (await admin.GetAsync($"/api/data/comments?object_id={production.TaskId}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["total"]!);
        Assert.Single(page["data"]!.AsArray());

        var got = await (await admin.GetAsync($"/api/data/comments/{id}")).ReadJsonObjectAsync();
        Assert.Equal("First note", (string?)got["text"]);
        Assert.Equal(adminPerson.Id.ToString(), (string?)got["person"]!["id"]);

        var put = await admin.PutAsJsonAsync($"/api/data/comments/{id}", new { text = "Edited" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("Edited", (string?)updated["text"]);
        Assert.Equal(adminPerson.Id.ToString(), (string?)updated["editor_id"]);
        Assert.False(updated.ContainsKey("mentions"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/comments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/comments/{id}")).StatusCode);
        var events = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.ProjectId == production.ProjectId).ToListAsync());
        var names = events.Where(e => (string?)e.Data?["comment_id"] == id).Select(e => e.Name).ToList();
        Assert.Equal(["comment:delete", "comment:new", "comment:update"], names.Order());
        Assert.All(events.Where(e => (string?)e.Data?["comment_id"] == id), e => Assert.Equal(production.TaskId.ToString(), (string?)e.Data!["task_id"]));
    }

    [Fact]
    public async Task Only_admins_list_and_create()
    {
        var (production, _, _) = await SetUpAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));

        await (await manager.GetAsync("/api/data/comments")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var text = Unique("Refused ");
        await (await manager.PostAsJsonAsync("/api/data/comments", new { object_id = production.TaskId, object_type = "Task", text }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Comments.AnyAsync(c => c.Text == text)));
    }

    [Fact]
    public async Task One_comment_comes_with_its_authors_attachments_and_previews()
    {
        var (production, admin, adminPerson) = await SetUpAsync();
        var artist = await factory.CreateMemberAsync(production, "user");
        var preview = await factory.CreatePreviewAsync(production.TaskId, p => p.Revision = 3);
        var comment = await factory.CreateCommentAsync(production, artist.Id, c => c.Replies = new JsonArray(
            new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["text"] = "Reply", ["person_id"] = adminPerson.Id.ToString() }));
        var attachment = await factory.Save(
            new AttachmentFile { Name = "notes.png", Extension = "png", Size = 8327, Mimetype = "image/png", CommentId = comment.Id },
            new CommentPreviewLink { Comment = comment.Id, PreviewFile = preview.Id });

        var got = await (await admin.GetAsync($"/api/data/comments/{comment.Id}?with_previews=true")).ReadJsonObjectAsync();

        Responses.AssertJsonEqual(new JsonObject
        {
            ["id"] = artist.Id.ToString(), ["first_name"] = artist.FirstName, ["last_name"] = artist.LastName,
            ["full_name"] = artist.FullName, ["has_avatar"] = false, ["role"] = "user",
        }, got["person"]);
        Assert.Equal(adminPerson.Id.ToString(), (string?)got["replies"]![0]!["person"]!["id"]);
        Responses.AssertJsonEqual(new JsonArray(new JsonObject
        {
            ["id"] = attachment.Id.ToString(), ["name"] = "notes.png", ["extension"] = "png", ["size"] = 8327,
        }), got["attachment_files"]);
        var expanded = got["previews"]!.AsArray().Single()!.AsObject();
        Assert.Equal(preview.Id.ToString(), (string?)expanded["id"]);
        Assert.Equal(3, (int)expanded["revision"]!);
        Assert.Equal(["annotations", "duration", "extension", "height", "id", "original_name", "position", "revision", "status",
            "task_id", "validation_status", "width"], expanded.Select(p => p.Key).Order());

        var plain = await (await admin.GetAsync($"/api/data/comments/{comment.Id}")).ReadJsonObjectAsync();
        Assert.Equal(preview.Id.ToString(), (string?)plain["previews"]![0]);
        Assert.Empty(plain["mentions"]!.AsArray());
        Assert.Empty(plain["acknowledgements"]!.AsArray());
    }

    [Fact]
    public async Task Team_members_read_studio_comments_but_not_what_clients_wrote()
    {
        var (production, _, adminPerson) = await SetUpAsync();
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var supervisor = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "supervisor"));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var client = await factory.CreateMemberAsync(production, "client");
        var studioNote = await factory.CreateCommentAsync(production, adminPerson.Id);
        var clientNote = await factory.CreateCommentAsync(production, client.Id);

        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync($"/api/data/comments/{studioNote.Id}")).StatusCode);
        await (await artist.GetAsync($"/api/data/comments/{clientNote.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/data/comments/{clientNote.Id}")).StatusCode);
        await (await outsider.GetAsync($"/api/data/comments/{studioNote.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Clients_read_what_is_for_them_and_what_clients_wrote_unless_isolated()
    {
        var (production, _, adminPerson) = await SetUpAsync();
        var client = await factory.CreateMemberAsync(production, "client");
        var otherClient = await factory.CreateMemberAsync(production, "user", projectRole: "client");
        var clientApi = await factory.ClientForAsync(client);
        var studioNote = await factory.CreateCommentAsync(production, adminPerson.Id);
        var forClients = await factory.CreateCommentAsync(production, adminPerson.Id, c => c.ForClient = true);
        var own = await factory.CreateCommentAsync(production, client.Id);
        var fromOtherClient = await factory.CreateCommentAsync(production, otherClient.Id);

        await (await clientApi.GetAsync($"/api/data/comments/{studioNote.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var shown = await (await clientApi.GetAsync($"/api/data/comments/{forClients.Id}")).ReadJsonObjectAsync();
        Assert.Null(shown["person"]); // studio authors stay anonymous to clients
        Assert.Equal(HttpStatusCode.OK, (await clientApi.GetAsync($"/api/data/comments/{fromOtherClient.Id}")).StatusCode);

        await factory.WithDb(db => db.Projects.Where(p => p.Id == production.ProjectId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsClientsIsolated, true)));
        await (await clientApi.GetAsync($"/api/data/comments/{fromOtherClient.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var mine = await (await clientApi.GetAsync($"/api/data/comments/{own.Id}")).ReadJsonObjectAsync();
        Assert.Equal(client.Id.ToString(), (string?)mine["person"]!["id"]);
        Assert.Equal(HttpStatusCode.OK, (await clientApi.GetAsync($"/api/data/comments/{forClients.Id}")).StatusCode);
    }

    [Fact]
    public async Task Vendors_read_comments_of_entities_they_work_on()
    {
        var (production, _, adminPerson) = await SetUpAsync();
        var vendor = await factory.CreateMemberAsync(production, "vendor");
        var vendorApi = await factory.ClientForAsync(vendor);
        var comment = await factory.CreateCommentAsync(production, adminPerson.Id);

        await (await vendorApi.GetAsync($"/api/data/comments/{comment.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.AssignAsync(production.TaskId, vendor.Id);
        Assert.Equal(HttpStatusCode.OK, (await vendorApi.GetAsync($"/api/data/comments/{comment.Id}")).StatusCode);
    }

    [Fact]
    public async Task Authors_edit_their_comment_and_mentions_follow_the_text()
    {
        var (production, _, _) = await SetUpAsync();
        var author = await factory.CreateMemberAsync(production, "user");
        var colleague = await factory.CreateMemberAsync(production, "user");
        var comment = await factory.CreateCommentAsync(production, author.Id);

        var response = await (await factory.ClientForAsync(author)).PutAsJsonAsync($"/api/data/comments/{comment.Id}",
            new { text = $"Look @{colleague.FullName}", mentions = new[] { author.Id } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(author.Id.ToString(), (string?)(await response.ReadJsonObjectAsync())["editor_id"]);
        var mentions = await factory.WithDb(db => db.CommentMentions.Where(m => m.Comment == comment.Id).Select(m => m.Person).ToListAsync());
        Assert.Equal([colleague.Id], mentions);
    }

    [Fact]
    public async Task Others_only_pin_or_tick_when_their_role_allows_it()
    {
        var (production, _, _) = await SetUpAsync();
        var author = await factory.CreateMemberAsync(production, "user");
        var artist = await factory.CreateMemberAsync(production, "user");
        var artistApi = await factory.ClientForAsync(artist);
        var supervisor = await factory.CreateMemberAsync(production, "supervisor");
        await factory.AddToDepartmentAsync(supervisor.Id, production.DepartmentId);
        var otherSupervisor = await factory.CreateMemberAsync(production, "supervisor");
        await factory.AddToDepartmentAsync(otherSupervisor.Id, (await factory.Save(new Department { Name = Unique("Dept"), Color = "#000000" })).Id);
        var comment = await factory.CreateCommentAsync(production, author.Id,
            c => c.Checklist = new JsonArray(new JsonObject { ["text"] = "Fix hands", ["checked"] = false }));
        var ticked = new[] { new { text = "Fix hands", @checked = true } };

        await (await artistApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { text = "Not mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { pinned = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artistApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { checklist = ticked }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(otherSupervisor)).PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { pinned = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var unchanged = await Reload(comment.Id);
        Assert.Null(unchanged.Pinned);
        Assert.Equal(comment.Text, unchanged.Text);
        Assert.Null(unchanged.EditorId);

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(supervisor)).PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { pinned = true })).StatusCode);
        await factory.AssignAsync(production.TaskId, artist.Id);
        Assert.Equal(HttpStatusCode.OK, (await artistApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { checklist = ticked })).StatusCode);
        var changed = await Reload(comment.Id);
        Assert.True(changed.Pinned);
        Assert.True((bool)changed.Checklist![0]!["checked"]!);
        Assert.Equal(artist.Id, changed.EditorId);
    }

    [Fact]
    public async Task Authorship_task_and_client_visibility_are_not_for_authors_to_change()
    {
        var (production, _, _) = await SetUpAsync();
        var author = await factory.CreateMemberAsync(production, "user");
        var authorApi = await factory.ClientForAsync(author);
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));
        var otherTask = await factory.CreateTaskAsync(production);
        var comment = await factory.CreateCommentAsync(production, author.Id);

        await (await authorApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { for_client = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await authorApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { person_id = Guid.NewGuid() }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { object_id = otherTask.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(production.TaskId, (await Reload(comment.Id)).ObjectId);

        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { for_client = true })).StatusCode);
        Assert.True((await Reload(comment.Id)).ForClient);
    }

    [Fact]
    public async Task A_new_status_needs_task_action_access_and_a_status_open_to_the_role()
    {
        var (production, _, _) = await SetUpAsync();
        var author = await factory.CreateMemberAsync(production, "user");
        var authorApi = await factory.ClientForAsync(author);
        var wip = await factory.CreateTaskStatusAsync(s => s.IsWip = true);
        var closed = await factory.CreateTaskStatusAsync(s => s.IsArtistAllowed = false);
        var comment = await factory.CreateCommentAsync(production, author.Id);

        await (await authorApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { task_status_id = wip.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.AssignAsync(production.TaskId, author.Id);
        await (await authorApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { task_status_id = closed.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(production.StatusId, (await Reload(comment.Id)).TaskStatusId);

        Assert.Equal(HttpStatusCode.OK, (await authorApi.PutAsJsonAsync($"/api/data/comments/{comment.Id}", new { task_status_id = wip.Id })).StatusCode);

        var task = await factory.WithDb(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == production.TaskId));
        Assert.Equal(wip.Id, task.TaskStatusId);
        Assert.Equal(comment.CreatedAt, task.RealStartDate);
        Assert.Equal(comment.CreatedAt, task.LastCommentDate);
        var changed = await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name == "task:status-changed" && e.ProjectId == production.ProjectId).ToListAsync());
        var data = Assert.Single(changed).Data!;
        Assert.Equal(wip.Id.ToString(), (string?)data["new_task_status_id"]);
        Assert.Equal(production.StatusId.ToString(), (string?)data["previous_task_status_id"]);
        Assert.Equal(author.Id.ToString(), (string?)data["person_id"]);
    }

    [Fact]
    public async Task Authors_and_managers_of_the_project_delete()
    {
        var (production, _, _) = await SetUpAsync();
        var author = await factory.CreateMemberAsync(production, "user");
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var foreignManager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));
        var first = await factory.CreateCommentAsync(production, author.Id);
        var second = await factory.CreateCommentAsync(production, author.Id);

        await (await artist.DeleteAsync($"/api/data/comments/{first.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await foreignManager.DeleteAsync($"/api/data/comments/{first.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.True(await factory.WithDb(db => db.Comments.AnyAsync(c => c.Id == first.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await (await factory.ClientForAsync(author)).DeleteAsync($"/api/data/comments/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/data/comments/{second.Id}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_comment_removes_what_hangs_from_it_and_resets_the_task()
    {
        var (production, admin, adminPerson) = await SetUpAsync();
        var wfa = await factory.CreateTaskStatusAsync(s => s.IsFeedbackRequest = true);
        var retake = await factory.CreateTaskStatusAsync(s => s.IsRetake = true);
        await factory.CreateCommentAsync(production, adminPerson.Id, c => { c.TaskStatusId = wfa.Id; c.CreatedAt = new DateTime(2026, 1, 1); });
        var last = await factory.CreateCommentAsync(production, adminPerson.Id, c => { c.TaskStatusId = retake.Id; c.CreatedAt = new DateTime(2026, 1, 2); });
        var preview = await factory.CreatePreviewAsync(production.TaskId);
        await factory.Save(new CommentPreviewLink { Comment = last.Id, PreviewFile = preview.Id },
            new CommentMention { Comment = last.Id, Person = adminPerson.Id },
            new AttachmentFile { Name = "a.png", CommentId = last.Id },
            new News { AuthorId = adminPerson.Id, CommentId = last.Id, TaskId = production.TaskId, PreviewFileId = preview.Id },
            new Notification { Type = "comment", PersonId = adminPerson.Id, AuthorId = adminPerson.Id, CommentId = last.Id, TaskId = production.TaskId });
        await factory.WithDb(db => db.Tasks.Where(t => t.Id == production.TaskId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.TaskStatusId, retake.Id).SetProperty(t => t.RetakeCount, 1).SetProperty(t => t.LastPreviewFileId, preview.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/comments/{last.Id}")).StatusCode);

        await factory.WithDb(async db =>
        {
            Assert.False(await db.PreviewFiles.AnyAsync(p => p.Id == preview.Id));
            Assert.False(await db.AttachmentFiles.AnyAsync(a => a.CommentId == last.Id));
            Assert.False(await db.News.AnyAsync(n => n.CommentId == last.Id));
            Assert.False(await db.Notifications.AnyAsync(n => n.CommentId == last.Id));
            Assert.False(await db.CommentMentions.AnyAsync(m => m.Comment == last.Id));
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == production.TaskId);
            Assert.Equal(wfa.Id, task.TaskStatusId);
            Assert.Equal(0, task.RetakeCount);
            Assert.Equal(new DateTime(2026, 1, 1), task.EndDate);
            Assert.Null(task.LastPreviewFileId);
            var changed = await db.ApiEvents.AsNoTracking().SingleAsync(e => e.Name == "task:status-changed" && e.ProjectId == production.ProjectId);
            Assert.Equal(wfa.Id.ToString(), (string?)changed.Data!["new_task_status_id"]);
            return true;
        });
    }
}
