using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>A production's budgets and budget entries, for its managers only (behavior-production.md §8.3).</summary>
public class ProjectBudgetsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    async Task<(Project Project, HttpClient Manager)> ProductionAsync()
    {
        var manager = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, "manager"));
        return (project, await factory.ClientForAsync(manager));
    }

    Task<Budget> BudgetAsync(Project project, string name = "Quote") => factory.WithDb(async db =>
    {
        var budget = new Budget { ProjectId = project.Id, Name = name, Currency = "EUR" };
        db.Budgets.Add(budget);
        await db.SaveChangesAsync();
        return budget;
    });

    Task<BudgetEntry> EntryAsync(Budget budget, Department department) => factory.WithDb(async db =>
    {
        var entry = new BudgetEntry
        {
            BudgetId = budget.Id, DepartmentId = department.Id, StartDate = new DateOnly(2026, 11, 27), MonthsDuration = 3, DailySalary = 300,
            Exceptions = new JsonObject(),
        };
        db.BudgetEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    });

    [Fact]
    public async Task Managers_create_list_read_change_and_delete_budgets()
    {
        var (project, manager) = await ProductionAsync();
        var path = $"/api/data/projects/{project.Id}/budgets";

        var first = (await OkAsync(await manager.PostAsJsonAsync(path, new { name = "Main budget", currency = "EUR" }))).AsObject();
        Assert.Equal(["project_id", "revision", "name", "currency", "id", "created_at", "updated_at", "type"], first.Select(p => p.Key).ToList());
        Assert.Equal("Budget", (string?)first["type"]);
        Assert.Equal(1, (int)first["revision"]!);
        var second = (await OkAsync(await manager.PostAsJsonAsync(path, new { name = "Second" }))).AsObject();
        Assert.Equal(2, (int)second["revision"]!);
        Assert.Equal("USD", (string?)second["currency"]);
        var firstId = (string)first["id"]!;
        Assert.Equal(["budget:create"], await factory.EventsAsync("budget_id", Guid.Parse(firstId)));

        var listed = (await OkAsync(await manager.GetAsync(path))).AsArray();
        Responses.AssertJsonEqual(new JsonObject
        {
            ["id"] = firstId, ["project_id"] = project.Id.ToString(), ["revision"] = 1, ["name"] = "Main budget", ["currency"] = "EUR",
        }, listed[0]);
        Assert.Equal(2, listed.Count);
        Assert.Equal("Main budget", (string?)(await OkAsync(await manager.GetAsync($"{path}/{firstId}")))["name"]);

        var changed = (await OkAsync(await manager.PutAsJsonAsync($"{path}/{firstId}", new { name = "Renamed", revision = 9 }))).AsObject();
        Assert.Equal("Renamed", (string?)changed["name"]);
        Assert.Equal("EUR", (string?)changed["currency"]);
        Assert.Equal(1, (int)changed["revision"]!);

        var department = await factory.CreateDepartmentAsync();
        await EntryAsync(await factory.WithDb(db => db.Budgets.FirstAsync(b => b.Id == Guid.Parse(firstId))), department);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{path}/{firstId}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.BudgetEntries.AnyAsync(e => e.BudgetId == Guid.Parse(firstId))));
        Assert.Equal(["budget:create", "budget:delete", "budget:update"], await factory.EventsAsync("budget_id", Guid.Parse(firstId)));
        await (await manager.GetAsync($"{path}/{firstId}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Budgets_are_refused_to_everyone_but_the_projects_managers()
    {
        var (project, _) = await ProductionAsync();
        var budget = await BudgetAsync(project);
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var artist = await factory.CreatePersonAsync();
        var client = await factory.CreatePersonAsync("client");
        var vendor = await factory.CreatePersonAsync("vendor");
        foreach (var person in new[] { supervisor, artist, client, vendor }) await factory.AddToTeamAsync(project.Id, person);
        var otherManager = await factory.CreatePersonAsync("manager");
        await factory.CreateProjectAsync(true, (otherManager, null));
        var path = $"/api/data/projects/{project.Id}/budgets";

        foreach (var person in new[] { supervisor, artist, client, vendor, otherManager })
        {
            var http = await factory.ClientForAsync(person);
            await (await http.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await http.GetAsync($"{path}/{budget.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await http.PostAsJsonAsync(path, new { name = "Mine" })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await http.DeleteAsync($"{path}/{budget.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await http.GetAsync($"{path}/{budget.Id}/entries")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        Assert.Equal(1, await factory.WithDb(db => db.Budgets.CountAsync(b => b.ProjectId == project.Id)));
    }

    [Fact]
    public async Task A_budget_or_entry_reached_through_another_path_is_not_found()
    {
        var (project, manager) = await ProductionAsync();
        var (other, _) = await ProductionAsync();
        await factory.AddToTeamAsync(other.Id, await factory.WithDb(db => db.Persons.FirstAsync(p => db.ProjectPersonLinks.Any(l => l.PersonId == p.Id && l.ProjectId == project.Id))), "manager");
        var foreign = await BudgetAsync(other);
        var budget = await BudgetAsync(project);
        var department = await factory.CreateDepartmentAsync();
        var foreignEntry = await EntryAsync(foreign, department);
        var path = $"/api/data/projects/{project.Id}/budgets";

        await (await manager.GetAsync($"{path}/{foreign.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.PutAsJsonAsync($"{path}/{foreign.Id}", new { name = "Hijack" })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.DeleteAsync($"{path}/{foreign.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.GetAsync($"{path}/{foreign.Id}/entries")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.GetAsync($"{path}/{budget.Id}/entries/{foreignEntry.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.PutAsJsonAsync($"{path}/{budget.Id}/entries/{foreignEntry.Id}", new { months_duration = 9 }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.DeleteAsync($"{path}/{budget.Id}/entries/{foreignEntry.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await manager.GetAsync($"{path}/not-a-uuid")).AssertWrongParameterAsync("Wrong UUID format.");
        Assert.Equal("Quote", (await factory.WithDb(db => db.Budgets.FirstAsync(b => b.Id == foreign.Id))).Name);
        Assert.Equal(3, (await factory.WithDb(db => db.BudgetEntries.FirstAsync(e => e.Id == foreignEntry.Id))).MonthsDuration);
    }

    [Fact]
    public async Task Managers_manage_the_entries_of_a_budget()
    {
        var (project, manager) = await ProductionAsync();
        var budget = await BudgetAsync(project);
        var department = await factory.CreateDepartmentAsync();
        var artist = await factory.CreatePersonAsync();
        var path = $"/api/data/projects/{project.Id}/budgets/{budget.Id}/entries";

        var created = (await OkAsync(await manager.PostAsJsonAsync(path, new
        {
            department_id = department.Id, person_id = artist.Id, seniority = "junior", start_date = "2026-11-27", months_duration = 3, daily_salary = 300,
        }))).AsObject();
        Assert.Equal("BudgetEntry", (string?)created["type"]);
        Assert.Equal("artist", (string?)created["position"]);
        Assert.Equal("junior", (string?)created["seniority"]);
        Assert.Equal(300, (double)created["daily_salary"]!);
        Responses.AssertJsonEqual(new JsonObject(), created["exceptions"]);
        var id = Guid.Parse((string)created["id"]!);

        var listed = Assert.Single((await OkAsync(await manager.GetAsync(path))).AsArray())!.AsObject();
        Assert.Equal(["id", "budget_id", "department_id", "person_id", "start_date", "months_duration", "daily_salary", "position", "seniority", "exceptions"],
            listed.Select(p => p.Key).ToList());
        Assert.Equal("2026-11-27", (string?)(await OkAsync(await manager.GetAsync($"{path}/{id}")))["start_date"]);

        var changed = (await OkAsync(await manager.PutAsJsonAsync($"{path}/{id}", new
        {
            months_duration = 4, exceptions = new Dictionary<string, object?> { ["2026-12"] = 10, ["2027-01"] = 0, ["2027-02"] = "5", ["2027-03"] = null },
        }))).AsObject();
        Assert.Equal(4, (int)changed["months_duration"]!);
        Assert.Equal(department.Id.ToString(), (string?)changed["department_id"]);
        Responses.AssertJsonEqual(new JsonObject { ["2026-12"] = 10, ["2027-02"] = 5 }, changed["exceptions"]);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{path}/{id}")).StatusCode);
        Assert.Equal(["budget-entry:create", "budget-entry:delete", "budget-entry:update"], await factory.EventsAsync("budget_entry_id", id));
        Assert.Empty((await OkAsync(await manager.GetAsync(path))).AsArray());
    }

    [Fact]
    public async Task Bad_budget_input_is_refused_and_writes_nothing()
    {
        var (project, manager) = await ProductionAsync();
        var budget = await BudgetAsync(project);
        var department = await factory.CreateDepartmentAsync();
        var entries = $"/api/data/projects/{project.Id}/budgets/{budget.Id}/entries";
        object Entry(object? departmentId = null, int months = 3, double salary = 100, string? position = "artist") => new
        {
            department_id = departmentId ?? department.Id, start_date = "2026-11-27", months_duration = months, daily_salary = salary, position,
        };

        foreach (var body in new[]
        {
            new { name = "" } as object, new { currency = "EUR" }, new { name = "Quote", currency = "EURO" }, new { name = 12 },
        })
            Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/data/projects/{project.Id}/budgets", body)).StatusCode);
        foreach (var body in new[]
        {
            Entry(months: -1), Entry(salary: -5), Entry(position: "intern"), Entry(departmentId: "nope"),
            new { department_id = department.Id, months_duration = 3, daily_salary = 100 } as object,
            new { department_id = department.Id, start_date = "someday", months_duration = 3, daily_salary = 100 },
        })
            Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync(entries, body)).StatusCode);
        await (await manager.PostAsJsonAsync(entries, Entry(departmentId: Guid.NewGuid()))).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        Assert.Single((await OkAsync(await manager.GetAsync($"/api/data/projects/{project.Id}/budgets"))).AsArray());
        Assert.Empty((await OkAsync(await manager.GetAsync(entries))).AsArray());
    }
}
