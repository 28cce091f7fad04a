using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// Studio reference collections with Zou's plain rules: project statuses, file statuses,
/// softwares and output types are read by everyone; hardware items only by admins; all are
/// written by admins. Names are unique.
/// </summary>
public class ReferenceDataTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>A valid new row of the collection, under a unique name (project_status.name holds 20 characters).</summary>
    static JsonObject NewRow(string path)
    {
        var name = Unique("N ");
        return path switch
        {
            "project-status" => new JsonObject { ["name"] = name, ["color"] = "#00ff00" },
            "file-status" => new JsonObject { ["name"] = name, ["color"] = "#ff0000" },
            "softwares" => new JsonObject { ["name"] = name, ["short_name"] = "blend", ["file_extension"] = "blend", ["version"] = "4.2" },
            "output-types" => new JsonObject { ["name"] = name, ["short_name"] = "cache" },
            "hardware-items" => new JsonObject { ["name"] = name, ["short_name"] = "tab", ["monthly_cost"] = 30, ["inventory_amount"] = 4 },
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
    }

    async Task<JsonObject> CreateAsync(HttpClient admin, string path, JsonObject? row = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/data/{path}", row ?? NewRow(path));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    [Theory]
    [InlineData("project-status", "ProjectStatus", "project_status")]
    [InlineData("file-status", "FileStatus", "file_status")]
    [InlineData("softwares", "Software", "software")]
    [InlineData("output-types", "OutputType", "output_type")]
    [InlineData("hardware-items", "HardwareItem", "hardware_item")]
    public async Task Admin_creates_lists_reads_updates_and_deletes(string path, string type, string table)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var row = NewRow(path);

        var created = await CreateAsync(admin, path, row);
        Assert.Equal(type, (string?)created["type"]);
        foreach (var (key, value) in row) Assert.True(JsonNode.DeepEquals(value, created[key]), key);
        var id = (string)created["id"]!;
        await CreateAsync(admin, path);

        var named = await (await admin.GetAsync($"/api/data/{path}?name={((string)row["name"]!).ToUpperInvariant()}")).JsonAsync();
        Assert.Equal(id, (string?)Assert.Single(named.AsArray())!["id"]);
        var page = await (await admin.GetAsync($"/api/data/{path}?page=1&limit=1")).ReadJsonObjectAsync();
        Assert.True((int)page["total"]! >= 2);
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(row["name"]!.ToString(), (string?)(await (await admin.GetAsync($"/api/data/{path}/{id}")).ReadJsonObjectAsync())["name"]);

        var renamed = Unique("R ");
        var updated = await (await admin.PutAsJsonAsync($"/api/data/{path}/{id}", new { name = renamed })).ReadJsonObjectAsync();
        Assert.Equal(renamed, (string?)updated["name"]);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/{path}/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/data/{path}/{id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var events = new[] { "new", "update", "delete" };
        foreach (var verb in events)
            Assert.Single(await factory.EventsAsync($"{table.Replace('_', '-')}:{verb}", $"{table}_id", Guid.Parse(id)));
    }

    [Theory]
    [InlineData("project-status")]
    [InlineData("file-status")]
    [InlineData("softwares")]
    [InlineData("output-types")]
    [InlineData("hardware-items")]
    public async Task Names_are_unique(string path)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var existing = await CreateAsync(admin, path);
        var row = NewRow(path);
        row["name"] = (string)existing["name"]!;

        var response = await admin.PostAsJsonAsync($"/api/data/{path}", row);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"A record with the same unique values already exists."}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("project-status", true)]
    [InlineData("file-status", true)]
    [InlineData("softwares", true)]
    [InlineData("output-types", true)]
    [InlineData("hardware-items", false)]
    public async Task Non_admins_read_what_Zou_opens_to_them_and_change_nothing(string path, bool readable)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var existing = await CreateAsync(admin, path);
        var id = (string)existing["id"]!;
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));

        if (readable)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/data/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/data/{path}/{id}")).StatusCode);
        }
        else
        {
            await (await manager.GetAsync($"/api/data/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await manager.GetAsync($"/api/data/{path}/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        var row = NewRow(path);
        await (await manager.PostAsJsonAsync($"/api/data/{path}", row)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/{path}/{id}", new { name = "Renamed" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/{path}/{id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);

        var rows = (await (await admin.GetAsync($"/api/data/{path}")).JsonAsync()).AsArray();
        Assert.Contains(rows, r => (string?)r!["id"] == id && (string?)r["name"] == (string?)existing["name"]);
        Assert.DoesNotContain(rows, r => (string?)r!["name"] == (string?)row["name"]);
    }
}
