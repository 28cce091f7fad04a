using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/chats, chat-messages, news, subscriptions and plugins: every route is for admins only.</summary>
public class AdminOnlyCollectionsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    public static TheoryData<string> Collections => ["chats", "chat-messages", "news", "subscriptions", "plugins"];

    /// <summary>A valid create body, a change to make, and a column to filter on, for each collection.</summary>
    async Task<(JsonObject Create, JsonObject Update, string Filter)> BodiesAsync(string collection)
    {
        var production = await factory.CreateProductionAsync();
        var person = await factory.CreatePersonAsync("user");
        var id = (Guid value) => JsonValue.Create(value.ToString());
        switch (collection)
        {
            case "chats":
                return (new() { ["object_id"] = id(production.EntityId), ["object_type"] = "entity" },
                    new() { ["last_message"] = "2026-01-02T10:00:00" }, "object_id");
            case "chat-messages":
                var chat = await factory.Save(new Chat { ObjectId = production.EntityId });
                return (new() { ["chat_id"] = id(chat.Id), ["person_id"] = id(person.Id), ["text"] = "Layout is locked" },
                    new() { ["text"] = "Layout is locked, go" }, "chat_id");
            case "news":
                return (new() { ["author_id"] = id(person.Id), ["task_id"] = id(production.TaskId), ["change"] = true },
                    new() { ["change"] = false }, "task_id");
            case "subscriptions":
                return (new() { ["person_id"] = id(person.Id), ["task_id"] = id(production.TaskId) },
                    new() { ["task_type_id"] = id(production.TaskTypeId) }, "person_id");
            default:
                return (new()
                {
                    ["plugin_id"] = Unique("plugin"), ["name"] = "Render stats", ["version"] = "1.0.0",
                    ["maintainer_name"] = "Studio", ["license"] = "MIT",
                }, new() { ["description"] = "Render farm statistics" }, "plugin_id");
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes(string collection)
    {
        var admin = await factory.AdminClientAsync();
        var (create, update, filter) = await BodiesAsync(collection);

        var created = await admin.PostAsJsonAsync($"/api/data/{collection}", create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = await created.ReadJsonObjectAsync();
        var id = (string)row["id"]!;
        var filterValue = Uri.EscapeDataString((string)create[filter]!);

        var rows = (await (await admin.GetAsync($"/api/data/{collection}?{filter}={filterValue}")).JsonAsync()).AsArray();
        Assert.Equal(id, (string?)Assert.Single(rows)!["id"]);
        var page = await (await admin.GetAsync($"/api/data/{collection}?{filter}={filterValue}&page=1&limit=10")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal(id, (string?)(await (await admin.GetAsync($"/api/data/{collection}/{id}")).ReadJsonObjectAsync())["id"]);

        var put = await admin.PutAsJsonAsync($"/api/data/{collection}/{id}", update);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (key, value) = update.Single();
        Responses.AssertJsonEqual(value!, (await put.ReadJsonObjectAsync())[key]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/{collection}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/{collection}/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Managers_are_refused_everything(string collection)
    {
        var admin = await factory.AdminClientAsync();
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var (create, update, _) = await BodiesAsync(collection);
        var id = (string)(await (await admin.PostAsJsonAsync($"/api/data/{collection}", create)).ReadJsonObjectAsync())["id"]!;
        var stored = await (await admin.GetAsync($"/api/data/{collection}/{id}")).ReadJsonObjectAsync();
        var (other, _, _) = await BodiesAsync(collection);

        await (await manager.GetAsync($"/api/data/{collection}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/{collection}/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PostAsJsonAsync($"/api/data/{collection}", other)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/{collection}/{id}", update)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/{collection}/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        Responses.AssertJsonEqual(stored, await (await admin.GetAsync($"/api/data/{collection}/{id}")).JsonAsync());
    }

    [Fact]
    public async Task Deleting_a_chat_drops_its_participants_but_not_its_messages()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var person = await factory.CreatePersonAsync("user");
        var chat = await factory.Save(new Chat { ObjectId = production.EntityId });
        await factory.Save(new ChatParticipant { ChatId = chat.Id, PersonId = person.Id });
        var talkative = await factory.Save(new Chat { ObjectId = production.EntityId });
        await factory.Save(new ChatMessage { ChatId = talkative.Id, PersonId = person.Id, Text = "Hello" });

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/chats/{chat.Id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.ChatParticipants.AnyAsync(p => p.ChatId == chat.Id)));

        var refused = await admin.DeleteAsync($"/api/data/chats/{talkative.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await refused.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.Chats.AnyAsync(c => c.Id == talkative.Id)));
    }
}
