using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/salary-scales: admins only, rows made by listing, never by POST.</summary>
public class SalaryScalesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<Department> CreateDepartmentAsync() => factory.WithDb(async db =>
    {
        var department = new Department { Name = "Dept" + Guid.NewGuid().ToString("N")[..8], Color = "#123456" };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department;
    });

    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    [Fact]
    public async Task Listing_makes_one_row_per_position_and_seniority_of_each_department()
    {
        var admin = await Admin();
        var department = await CreateDepartmentAsync();

        var rows = (await (await admin.GetAsync($"/api/data/salary-scales?department_id={department.Id}")).JsonAsync()).AsArray();

        Assert.Equal(9, rows.Count);
        Assert.Equal(
            from position in new[] { "artist", "lead", "supervisor" } from seniority in new[] { "junior", "mid", "senior" } select $"{position}/{seniority}",
            rows.Select(r => $"{r!["position"]}/{r["seniority"]}").Order());
        Assert.All(rows, r => Assert.Equal(0, (int)r!["salary"]!));
        Assert.Equal(["created_at", "department_id", "id", "position", "salary", "seniority", "type", "updated_at"],
            rows[0]!.AsObject().Select(p => p.Key).Order());

        await admin.GetAsync("/api/data/salary-scales");
        Assert.Equal(9, await factory.WithDb(db => db.SalaryScales.CountAsync(s => s.DepartmentId == department.Id)));
        var page = await (await admin.GetAsync($"/api/data/salary-scales?department_id={department.Id}&page=2&limit=4")).ReadJsonObjectAsync();
        Assert.Equal((9, 3, 4), ((int)page["total"]!, (int)page["nb_pages"]!, page["data"]!.AsArray().Count));
    }

    [Fact]
    public async Task Creation_is_refused_to_admins_with_400_and_to_others_with_403()
    {
        var department = await CreateDepartmentAsync();
        var body = new { department_id = department.Id, position = "lead", seniority = "mid", salary = 300 };

        var asAdmin = await (await Admin()).PostAsJsonAsync("/api/data/salary-scales", body);
        Assert.Equal(HttpStatusCode.BadRequest, asAdmin.StatusCode);
        Responses.AssertJsonEqual(
            new JsonObject { ["error"] = true, ["message"] = "Salary scales cannot be created", ["data"] = null }, await asAdmin.JsonAsync());
        var asManager = await (await factory.ClientForAsync(await factory.CreatePersonAsync("manager"))).PostAsJsonAsync("/api/data/salary-scales", body);
        await asManager.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.SalaryScales.AnyAsync(s => s.DepartmentId == department.Id)));
    }

    [Fact]
    public async Task Admins_change_salaries_but_not_departments()
    {
        var admin = await Admin();
        var department = await CreateDepartmentAsync();
        var other = await CreateDepartmentAsync();
        var row = (await (await admin.GetAsync($"/api/data/salary-scales?department_id={department.Id}&position=lead&seniority=senior")).JsonAsync())
            .AsArray().Single()!;

        var updated = await (await admin.PutAsJsonAsync($"/api/data/salary-scales/{row["id"]}", new { salary = 420, department_id = other.Id }))
            .ReadJsonObjectAsync();

        Assert.Equal((420, department.Id.ToString()), ((int)updated["salary"]!, (string?)updated["department_id"]));
        Assert.Equal(420, (int)(await (await admin.GetAsync($"/api/data/salary-scales/{row["id"]}")).ReadJsonObjectAsync())["salary"]!);
        foreach (var (key, message) in new[] { ("position", "Invalid position"), ("seniority", "Invalid seniority") })
        {
            var refused = await admin.PutAsJsonAsync($"/api/data/salary-scales/{row["id"]}", new JsonObject { [key] = "boss" });
            Assert.Equal(message, (string?)(await refused.ReadJsonObjectAsync())["message"]);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/salary-scales/{row["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Non_admins_are_refused_everything()
    {
        var admin = await Admin();
        var department = await CreateDepartmentAsync();
        var row = (await (await admin.GetAsync($"/api/data/salary-scales?department_id={department.Id}")).JsonAsync()).AsArray()[0]!;
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));

        await (await manager.GetAsync("/api/data/salary-scales")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.GetAsync($"/api/data/salary-scales/{row["id"]}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.PutAsJsonAsync($"/api/data/salary-scales/{row["id"]}", new { salary = 1 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await manager.DeleteAsync($"/api/data/salary-scales/{row["id"]}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(0, await factory.WithDb(async db => (await db.SalaryScales.SingleAsync(s => s.Id == Guid.Parse((string)row["id"]!))).Salary));
    }
}
