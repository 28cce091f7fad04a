using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>
/// /data/budgets and /data/budget-entries: admins only, as in Zou's CRUD (the project's own
/// managers go through the per-project budget routes); revision and budget_id stay on PUT.
/// </summary>
public class BudgetsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    static async Task<Created> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/data/{path}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.ReadJsonObjectAsync();
        return new Created(Guid.Parse((string)json["id"]!), json);
    }

    /// <summary>A POST's answer and the id it gave.</summary>
    sealed record Created(Guid Id, JsonObject Json);

    [Fact]
    public async Task Admin_manages_budgets_and_their_entries()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var department = await factory.CreateDepartmentAsync();

        var budget = await Post(admin, "budgets", new { project_id = project.Id, name = "Quote", currency = "EUR" });
        Assert.Equal("Budget", (string?)budget.Json["type"]);
        Assert.Equal(1, (int)budget.Json["revision"]!);
        Assert.Equal("Quote", (string?)(await (await admin.GetAsync($"/api/data/budgets/{budget.Id}")).ReadJsonObjectAsync())["name"]);
        var listed = (await (await admin.GetAsync($"/api/data/budgets?project_id={project.Id}")).JsonAsync()).AsArray();
        Assert.Equal(budget.Id.ToString(), (string?)Assert.Single(listed)!["id"]);
        Assert.Equal(1, (int)(await (await admin.GetAsync($"/api/data/budgets?project_id={project.Id}&page=1")).ReadJsonObjectAsync())["total"]!);

        var put = await (await admin.PutAsJsonAsync($"/api/data/budgets/{budget.Id}", new { revision = 42, name = "Quote 2", currency = "USD" })).ReadJsonObjectAsync();
        Assert.Equal(1, (int)put["revision"]!);
        Assert.Equal("Quote 2", (string?)put["name"]);

        var entry = await Post(admin, "budget-entries", new
        {
            budget_id = budget.Id, department_id = department.Id, start_date = "2026-11-27", months_duration = 3, daily_salary = 300.5, seniority = "junior",
        });
        Assert.Equal("BudgetEntry", (string?)entry.Json["type"]);
        Assert.Equal("artist", (string?)entry.Json["position"]);
        var entries = (await (await admin.GetAsync($"/api/data/budget-entries?budget_id={budget.Id}")).JsonAsync()).AsArray();
        Assert.Equal(entry.Id.ToString(), (string?)Assert.Single(entries)!["id"]);
        var other = await Post(admin, "budgets", new { project_id = project.Id, name = "Other" });
        var moved = await (await admin.PutAsJsonAsync($"/api/data/budget-entries/{entry.Id}", new { budget_id = other.Id, months_duration = 4 })).ReadJsonObjectAsync();
        Assert.Equal(budget.Id.ToString(), (string?)moved["budget_id"]);
        Assert.Equal(4, (int)moved["months_duration"]!);

        var refused = await admin.DeleteAsync($"/api/data/budgets/{budget.Id}");
        Assert.Equal("""{"message":"The change conflicts with records referencing this one."}""", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/budget-entries/{entry.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/budgets/{budget.Id}")).StatusCode);
        Assert.Equal(["budget:delete", "budget:new", "budget:update"], await factory.EventsAsync("budget_id", budget.Id));
        Assert.Equal(["budget-entry:delete", "budget-entry:new", "budget-entry:update"], await factory.EventsAsync("budget_entry_id", entry.Id));
    }

    [Fact]
    public async Task The_manager_of_the_budgets_project_is_refused_too()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, "manager"));
        var department = await factory.CreateDepartmentAsync();
        var (budget, entry) = await factory.WithDb(async db =>
        {
            var budget = new Budget { ProjectId = project.Id, Name = "Quote" };
            var entry = new BudgetEntry { BudgetId = budget.Id, DepartmentId = department.Id, StartDate = new DateOnly(2025, 1, 1), MonthsDuration = 1, DailySalary = 320 };
            db.AddRange(budget, entry);
            await db.SaveChangesAsync();
            return (budget, entry);
        });
        var client = await factory.ClientForAsync(manager);

        foreach (var path in new[] { "budgets", $"budgets/{budget.Id}", "budget-entries?daily_salary=320", $"budget-entries/{entry.Id}" })
            await (await client.GetAsync($"/api/data/{path}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync("/api/data/budgets", new { project_id = project.Id, name = "Mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/budgets/{budget.Id}", new { name = "Mine" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/budget-entries/{entry.Id}", new { daily_salary = 1000 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.DeleteAsync($"/api/data/budget-entries/{entry.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(320, await factory.WithDb(db => db.BudgetEntries.Where(e => e.Id == entry.Id).Select(e => e.DailySalary).SingleAsync()));
        Assert.Equal(1, await factory.WithDb(db => db.Budgets.CountAsync(b => b.ProjectId == project.Id)));
    }
}
