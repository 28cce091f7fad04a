using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/notifications: admins only; the "type" column comes and goes as Zou sends it.</summary>
public class NotificationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] Keys =
    [
        "author_id", "change", "comment_id", "created_at", "id", "notification_type", "person_id", "playlist_id", "read", "reply_id",
        "task_id", "type", "updated_at",
    ];

    [Fact]
    public async Task Admin_creates_lists_reads_updates_and_deletes()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var client = await factory.ClientForAsync(admin);
        var artist = await factory.CreatePersonAsync();

        var created = await client.PostAsJsonAsync("/api/data/notifications", new { person_id = artist.Id, author_id = admin.Id, type = "mention" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = await created.ReadJsonObjectAsync();
        Assert.Equal(Keys, row.Select(p => p.Key).Order());
        Assert.Equal(("Notification", "mention"), ((string?)row["type"], (string?)row["notification_type"]));
        var id = (string)row["id"]!;
        await client.PostAsJsonAsync("/api/data/notifications", new { person_id = artist.Id, author_id = admin.Id, type = "assignation" });

        var mentions = (await (await client.GetAsync($"/api/data/notifications?person_id={artist.Id}&type=mention")).JsonAsync()).AsArray();
        Assert.Equal(id, (string?)Assert.Single(mentions)!["id"]);
        var page = await (await client.GetAsync($"/api/data/notifications?person_id={artist.Id}&page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Equal((2, 2), ((int)page["total"]!, (int)page["nb_pages"]!));

        var updated = await (await client.PutAsJsonAsync($"/api/data/notifications/{id}", new { read = true, type = "reply" })).ReadJsonObjectAsync();
        Assert.Equal((true, "reply"), ((bool)updated["read"]!, (string?)updated["notification_type"]));
        Assert.Equal("reply", (string?)(await (await client.GetAsync($"/api/data/notifications/{id}")).ReadJsonObjectAsync())["notification_type"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/data/notifications/{id}")).StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.Notifications.CountAsync(n => n.PersonId == artist.Id)));
    }

    [Fact]
    public async Task Unknown_or_missing_types_are_400()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var client = await factory.ClientForAsync(admin);

        var unknown = await client.PostAsJsonAsync("/api/data/notifications", new { person_id = admin.Id, author_id = admin.Id, type = "gossip" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Invalid notification type, expected one of: comment, mention, assignation, reply, reply-mention, playlist-ready.",
            (string?)(await unknown.ReadJsonObjectAsync())["message"]);
        var missing = await client.PostAsJsonAsync("/api/data/notifications", new { person_id = admin.Id, author_id = admin.Id });
        Assert.Equal("""{"message":"A required field is missing."}""", await missing.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.PersonId == admin.Id)));
    }

    [Fact]
    public async Task Others_are_refused_even_their_own()
    {
        var artist = await factory.CreatePersonAsync();
        var notification = await factory.WithDb(async db =>
        {
            var row = new Notification { PersonId = artist.Id, AuthorId = artist.Id, Type = "comment" };
            db.Notifications.Add(row);
            await db.SaveChangesAsync();
            return row;
        });
        var client = await factory.ClientForAsync(artist);

        await (await client.GetAsync("/api/data/notifications")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/notifications/{notification.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/notifications/{notification.Id}", new { read = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.DeleteAsync($"/api/data/notifications/{notification.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(async db => (await db.Notifications.SingleAsync(n => n.Id == notification.Id)).Read));
    }
}
