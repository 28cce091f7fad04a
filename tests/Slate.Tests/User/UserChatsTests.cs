using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.User;

/// <summary>The entity chats the caller joins, leaves and lists (behavior-services.md §4).</summary>
public class UserChatsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<List<Guid>> ParticipantsAsync(Guid entityId) => factory.WithDb(db => db.ChatParticipants
        .Where(p => db.Chats.Any(c => c.Id == p.ChatId && c.ObjectId == entityId)).Select(p => p.PersonId).ToListAsync());

    [Fact]
    public async Task A_team_member_joins_an_entitys_chat_created_on_first_use_and_lists_it()
    {
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null));
        var sequence = await factory.CreateEntityAsync(project, "Sequence", e => e.Name = "SQ01");
        var shot = await factory.CreateEntityAsync(project, "Shot", e => { e.Name = "SH010"; e.ParentId = sequence.Id; });
        var client = await factory.ClientForAsync(artist);

        var joined = await client.PostAsync($"/api/actions/user/chats/{shot.Id}/join", null);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var chat = await joined.ReadJsonObjectAsync();
        Assert.Equal(["object_id", "object_type", "last_message", "id", "created_at", "updated_at", "type"], chat.Select(p => p.Key));
        Assert.Equal((shot.Id.ToString(), "entity", "Chat"), ((string?)chat["object_id"], (string?)chat["object_type"], (string?)chat["type"]));
        var again = await (await client.PostAsync($"/api/actions/user/chats/{shot.Id}/join", null)).ReadJsonObjectAsync();
        Assert.Equal((string?)chat["id"], (string?)again["id"]);
        Assert.Equal([artist.Id], await ParticipantsAsync(shot.Id));

        var listed = await ArrayAsync(await client.GetAsync("/api/data/user/chats"));
        var row = Assert.Single(listed)!.AsObject();
        Assert.Equal(["id", "object_id", "last_message", "entity_name", "project_id", "preview_file_id"], row.Select(p => p.Key));
        Assert.Equal(((string?)chat["id"], "SQ01 / SH010", project.Id.ToString()),
            ((string?)row["id"], (string?)row["entity_name"], (string?)row["project_id"]));
        Assert.Null(row["preview_file_id"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/actions/user/chats/{shot.Id}/join")).StatusCode);
        Assert.Empty(await ParticipantsAsync(shot.Id));
        Assert.Empty(await ArrayAsync(await client.GetAsync("/api/data/user/chats")));
    }

    [Fact]
    public async Task Joining_needs_access_to_the_entity()
    {
        var outsider = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (vendor, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var outsiderClient = await factory.ClientForAsync(outsider);

        await (await outsiderClient.PostAsync($"/api/actions/user/chats/{shot.Id}/join", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsiderClient.DeleteAsync($"/api/actions/user/chats/{shot.Id}/join"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await (await factory.ClientForAsync(vendor)).PostAsync($"/api/actions/user/chats/{shot.Id}/join", null))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsiderClient.PostAsync($"/api/actions/user/chats/{Guid.NewGuid()}/join", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await outsiderClient.PostAsync("/api/actions/user/chats/nope/join", null))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.False(await factory.WithDb(db => db.Chats.AnyAsync(c => c.ObjectId == shot.Id)));
    }

    [Fact]
    public async Task The_list_keeps_open_projects_the_caller_still_belongs_to()
    {
        var artist = await factory.CreatePersonAsync();
        var open = await factory.CreateProjectAsync(true, (artist, null));
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        var left = await factory.CreateProjectAsync(true);
        var kept = await factory.CreateEntityAsync(open, "Character");
        var entities = new[] { kept, await factory.CreateEntityAsync(closed, "Character"), await factory.CreateEntityAsync(left, "Character") };
        foreach (var entity in entities)
        {
            var chat = new Chat { ObjectId = entity.Id };
            await factory.Save(chat, new ChatParticipant { ChatId = chat.Id, PersonId = artist.Id });
        }
        var other = await factory.CreatePersonAsync();
        await factory.AddToTeamAsync(open.Id, other);

        var rows = await ArrayAsync(await (await factory.ClientForAsync(artist)).GetAsync("/api/data/user/chats"));
        Assert.Equal([kept.Id.ToString()], rows.Select(r => (string?)r!["object_id"]));
        Assert.StartsWith("Character / ", (string?)rows[0]!["entity_name"]);
        Assert.Empty(await ArrayAsync(await (await factory.ClientForAsync(other)).GetAsync("/api/data/user/chats")));
    }

    [Fact]
    public async Task Bots_are_refused()
    {
        var bot = await factory.BotClientAsync("admin");
        var shot = await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot");
        await (await bot.GetAsync("/api/data/user/chats")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await bot.PostAsync($"/api/actions/user/chats/{shot.Id}/join", null)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.Chats.AnyAsync(c => c.ObjectId == shot.Id)));
    }
}
