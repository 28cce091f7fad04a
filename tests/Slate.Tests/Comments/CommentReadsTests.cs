using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Comments;

/// <summary>Reading a task's comments and a project's (behavior-production.md §4.3, §11 check 30).</summary>
public class CommentReadsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static List<string?> Texts(JsonArray rows) => [.. rows.Select(r => (string?)r!["text"])];

    [Fact]
    public async Task The_task_comments_come_newest_first_with_author_status_and_relations()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, artist);
        var department = await factory.CreateDepartmentAsync();
        var old = await factory.CreateCommentAsync(task, admin, c => { c.Text = "first"; c.CreatedAt = new DateTime(2024, 1, 1); });
        var recent = await factory.CreateCommentAsync(task, artist, c =>
        {
            c.Text = "second";
            c.CreatedAt = new DateTime(2024, 1, 2);
            c.EditorId = admin.Id;
            c.Replies = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["text"] = "a reply", ["person_id"] = admin.Id.ToString() });
        });
        var preview = await factory.CreatePreviewAsync(task, p => p.OriginalName = "v001");
        var attachment = new AttachmentFile { Name = "notes.png", Extension = "png", Size = 12, CommentId = recent.Id };
        await factory.Save(new CommentPreviewLink { Comment = recent.Id, PreviewFile = preview.Id },
            new CommentAcknowledgment { Comment = recent.Id, Person = admin.Id },
            new CommentMention { Comment = recent.Id, Person = artist.Id },
            new CommentDepartmentMention { Comment = recent.Id, Department = department.Id },
            attachment);
        await factory.CreateCommentAsync(await factory.CreateTaskAsync(entity, artist), artist);

        var rows = await ArrayAsync(await (await factory.ClientForAsync(admin)).GetAsync($"/api/data/tasks/{task.Id}/comments"));
        Assert.Equal(["second", "first"], Texts(rows));
        var row = rows[0]!.AsObject();
        Assert.Equal(
            ["shotgun_id", "object_id", "object_type", "text", "data", "replies", "checklist", "pinned", "for_client", "links",
                "task_status_id", "person_id", "editor_id", "preview_file_id", "id", "created_at", "updated_at", "type", "person",
                "editor", "task_status", "acknowledgements", "previews", "mentions", "department_mentions", "attachment_files"],
            row.Select(p => p.Key).ToList());
        Assert.Equal("Test", (string?)row["person"]!["first_name"]);
        Assert.Equal(artist.FullName, (string?)row["person"]!["full_name"]);
        Assert.Equal(["first_name", "last_name", "has_avatar", "role", "id"], row["editor"]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal(task.TaskStatusId.ToString(), (string?)row["task_status"]!["id"]);
        Assert.NotNull((string?)row["task_status"]!["short_name"]);
        Assert.Equal(admin.Id.ToString(), (string?)row["acknowledgements"]![0]);
        Assert.Equal(artist.Id.ToString(), (string?)row["mentions"]![0]);
        Assert.Equal(department.Id.ToString(), (string?)row["department_mentions"]![0]);
        Assert.Equal("v001", (string?)row["previews"]![0]!["original_name"]);
        Assert.Equal("neutral", (string?)row["previews"]![0]!["validation_status"]);
        Assert.Equal(
            new JsonObject { ["id"] = attachment.Id.ToString(), ["name"] = "notes.png", ["extension"] = "png", ["reply_id"] = null, ["size"] = 12 }.ToJsonString(),
            row["attachment_files"]![0]!.ToJsonString());
        Assert.Equal(admin.FullName, (string?)row["replies"]![0]!["person"]!["full_name"]);
        Assert.Null(rows[1]!["editor"]);
        Assert.Empty(rows[1]!["previews"]!.AsArray());

        var one = await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/tasks/{task.Id}/comments/{old.Id}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var body = await one.ReadJsonObjectAsync();
        Assert.Equal("first", (string?)body["text"]);
        Assert.Equal("Comment", (string?)body["type"]);
        Assert.False(body.ContainsKey("previews"));
    }

    [Fact]
    public async Task Paths_must_hold_together_and_outsiders_are_refused()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, artist);
        var other = await factory.CreateTaskAsync(entity, artist);
        var comment = await factory.CreateCommentAsync(task, artist);
        var client = await factory.ClientForAsync(artist);

        await (await client.GetAsync($"/api/data/tasks/{other.Id}/comments/{comment.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync($"/api/data/tasks/{task.Id}/comments/not-a-uuid")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync("/api/data/tasks/not-a-uuid/comments")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.GetAsync($"/api/data/tasks/{Guid.NewGuid()}/comments")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync($"/api/data/tasks/{task.Id}/comments")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync($"/api/data/tasks/{task.Id}/comments/{comment.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_vendor_reads_only_the_comments_of_their_own_tasks()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (vendor, null), (artist, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var theirs = await factory.CreateTaskAsync(entity, vendor);
        var sibling = await factory.CreateTaskAsync(entity, artist);
        await factory.CreateCommentAsync(theirs, artist, c => c.Text = "for the vendor");
        var hidden = await factory.CreateCommentAsync(sibling, artist);

        var client = await factory.ClientForAsync(vendor);
        Assert.Equal(["for the vendor"], Texts(await ArrayAsync(await client.GetAsync($"/api/data/tasks/{theirs.Id}/comments"))));
        await (await client.GetAsync($"/api/data/tasks/{sibling.Id}/comments")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/tasks/{sibling.Id}/comments/{hidden.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Artists_do_not_see_client_comments_and_clients_see_what_is_meant_for_them()
    {
        var artist = await factory.CreatePersonAsync();
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var customer = await factory.CreatePersonAsync("client");
        var project = await factory.CreateProjectAsync(true, (artist, null), (supervisor, null), (customer, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist);
        var day = new DateTime(2024, 3, 1);
        await factory.CreateCommentAsync(task, artist, c => { c.Text = "studio only"; c.CreatedAt = day; });
        await factory.CreateCommentAsync(task, supervisor, c => { c.Text = "for the client"; c.ForClient = true; c.CreatedAt = day.AddHours(1); });
        var withPreview = await factory.CreateCommentAsync(task, artist, c =>
        {
            c.Text = "internal notes";
            c.Links = ["https://intranet.example/notes"];
            c.Checklist = new JsonArray(new JsonObject { ["text"] = "fix", ["checked"] = false });
            c.CreatedAt = day.AddHours(2);
        });
        var clientNote = await factory.CreateCommentAsync(task, customer, c => { c.Text = "client note"; c.CreatedAt = day.AddHours(3); });
        var shown = await factory.CreatePreviewAsync(task);
        var rejected = await factory.CreatePreviewAsync(task, p => p.ValidationStatus = "rejected");
        await factory.Save(new CommentPreviewLink { Comment = withPreview.Id, PreviewFile = shown.Id },
            new CommentPreviewLink { Comment = withPreview.Id, PreviewFile = rejected.Id });

        var byArtist = await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/tasks/{task.Id}/comments"));
        Assert.Equal(["internal notes", "for the client", "studio only"], Texts(byArtist));
        Assert.Equal(2, byArtist[0]!["previews"]!.AsArray().Count);
        var bySupervisor = await ArrayAsync(await (await factory.ClientForAsync(supervisor)).GetAsync($"/api/data/tasks/{task.Id}/comments"));
        Assert.Equal(["client note", "internal notes", "for the client", "studio only"], Texts(bySupervisor));

        var asClient = await factory.ClientForAsync(customer);
        var byClient = await ArrayAsync(await asClient.GetAsync($"/api/data/tasks/{task.Id}/comments"));
        Assert.Equal(["client note", "", "for the client"], Texts(byClient));
        Assert.Equal(customer.FullName, (string?)byClient[0]!["person"]!["full_name"]);
        var emptied = byClient[1]!;
        Assert.Null(emptied["person"]);
        Assert.Empty(emptied["links"]!.AsArray());
        Assert.Empty(emptied["checklist"]!.AsArray());
        Assert.Equal([shown.Id.ToString()], emptied["previews"]!.AsArray().Select(p => (string?)p!["id"]).ToList());
        Assert.Null(byClient[2]!["person"]);

        await (await asClient.GetAsync($"/api/data/tasks/{task.Id}/comments/{withPreview.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(artist)).GetAsync($"/api/data/tasks/{task.Id}/comments/{clientNote.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_project_comments_are_for_the_studio_team_and_paged_on_request()
    {
        var artist = await factory.CreatePersonAsync();
        var customer = await factory.CreatePersonAsync("client");
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (customer, null), (vendor, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");
        var task = await factory.CreateTaskAsync(entity, artist, vendor);
        var first = await factory.CreateCommentAsync(task, artist, c => c.UpdatedAt = new DateTime(2024, 1, 1));
        var second = await factory.CreateCommentAsync(await factory.CreateTaskAsync(entity), artist, c => c.UpdatedAt = new DateTime(2024, 1, 2));
        await factory.Save(new CommentMention { Comment = first.Id, Person = artist.Id });
        var elsewhere = await factory.CreateProjectAsync(true, (artist, null));
        await factory.CreateCommentAsync(await factory.CreateTaskAsync(await factory.CreateEntityAsync(elsewhere, "Shot")), artist);

        var client = await factory.ClientForAsync(artist);
        var rows = await ArrayAsync(await client.GetAsync($"/api/data/projects/{project.Id}/comments"));
        Assert.Equal([second.Id.ToString(), first.Id.ToString()], rows.Select(r => (string?)r!["id"]).ToList());
        var keys = rows[1]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal("previews", keys[keys.IndexOf("preview_file_id") + 1]);
        Assert.Equal(["type", "mentions", "department_mentions", "acknowledgements", "attachment_files"], keys[^5..]);
        Assert.Equal(artist.Id.ToString(), (string?)rows[1]!["mentions"]![0]);

        var page = await (await client.GetAsync($"/api/data/projects/{project.Id}/comments?page=2&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["total"]!);
        Assert.Equal(2, (int)page["nb_pages"]!);
        Assert.Equal(1, (int)page["offset"]!);
        Assert.Equal(first.Id.ToString(), (string?)page["data"]![0]!["id"]);
        await (await client.GetAsync($"/api/data/projects/{project.Id}/comments?page=x")).AssertWrongParameterAsync("page must be an integer.");
        await (await client.GetAsync($"/api/data/projects/{project.Id}/comments?page=1&limit=-1")).AssertWrongParameterAsync("limit must be a positive integer.");

        foreach (var refused in new[] { customer, vendor, await factory.CreatePersonAsync() })
            await (await (await factory.ClientForAsync(refused)).GetAsync($"/api/data/projects/{project.Id}/comments"))
                .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.GetAsync($"/api/data/projects/{Guid.NewGuid()}/comments")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task The_task_comments_take_the_same_queries_whatever_their_number()
    {
        var artist = await factory.CreatePersonAsync();
        var editor = await factory.CreatePersonAsync("supervisor");
        var customer = await factory.CreatePersonAsync("client");
        var project = await factory.CreateProjectAsync(true, (artist, null), (editor, null), (customer, null));
        var entity = await factory.CreateEntityAsync(project, "Shot");

        async Task<ProductionTask> TaskWithAsync(int comments)
        {
            var task = await factory.CreateTaskAsync(entity, artist);
            for (var i = 0; i < comments; i++)
            {
                var comment = await factory.CreateCommentAsync(task, i % 2 == 0 ? artist : customer, c =>
                {
                    c.EditorId = editor.Id;
                    c.ForClient = true;
                    c.Replies = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["person_id"] = editor.Id.ToString() });
                });
                await factory.Save(new CommentPreviewLink { Comment = comment.Id, PreviewFile = (await factory.CreatePreviewAsync(task)).Id },
                    new AttachmentFile { Name = "a.png", CommentId = comment.Id },
                    new CommentAcknowledgment { Comment = comment.Id, Person = artist.Id });
            }
            return task;
        }

        var small = await TaskWithAsync(1);
        var large = await TaskWithAsync(6);
        foreach (var person in new[] { artist, customer })
        {
            var client = await factory.ClientForAsync(person);
            async Task<int> CountAsync(ProductionTask task)
            {
                using var counter = await SqlCommandCounter.StartAsync(factory);
                var response = await client.GetAsync($"/api/data/tasks/{task.Id}/comments");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await response.Content.ReadAsByteArrayAsync();
                return counter.Count;
            }
            var few = await CountAsync(small);
            Assert.InRange(few, 1, 16);
            Assert.Equal(few, await CountAsync(large));
        }
    }
}
