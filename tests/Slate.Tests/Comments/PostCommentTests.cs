using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>POST /actions/tasks/{task_id}/comment: status rules, dates, retakes, notifications, news, events, bad input.</summary>
public class PostCommentTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Scenario_wip_retake_delete_done_notifies_the_assignee_and_writes_news()
    {
        var s = await factory.CreateCommentSceneAsync();

        var wip = await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, "start");
        Assert.Equal(HttpStatusCode.Created, wip.StatusCode);
        var task = await factory.ReloadAsync(s.Task);
        Assert.Equal(s.Statuses.Wip.Id, task.TaskStatusId);
        Assert.NotNull(task.RealStartDate);
        Assert.NotNull(task.LastCommentDate);
        var started = task.RealStartDate;

        var retake = await (await s.Admin.CommentAsync(s.Task, s.Statuses.Retake, "again")).ReadJsonObjectAsync();
        task = await factory.ReloadAsync(s.Task);
        Assert.Equal(1, task.RetakeCount);
        Assert.Equal(s.Statuses.Retake.Id, task.TaskStatusId);

        var deleted = await s.Admin.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{retake["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        task = await factory.ReloadAsync(s.Task);
        Assert.Equal(0, task.RetakeCount);
        Assert.Equal(s.Statuses.Wip.Id, task.TaskStatusId);
        Assert.Equal(started, task.RealStartDate);

        var done = await (await s.Admin.CommentAsync(s.Task, s.Statuses.Done, "done")).ReadJsonObjectAsync();
        task = await factory.ReloadAsync(s.Task);
        Assert.Equal(s.Statuses.Done.Id, task.TaskStatusId);
        Assert.NotNull(task.DoneDate);
        Assert.Null(task.EndDate);

        var doneId = Guid.Parse((string)done["id"]!);
        var notifications = await factory.NotificationsAsync(doneId);
        var notification = Assert.Single(notifications);
        Assert.Equal(s.Artist.Id, notification.PersonId);
        Assert.Equal(s.AdminPerson.Id, notification.AuthorId);
        Assert.Equal("comment", notification.Type);
        Assert.True(notification.Change);
        var news = await factory.WithDb(db => db.News.AsNoTracking().SingleAsync(n => n.CommentId == doneId));
        Assert.True(news.Change);
        Assert.Equal(s.Task.Id, news.TaskId);
        Assert.Equal(s.AdminPerson.Id, news.AuthorId);

        Assert.Equal(["comment:new", "news:new", "task:status-changed", "task:update"],
            (await factory.EventsAsync("comment_id", doneId)).Concat(await factory.EventsAsync("news_id", news.Id))
                .Concat((await factory.EventsAsync("task_id", s.Task.Id)).Where(n => n.StartsWith("task:")).Distinct()).Distinct().Order());
    }

    [Fact]
    public async Task Answer_has_zous_keys_the_status_and_the_author_and_mentions_notify()
    {
        var s = await factory.CreateCommentSceneAsync();
        var response = await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, extra: new
        {
            task_status_id = s.Statuses.Wip.Id,
            comment = $"Please start, @{s.Artist.FirstName} {s.Artist.LastName} ",
            checklist = new[] { new { text = "Block", @checked = false } },
            links = new[] { "https://example.com/ref" },
            for_client = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var comment = await response.ReadJsonObjectAsync();
        Assert.Equal(
            ["shotgun_id", "object_id", "object_type", "text", "data", "replies", "checklist", "pinned", "for_client", "links",
                "task_status_id", "person_id", "editor_id", "preview_file_id", "previews", "id", "created_at", "updated_at", "type",
                "mentions", "department_mentions", "acknowledgements", "attachment_files", "task_status", "person"],
            comment.Select(p => p.Key));
        Assert.Equal(s.Statuses.Wip.ShortName, (string?)comment["task_status"]!["short_name"]);
        Assert.Equal("TaskStatus", (string?)comment["task_status"]!["type"]);
        Assert.Equal("Test", (string?)comment["person"]!["first_name"]);
        Assert.Equal(
            ["first_name", "last_name", "email", "phone", "country", "contract_type", "active", "archived", "last_presence", "desktop_login",
                "totp_enabled", "email_otp_enabled", "fido_enabled", "preferred_two_factor_authentication", "shotgun_id", "timezone", "locale",
                "use_12_hour_clock", "display_date_format", "data", "role", "position", "seniority", "daily_salary", "has_avatar",
                "notifications_enabled", "notifications_slack_enabled", "notifications_slack_userid", "notifications_mattermost_enabled",
                "notifications_mattermost_userid", "notifications_discord_enabled", "notifications_discord_userid", "is_bot", "is_guest",
                "expiration_date", "is_generated_from_ldap", "ldap_uid", "studio_id", "full_name", "id", "created_at", "updated_at", "type"],
            comment["person"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["name", "archived", "short_name", "description", "color", "priority", "is_done", "is_artist_allowed", "is_client_allowed",
                "is_retake", "is_feedback_request", "is_default", "is_wip", "shotgun_id", "for_concept", "id", "created_at", "updated_at", "type"],
            comment["task_status"]!.AsObject().Select(p => p.Key));
        Assert.Equal(s.Artist.Id.ToString(), (string?)comment["mentions"]![0]);
        Assert.Equal("Block", (string?)comment["checklist"]![0]!["text"]);
        Assert.Equal("https://example.com/ref", (string?)comment["links"]![0]);
        Assert.True((bool)comment["for_client"]!);

        var notifications = await factory.NotificationsAsync(Guid.Parse((string)comment["id"]!));
        Assert.Equal(["comment", "mention"], notifications.Select(n => n.Type).Order());
        Assert.All(notifications, n => Assert.Equal(s.Artist.Id, n.PersonId));
    }

    [Fact]
    public async Task Only_a_status_with_null_lists_and_a_non_manager_cannot_impersonate()
    {
        var s = await factory.CreateCommentSceneAsync();
        var comment = await (await s.Admin.PostAsJsonAsync($"/api/actions/tasks/{s.Task.Id}/comment",
            new { task_status_id = s.Statuses.Wip.Id, links = (string[]?)null, checklist = (string[]?)null })).ReadJsonObjectAsync();
        Assert.Empty(comment["links"]!.AsArray());
        Assert.Empty(comment["checklist"]!.AsArray());
        Assert.Equal("", (string?)comment["text"]);

        var own = await (await s.ArtistClient.CommentAsync(s.Task, s.Statuses.Wip, extra: new
        {
            task_status_id = s.Statuses.Wip.Id, comment = "me", person_id = s.AdminPerson.Id, created_at = "2020-01-01 10:00:00", for_client = true,
        })).ReadJsonObjectAsync();
        Assert.Equal(s.Artist.Id.ToString(), (string?)own["person_id"]);
        Assert.False((bool)own["for_client"]!);
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(), (string?)own["created_at"]);
        // The assignee wrote it: only the admin would hear, and the admin is no recipient.
        Assert.Empty(await factory.NotificationsAsync(Guid.Parse((string)own["id"]!)));
    }

    [Fact]
    public async Task Retakes_count_changes_into_a_retake_status_and_a_delete_recomputes()
    {
        var s = await factory.CreateCommentSceneAsync();
        var counts = new List<int?>();
        string? last = null;
        foreach (var status in new[] { s.Statuses.Retake, s.Statuses.Retake, s.Statuses.Wip, s.Statuses.Retake })
        {
            last = (string?)(await (await s.Admin.CommentAsync(s.Task, status)).ReadJsonObjectAsync())["id"];
            counts.Add((await factory.ReloadAsync(s.Task)).RetakeCount);
        }
        Assert.Equal([1, 1, 1, 2], counts);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Admin.DeleteAsync($"/api/data/tasks/{s.Task.Id}/comments/{last}")).StatusCode);
        var task = await factory.ReloadAsync(s.Task);
        Assert.Equal(1, task.RetakeCount);
        Assert.Equal(s.Statuses.Wip.Id, task.TaskStatusId);
        Assert.Contains("task:status-changed", await factory.EventsAsync("task_id", s.Task.Id));
    }

    [Fact]
    public async Task Max_retakes_of_the_project_then_of_the_entity()
    {
        var s = await factory.CreateCommentSceneAsync();
        await factory.WithDb(db => db.Projects.Where(p => p.Id == s.Project.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.MaxRetakes, 1)));
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Retake)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip)).StatusCode);
        var before = await factory.CommentCountAsync(s.Task);
        await (await s.Admin.CommentAsync(s.Task, s.Statuses.Retake)).AssertWrongParameterAsync("No more retakes allowed on this task");
        Assert.Equal(before, await factory.CommentCountAsync(s.Task));
        Assert.Equal(s.Statuses.Wip.Id, (await factory.ReloadAsync(s.Task)).TaskStatusId);

        var put = await s.Admin.PutAsJsonAsync($"/api/data/entities/{s.Entity.Id}", new { data = new { max_retakes = 2 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Retake)).StatusCode);
        Assert.Equal(2, (await factory.ReloadAsync(s.Task)).RetakeCount);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip)).StatusCode);
        await (await s.Admin.CommentAsync(s.Task, s.Statuses.Retake)).AssertWrongParameterAsync("No more retakes allowed on this task");
    }

    [Fact]
    public async Task Feedback_request_sets_the_end_date_and_a_back_dated_comment_recomputes_the_task()
    {
        var s = await factory.CreateCommentSceneAsync();
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wfa)).StatusCode);
        var task = await factory.ReloadAsync(s.Task);
        Assert.NotNull(task.EndDate);
        Assert.Null(task.DoneDate);
        Assert.Contains("task:to-review", await factory.EventsAsync("task_id", s.Task.Id));

        var old = await s.Admin.CommentAsync(s.Task, s.Statuses.Retake, extra: new
        {
            task_status_id = s.Statuses.Retake.Id, comment = "old note", created_at = "2001-02-03T04:05:06",
        });
        Assert.Equal("2001-02-03T04:05:06", (string?)(await old.ReadJsonObjectAsync())["created_at"]);
        task = await factory.ReloadAsync(s.Task);
        Assert.Equal(s.Statuses.Wfa.Id, task.TaskStatusId);
        Assert.Equal(1, task.RetakeCount);
        Assert.True(task.RealStartDate > new DateTime(2020, 1, 1));
    }

    [Fact]
    public async Task Role_rules_for_statuses_and_who_may_comment()
    {
        var s = await factory.CreateCommentSceneAsync();
        var closedToArtists = await factory.CreateTaskStatusAsync(st => st.IsArtistAllowed = false);
        var closedToClients = await factory.CreateTaskStatusAsync(st => st.IsClientAllowed = false);

        await (await s.ArtistClient.CommentAsync(s.Task, closedToArtists)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await factory.CommentCountAsync(s.Task));
        Assert.Equal(HttpStatusCode.Created, (await s.ArtistClient.CommentAsync(s.Task, s.Statuses.Wfa)).StatusCode);

        var client = await factory.CreatePersonAsync("client");
        await factory.AddToTeamAsync(s.Project.Id, client);
        var clientHttp = await factory.ClientForAsync(client);
        await (await clientHttp.CommentAsync(s.Task, closedToClients)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await clientHttp.CommentAsync(s.Task, closedToArtists)).StatusCode);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        await (await outsider.CommentAsync(s.Task, s.Statuses.Wip)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        // A team artist without the task may answer once mentioned, keeping the status.
        var other = await factory.CreatePersonAsync("user");
        await factory.AddToTeamAsync(s.Project.Id, other);
        var otherHttp = await factory.ClientForAsync(other);
        await (await otherHttp.CommentAsync(s.Task, closedToClients)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await s.Admin.CommentAsync(s.Task, s.Statuses.Wfa, $"@{other.FirstName} {other.LastName}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await otherHttp.CommentAsync(s.Task, s.Statuses.Wfa, "answer")).StatusCode);
        await (await otherHttp.CommentAsync(s.Task, s.Statuses.Wip)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Bad_input_answers_4xx_and_writes_nothing()
    {
        var s = await factory.CreateCommentSceneAsync();
        var missing = await s.Admin.PostAsJsonAsync($"/api/actions/tasks/{s.Task.Id}/comment", new { comment = "no status" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Responses.AssertJsonEqual(JsonNode.Parse("""
            {"error": true, "message": "Validation error.", "data": {"errors": [{"field": "task_status_id", "message": "Field required"}]}}
            """)!, await missing.JsonAsync());
        await (await s.Admin.CommentAsync(s.Task, new ProductionTaskStatus { Id = Guid.NewGuid() }, "?"))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await s.Admin.PostAsJsonAsync($"/api/actions/tasks/not-a-uuid/comment", new { task_status_id = s.Statuses.Wip.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await s.Admin.PostAsJsonAsync($"/api/actions/tasks/{Guid.NewGuid()}/comment", new { task_status_id = s.Statuses.Wip.Id }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var filesBefore = (await factory.StoredFilesAsync()).Length;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("not-a-uuid"), "task_status_id" },
            { new StringContent("with a big file"), "comment" },
            { new ByteArrayContent(new byte[5 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "file", "big.zip" },
        };
        var malformed = await s.Admin.PostAsync($"/api/actions/tasks/{s.Task.Id}/comment", form);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("task_status_id", (string?)(await malformed.JsonAsync())["data"]!["errors"]![0]!["field"]);
        Assert.Equal(0, await factory.CommentCountAsync(s.Task));
        var task = await factory.ReloadAsync(s.Task);
        Assert.Equal(s.Task.TaskStatusId, task.TaskStatusId);
        Assert.Null(task.LastCommentDate);
        Assert.Equal(filesBefore, (await factory.StoredFilesAsync()).Length);
        Assert.Equal(0, await factory.WithDb(db => db.AttachmentFiles.CountAsync()));
    }

    [Fact]
    public async Task Subscribers_and_department_mentions_are_notified_but_never_the_author()
    {
        var s = await factory.CreateCommentSceneAsync();
        var watcher = await factory.CreatePersonAsync("user");
        var sequenceWatcher = await factory.CreatePersonAsync("user");
        var member = await factory.CreatePersonAsync("user");
        await factory.AddToTeamAsync(s.Project.Id, member);
        var department = await factory.CreateDepartmentAsync(member, s.AdminPerson);
        var parent = await factory.CreateEntityAsync(s.Project, "Sequence");
        await factory.WithDb(db => db.Entities.Where(e => e.Id == s.Entity.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ParentId, parent.Id)));
        await factory.Save(new Subscription { PersonId = watcher.Id, TaskId = s.Task.Id },
            new Subscription { PersonId = sequenceWatcher.Id, EntityId = parent.Id, TaskTypeId = s.Task.TaskTypeId },
            new Subscription { PersonId = s.AdminPerson.Id, TaskId = s.Task.Id });

        var comment = await (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip, $"see @{department.Name}")).ReadJsonObjectAsync();
        Assert.Equal(department.Id.ToString(), (string?)comment["department_mentions"]![0]);
        var notifications = await factory.NotificationsAsync(Guid.Parse((string)comment["id"]!));
        Assert.Equal(
            new[] { (s.Artist.Id, "comment"), (watcher.Id, "comment"), (sequenceWatcher.Id, "comment"), (member.Id, "mention") }.Order(),
            notifications.Select(n => (n.PersonId, n.Type)).Order());
    }

    [Fact]
    public async Task Concept_tasks_get_no_news()
    {
        var s = await factory.CreateCommentSceneAsync("Concept");
        var comment = await (await s.Admin.CommentAsync(s.Task, s.Statuses.Wip)).ReadJsonObjectAsync();
        var id = Guid.Parse((string)comment["id"]!);
        Assert.False(await factory.WithDb(db => db.News.AnyAsync(n => n.CommentId == id)));
    }
}
