using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/attachment-files: admins write and list; one file is read through its comment or its chat.</summary>
public class AttachmentFilesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var comment = await factory.CreateCommentAsync(production, (await factory.CreatePersonAsync("admin")).Id);
        var name = Unique("sheet") + ".png";

        var created = await admin.PostAsJsonAsync("/api/data/attachment-files", new { name, extension = "png", size = 12, comment_id = comment.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.ReadJsonObjectAsync())["id"]!;
        await factory.Save(new AttachmentFile { Name = Unique("other"), CommentId = comment.Id });

        var rows = (await (await admin.GetAsync($"/api/data/attachment-files?comment_id={comment.Id}")).JsonAsync()).AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(comment.Id.ToString(), (string?)row!["comment"]!["id"]));
        var page = await (await admin.GetAsync($"/api/data/attachment-files?comment_id={comment.Id}&page=2&limit=1")).ReadJsonObjectAsync();
        Assert.Equal(2, (int)page["nb_pages"]!);
        Assert.Single(page["data"]!.AsArray());

        var got = await (await admin.GetAsync($"/api/data/attachment-files/{id}")).ReadJsonObjectAsync();
        Assert.Equal(name, (string?)got["name"]);
        Assert.Null(got["chat_message"]);
        var put = await admin.PutAsJsonAsync($"/api/data/attachment-files/{id}", new { mimetype = "image/png" });
        Assert.Equal("image/png", (string?)(await put.ReadJsonObjectAsync())["mimetype"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/attachment-files/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.AttachmentFiles.AnyAsync(a => a.Id == Guid.Parse(id))));
    }

    [Fact]
    public async Task Readers_of_the_comment_read_its_attachment_and_only_admins_change_it()
    {
        var production = await factory.CreateProductionAsync();
        var artist = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user"));
        var client = await factory.CreateMemberAsync(production, "client");
        var studioNote = await factory.CreateCommentAsync(production, (await factory.CreatePersonAsync("admin")).Id);
        var attachment = await factory.Save(new AttachmentFile { Name = "a.png", CommentId = studioNote.Id });

        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync($"/api/data/attachment-files/{attachment.Id}")).StatusCode);
        // The answer nests the comment: a client may not read a studio comment through its attachment.
        await (await (await factory.ClientForAsync(client)).GetAsync($"/api/data/attachment-files/{attachment.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.GetAsync("/api/data/attachment-files")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/attachment-files/{attachment.Id}", new { name = "b.png" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.DeleteAsync($"/api/data/attachment-files/{attachment.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal("a.png", await factory.WithDb(db => db.AttachmentFiles.Where(a => a.Id == attachment.Id).Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task Chat_attachments_are_read_with_access_to_the_chat_entity()
    {
        var production = await factory.CreateProductionAsync();
        var author = await factory.CreatePersonAsync("admin");
        var chat = await factory.Save(new Chat { ObjectId = production.EntityId });
        var message = await factory.Save(new ChatMessage { ChatId = chat.Id, PersonId = author.Id, Text = "See attached" });
        var attachment = await factory.Save(new AttachmentFile { Name = "frame.png", ChatMessageId = message.Id });
        var vendor = await factory.CreateMemberAsync(production, "vendor");
        var vendorApi = await factory.ClientForAsync(vendor);

        var asMember = await (await factory.ClientForAsync(await factory.CreateMemberAsync(production, "user")))
            .GetAsync($"/api/data/attachment-files/{attachment.Id}");
        Assert.Equal(message.Id.ToString(), (string?)(await asMember.ReadJsonObjectAsync())["chat_message"]!["id"]);
        await (await vendorApi.GetAsync($"/api/data/attachment-files/{attachment.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await factory.AssignAsync(production.TaskId, vendor.Id);
        Assert.Equal(HttpStatusCode.OK, (await vendorApi.GetAsync($"/api/data/attachment-files/{attachment.Id}")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("user"))).GetAsync($"/api/data/attachment-files/{attachment.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
