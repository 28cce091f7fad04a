using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// The generic CRUD algorithm, on departments (reference data: all read, admins write): the
/// list filters, pagination, fields, the instance routes and Zou's error answers.
/// </summary>
public class GenericCrudTests(SlateFactory factory) : IClassFixture<SlateFactory>
{

    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static async Task<JsonObject> CreateDepartment(HttpClient admin, string? name = null)
    {
        var response = await admin.PostAsJsonAsync("/api/data/departments", new { name = name ?? Unique("Dept"), color = "#112233" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    [Fact]
    public async Task Create_get_update_delete()
    {
        var admin = await Admin();
        var name = Unique("Layout");

        var created = await CreateDepartment(admin, name);
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal("Department", (string?)created["type"]);
        Assert.False((bool)created["archived"]!);
        var id = (string)created["id"]!;

        var got = await admin.GetAsync($"/api/data/departments/{id}");
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(name, (string?)(await got.ReadJsonObjectAsync())["name"]);

        var put = await admin.PutAsJsonAsync($"/api/data/departments/{id}/", new { color = "#445566", id = Guid.NewGuid(), unknown_key = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadJsonObjectAsync();
        Assert.Equal("#445566", (string?)updated["color"]);
        Assert.Equal(id, (string?)updated["id"]);
        Assert.Equal((string?)created["created_at"], (string?)updated["created_at"]);

        var deleted = await admin.DeleteAsync($"/api/data/departments/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/departments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Client_chosen_id_is_ignored()
    {
        var admin = await Admin();
        var chosen = Guid.NewGuid();
        var response = await admin.PostAsJsonAsync("/api/data/departments", new { id = chosen, name = Unique("Dept"), color = "#000000" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(chosen.ToString(), (string?)(await response.ReadJsonObjectAsync())["id"]);
    }

    [Fact]
    public async Task Create_and_change_are_logged_as_events()
    {
        var admin = await Admin();
        var created = await CreateDepartment(admin);
        var id = Guid.Parse((string)created["id"]!);
        await admin.PutAsJsonAsync($"/api/data/departments/{id}", new { color = "#000001" });

        var names = await factory.WithDb(db => db.ApiEvents
            .Where(e => e.Name.StartsWith("department:"))
            .ToListAsync());
        var mine = names.Where(e => (string?)e.Data?["department_id"] == id.ToString()).Select(e => e.Name).ToList();
        Assert.Equal(["department:new", "department:update"], mine.Order());
    }

    [Fact]
    public async Task Filters_name_ignores_case_and_unknown_keys_are_ignored()
    {
        var admin = await Admin();
        var name = Unique("Compo");
        await CreateDepartment(admin, name);

        var rows = await (await admin.GetAsync($"/api/data/departments?name={name.ToLowerInvariant()}&limit=3&nonsense=1")).JsonAsync();

        Assert.Equal(name, (string?)Assert.Single(rows.AsArray())!["name"]);
    }

    [Fact]
    public async Task Filters_on_id_lists_and_booleans()
    {
        var admin = await Admin();
        var first = await CreateDepartment(admin);
        var second = await CreateDepartment(admin);
        await CreateDepartment(admin);

        var ids = Uri.EscapeDataString($"[\"{first["id"]}\",\"{second["id"]}\"]");
        var rows = (await (await admin.GetAsync($"/api/data/departments?id={ids}")).JsonAsync()).AsArray();
        Assert.Equal(new[] { (string)first["id"]!, (string)second["id"]! }.Order(), rows.Select(r => (string)r!["id"]!).Order());

        var archived = (await (await admin.GetAsync($"/api/data/departments?archived=yes&id={ids}")).JsonAsync()).AsArray();
        Assert.Empty(archived);
        var active = (await (await admin.GetAsync($"/api/data/departments?archived=0&id={ids}")).JsonAsync()).AsArray();
        Assert.Equal(2, active.Count);
    }

    [Theory]
    [InlineData("id=not-a-uuid", "Invalid UUID value: not-a-uuid")]
    [InlineData("id=", "Invalid UUID value: ")]
    [InlineData("archived=maybe", "Invalid boolean value: maybe")]
    [InlineData("id=[\"broken", "Malformed list filter for field id.")]
    [InlineData("created_at=yesterday", "One of the value of the filter has not the proper format: created_at=yesterday")]
    [InlineData("page=abc", "page must be an integer.")]
    [InlineData("page=1&limit=abc", "limit must be an integer.")]
    [InlineData("page=1&limit=-5", "limit must be a positive integer.")]
    public async Task Malformed_filters_are_400(string query, string message)
    {
        var response = await (await Admin()).GetAsync($"/api/data/departments?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.True((bool)body["error"]!);
        Assert.Equal(message, (string?)body["message"]);
        Assert.True(body.ContainsKey("data"));
    }

    [Fact]
    public async Task Pagination_envelope_and_fields()
    {
        var admin = await Admin();
        var prefix = Unique("Page");
        for (var i = 0; i < 3; i++) await CreateDepartment(admin, $"{prefix}{i}");

        var page = await (await admin.GetAsync($"/api/data/departments?name={prefix}%25&page=2&limit=2&fields=name")).ReadJsonObjectAsync();

        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal(2, (int)page["nb_pages"]!);
        Assert.Equal(2, (int)page["limit"]!);
        Assert.Equal(2, (int)page["offset"]!);
        Assert.Equal(2, (int)page["page"]!);
        var row = Assert.Single(page["data"]!.AsArray())!.AsObject();
        Assert.Equal(new[] { "id", "name", "type" }, row.Select(p => p.Key).Order());

        var beyond = await (await admin.GetAsync($"/api/data/departments?name={prefix}%25&page=9&limit=2")).ReadJsonObjectAsync();
        Assert.Empty(beyond["data"]!.AsArray());
        Assert.Equal(3, (int)beyond["total"]!);
    }

    [Fact]
    public async Task Malformed_and_unknown_ids()
    {
        var admin = await Admin();

        var malformed = await admin.GetAsync("/api/data/departments/not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Malformed ID.", (string?)(await malformed.ReadJsonObjectAsync())["message"]);

        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"/api/data/departments/{unknown}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.PutAsJsonAsync($"/api/data/departments/{unknown}", new { color = "#000000" })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.DeleteAsync($"/api/data/departments/{unknown}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Unknown_field_on_create_is_refused_and_nothing_is_written()
    {
        var admin = await Admin();
        var name = Unique("Typo");

        var response = await admin.PostAsJsonAsync("/api/data/departments", new { name, color = "#123456", colour = "#123456" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"'colour' is an invalid keyword argument for Department"}""", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Departments.AnyAsync(d => d.Name == name)));
    }

    [Fact]
    public async Task Duplicate_unique_value_is_400_with_Zou_message()
    {
        var admin = await Admin();
        var name = Unique("Dup");
        await CreateDepartment(admin, name);

        var response = await admin.PostAsJsonAsync("/api/data/departments", new { name, color = "#3F51B5" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"A record with the same unique values already exists."}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.Departments.CountAsync(d => d.Name == name)));
    }

    [Theory]
    [InlineData("null", 400, "Data are empty. Please verify that you sent JSON data and that you set the right headers.")]
    [InlineData("[1]", 400, "Request body must be a JSON object.")]
    [InlineData("{\"name\": ", 400, "The browser (or proxy) sent a request that this server could not understand.")]
    public async Task Bodies_that_are_not_objects_are_refused(string body, int status, string message)
    {
        var response = await (await Admin()).PostAsync("/api/data/departments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(message, (string?)(await response.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task Body_without_json_content_type_is_415()
    {
        var response = await (await Admin()).PostAsync("/api/data/departments", new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain"));

        await response.AssertZouErrorAsync(HttpStatusCode.UnsupportedMediaType,
            "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
    }

    [Theory]
    [InlineData("""{"name": "X", "color": 12, "archived": "perhaps"}""", "One of the provided values has an invalid format.")]
    [InlineData("""{"color": "#000000"}""", "A required field is missing.")]
    [InlineData("""{"name": null, "color": "#000000"}""", "A required field is missing.")]
    [InlineData("""{"name": "X", "color": "#0000000000"}""", "'color' is too long: at most 7 characters.")]
    public async Task Values_that_do_not_fit_the_columns_are_refused(string body, string message)
    {
        var response = await (await Admin()).PostAsync("/api/data/departments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string?)(await response.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task Artists_read_reference_data_but_cannot_change_it()
    {
        var created = await CreateDepartment(await Admin());
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));

        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync("/api/data/departments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync($"/api/data/departments/{created["id"]}")).StatusCode);
        await (await artist.PostAsJsonAsync("/api/data/departments", new { name = Unique("Artist dept"), color = "#000000" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/departments/{created["id"]}", new { color = "#FFFFFF" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.DeleteAsync($"/api/data/departments/{created["id"]}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Managers_are_refused_the_admin_only_collections()
    {
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var chat = await factory.WithDb(async db =>
        {
            var chat = new Chat { ObjectId = Guid.NewGuid() };
            db.Chats.Add(chat);
            await db.SaveChangesAsync();
            return chat;
        });

        foreach (var path in new[] { "chats", "news", "notifications", "plugins", "subscriptions", "budgets", "budget-entries" })
            await (await manager.GetAsync($"/api/data/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/chats/{chat.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        // Existence is checked before permission, as in Zou.
        await (await manager.GetAsync($"/api/data/chats/{Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }
}
