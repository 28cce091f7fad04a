using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Departments;

/// <summary>Software licenses and hardware items of departments (Zou's departments blueprint), admins only.</summary>
public class DepartmentsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>An item of the kind, saved: a software or a hardware item with unique names.</summary>
    async Task<Guid> ItemAsync(string kind) => kind == "software-licenses"
        ? (await factory.Save(new Software { Name = TestData.Unique("Krita"), ShortName = TestData.Unique("k"), FileExtension = "kra" })).Id
        : (await factory.Save(new HardwareItem { Name = TestData.Unique("Tablet"), ShortName = TestData.Unique("t") })).Id;

    [Theory]
    [InlineData("software-licenses", "software_id", "SoftwareDepartmentLink")]
    [InlineData("hardware-items", "hardware_item_id", "HardwareItemDepartmentLink")]
    public async Task Admins_give_and_take_department_equipment(string kind, string key, string linkType)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var department = await factory.Save(new Department { Name = TestData.Unique("Dept"), Color = "#000000" });
        var item = await ItemAsync(kind);
        var other = await ItemAsync(kind);
        var path = $"/api/data/departments/{department.Id}/{kind}";

        var created = await admin.PostAsJsonAsync(path, new JsonObject { [key] = item.ToString() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await created.ReadJsonObjectAsync();
        Assert.Equal(department.Id.ToString(), (string?)link["department_id"]);
        Assert.Equal(item.ToString(), (string?)link[key]);
        Assert.Equal(linkType, (string?)link["type"]);
        var again = await (await admin.PostAsJsonAsync(path, new JsonObject { [key] = item.ToString() })).ReadJsonObjectAsync();
        Assert.Equal((string?)link["id"], (string?)again["id"]);

        var all = await (await admin.GetAsync($"/api/data/departments/{kind}")).ReadJsonObjectAsync();
        Assert.Equal([item.ToString()], all[department.Id.ToString()]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal(item.ToString(), (string?)(await (await admin.GetAsync($"{path}/{item}")).ReadJsonObjectAsync())["id"]);
        await (await admin.GetAsync($"{path}/{other}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        var missing = await admin.PostAsJsonAsync(path, new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Validation error.", (string?)(await missing.ReadJsonObjectAsync())["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(path, new JsonObject { [key] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync(path, new JsonObject { [key] = Guid.NewGuid().ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/data/departments/{Guid.NewGuid()}/{kind}", new JsonObject { [key] = item.ToString() })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{item}")).StatusCode);
        Assert.False((await (await admin.GetAsync($"/api/data/departments/{kind}")).ReadJsonObjectAsync()).ContainsKey(department.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{path}/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("software-licenses", "software_id")]
    [InlineData("hardware-items", "hardware_item_id")]
    public async Task Only_admins_reach_department_equipment(string kind, string key)
    {
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var department = await factory.Save(new Department { Name = TestData.Unique("Dept"), Color = "#000000" });
        var item = await ItemAsync(kind);
        var path = $"/api/data/departments/{department.Id}/{kind}";

        await (await manager.GetAsync($"/api/data/departments/{kind}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PostAsJsonAsync(path, new JsonObject { [key] = item.ToString() })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"{path}/{item}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"{path}/{item}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
