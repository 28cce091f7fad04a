using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Crud;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Projects;

/// <summary>
/// A production's budgets and their entries (behavior-production.md §8.3): money, so only for
/// the project's managers (admins, and team members whose role there is manager). A budget must
/// be one of the project of the path and an entry one of the budget of the path (404 otherwise).
/// Each change emits its budget or budget-entry event in the same unit of work.
/// </summary>
public sealed class BudgetsService(SlateDb db, Permissions permissions, Events events, ProjectsService projects, ZouSerializer serializer)
{
    static readonly string[] Positions = ["supervisor", "lead", "artist"];
    static readonly string[] Seniorities = ["senior", "mid", "junior"];

    public async Task<JsonArray> BudgetsAsync(string projectId)
    {
        var project = await ManagedProjectAsync(projectId);
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.ProjectId == project).OrderBy(b => b.Revision).ThenBy(b => b.CreatedAt).ToListAsync();
        return new JsonArray([.. budgets.Select(b => (JsonNode)Presentations.Budget(b))]);
    }

    /// <summary>A new budget, the project's next revision; currency USD unless given.</summary>
    public async Task<JsonObject> CreateBudgetAsync(string projectId, JsonObject body)
    {
        var name = Text(body, "name", 255, required: true)!;
        var currency = body.ContainsKey("currency") ? Text(body, "currency", 3) : "USD";
        var project = await ManagedProjectAsync(projectId);
        var last = await db.Budgets.Where(b => b.ProjectId == project).MaxAsync(b => (int?)b.Revision);
        var budget = new Budget { ProjectId = project, Name = name, Currency = currency, Revision = (last ?? 0) + 1 };
        db.Budgets.Add(budget);
        events.Emit("budget:create", BudgetEvent(budget), project);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(budget);
    }

    public async Task<JsonObject> BudgetAsync(string projectId, string budgetId) =>
        await serializer.RowAsync(await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: false));

    /// <summary>Changes the name and currency given (not null); the revision stays.</summary>
    public async Task<JsonObject> UpdateBudgetAsync(string projectId, string budgetId, JsonObject body)
    {
        var name = Text(body, "name", 255);
        var currency = Text(body, "currency", 3);
        var budget = await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: true);
        if (name is not null) budget.Name = name;
        if (currency is not null) budget.Currency = currency;
        budget.UpdatedAt = Clock.UtcNow();
        events.Emit("budget:update", BudgetEvent(budget), budget.ProjectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(budget);
    }

    /// <summary>Deletes the budget and its entries in one transaction.</summary>
    public async Task DeleteBudgetAsync(string projectId, string budgetId)
    {
        var budget = await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: true);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.BudgetEntries.Where(e => e.BudgetId == budget.Id).ExecuteDeleteAsync();
        db.Budgets.Remove(budget);
        events.Emit("budget:delete", BudgetEvent(budget), budget.ProjectId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task<JsonArray> EntriesAsync(string projectId, string budgetId)
    {
        var budget = await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: false);
        var entries = await db.BudgetEntries.AsNoTracking().Where(e => e.BudgetId == budget.Id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync();
        return new JsonArray([.. entries.Select(e => (JsonNode)Presentations.BudgetEntry(e))]);
    }

    /// <summary>
    /// A new entry of the budget: a department (required) and optionally a person, a start date,
    /// a duration in months and a daily salary (the last three required by the table), a position
    /// and a seniority (artist and mid by default); no exceptions yet.
    /// </summary>
    public async Task<JsonObject> CreateEntryAsync(string projectId, string budgetId, JsonObject body)
    {
        RequestBody.RequiredText(body, "department_id");
        var entry = new BudgetEntry { Exceptions = new JsonObject() };
        var budget = await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: false);
        entry.BudgetId = budget.Id;
        await ApplyAsync(entry, body);
        if (!body.ContainsKey("start_date") || !body.ContainsKey("months_duration") || !body.ContainsKey("daily_salary"))
            throw new ApiException(400, new JsonObject { ["message"] = DatabaseErrors.NotNull });
        db.BudgetEntries.Add(entry);
        events.Emit("budget-entry:create", EntryEvent(entry), budget.ProjectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(entry);
    }

    public async Task<JsonObject> EntryAsync(string projectId, string budgetId, string entryId) =>
        await serializer.RowAsync((await EntryOfAsync(projectId, budgetId, entryId, tracked: false)).Entry);

    /// <summary>
    /// Changes the fields given; exceptions ({month: days}) are kept as whole numbers, the
    /// non-positive ones dropped (null clears them).
    /// </summary>
    public async Task<JsonObject> UpdateEntryAsync(string projectId, string budgetId, string entryId, JsonObject body)
    {
        var (budget, entry) = await EntryOfAsync(projectId, budgetId, entryId, tracked: true);
        await ApplyAsync(entry, body);
        if (body.ContainsKey("exceptions")) entry.Exceptions = Exceptions(body["exceptions"]);
        entry.UpdatedAt = Clock.UtcNow();
        events.Emit("budget-entry:update", EntryEvent(entry), budget.ProjectId);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(entry);
    }

    public async Task DeleteEntryAsync(string projectId, string budgetId, string entryId)
    {
        var (budget, entry) = await EntryOfAsync(projectId, budgetId, entryId, tracked: true);
        db.BudgetEntries.Remove(entry);
        events.Emit("budget-entry:delete", EntryEvent(entry), budget.ProjectId);
        await db.SaveChangesAsync();
    }

    async Task<Guid> ManagedProjectAsync(string projectId) => (await projects.ProjectAsync(projectId, permissions.CheckManagerOfAsync)).Id;

    /// <summary>The budget of the path, which must be one of the project's (404).</summary>
    async Task<Budget> BudgetOfAsync(Guid project, string budgetId, bool tracked)
    {
        var id = ProjectsService.ArgumentId(budgetId);
        var budgets = tracked ? db.Budgets : db.Budgets.AsNoTracking();
        return await budgets.FirstOrDefaultAsync(b => b.Id == id && b.ProjectId == project) ?? throw new NotFoundException();
    }

    /// <summary>The entry of the path, which must be one of the budget's, itself one of the project's (404).</summary>
    async Task<(Budget Budget, BudgetEntry Entry)> EntryOfAsync(string projectId, string budgetId, string entryId, bool tracked)
    {
        var budget = await BudgetOfAsync(await ManagedProjectAsync(projectId), budgetId, tracked: false);
        var id = ProjectsService.ArgumentId(entryId);
        var entries = tracked ? db.BudgetEntries : db.BudgetEntries.AsNoTracking();
        return (budget, await entries.FirstOrDefaultAsync(e => e.Id == id && e.BudgetId == budget.Id) ?? throw new NotFoundException());
    }

    /// <summary>
    /// Writes the entry fields the body holds onto the entry: the department and person must exist
    /// (404), numbers may not be negative, position and seniority are Zou's choices; a null where
    /// the table needs a value is refused.
    /// </summary>
    async Task ApplyAsync(BudgetEntry entry, JsonObject body)
    {
        if (body.ContainsKey("department_id"))
        {
            var department = RequestBody.OptionalId(body, "department_id") ?? throw NotNull();
            if (!await db.Departments.AnyAsync(d => d.Id == department)) throw new NotFoundException();
            entry.DepartmentId = department;
        }
        if (body.ContainsKey("person_id"))
        {
            var person = RequestBody.OptionalId(body, "person_id");
            if (person is { } id && !await db.Persons.AnyAsync(p => p.Id == id)) throw new NotFoundException();
            entry.PersonId = person;
        }
        if (body.ContainsKey("start_date"))
            entry.StartDate = body["start_date"] is null
                ? throw NotNull()
                : RequestBody.OptionalText(body, "start_date") is { } text && Values.DateTimeValue(text) is { } date
                    ? DateOnly.FromDateTime(date)
                    : throw new ValidationFailedException(("start_date", "Input should be a valid date"));
        if (body.ContainsKey("months_duration"))
            entry.MonthsDuration = NotNegative(RequestBody.OptionalInt(body["months_duration"], "months_duration") ?? throw NotNull(), "months_duration");
        if (body.ContainsKey("daily_salary"))
            entry.DailySalary = NotNegative(RequestBody.OptionalNumber(body["daily_salary"], "daily_salary") ?? throw NotNull(), "daily_salary");
        if (body.ContainsKey("position")) entry.Position = Choice(body, "position", Positions) ?? "artist";
        if (body.ContainsKey("seniority")) entry.Seniority = Choice(body, "seniority", Seniorities) ?? "mid";
    }

    /// <summary>Zou's cleaning of exceptions: values as whole numbers, the non-positive ones dropped; null is none.</summary>
    static JsonObject Exceptions(JsonNode? node)
    {
        if (node is null) return [];
        if (node is not JsonObject exceptions) throw new ValidationFailedException(("exceptions", "Input should be a valid dictionary"));
        var cleaned = new JsonObject();
        foreach (var (key, value) in exceptions)
        {
            if (value is null) continue;
            var days = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => (int)Math.Truncate((double)v),
                JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse((string)v!, out var number) => number,
                _ => throw new ValidationFailedException(($"exceptions.{key}", "Input should be a valid integer")),
            };
            if (days > 0) cleaned[key] = days;
        }
        return cleaned;
    }

    static T NotNegative<T>(T value, string field) where T : IComparable<T> =>
        value.CompareTo(default) >= 0 ? value : throw new ValidationFailedException((field, "Input should be greater than or equal to 0"));

    static string? Choice(JsonObject body, string key, string[] choices) => RequestBody.OptionalText(body, key) switch
    {
        null => null,
        var value when choices.Contains(value) => value,
        _ => throw new ValidationFailedException((key, $"Input should be {string.Join(", ", choices.Select(c => $"'{c}'"))}")),
    };

    /// <summary>An optional (or required) string of the body within the column's length.</summary>
    static string? Text(JsonObject body, string key, int maxLength, bool required = false)
    {
        var text = required ? RequestBody.RequiredText(body, key) : RequestBody.OptionalText(body, key);
        return text is { Length: var length } && length > maxLength
            ? throw new ValidationFailedException((key, $"String should have at most {maxLength} characters"))
            : text;
    }

    static ApiException NotNull() => new(400, new JsonObject { ["message"] = DatabaseErrors.NotNull });

    static JsonObject BudgetEvent(Budget budget) => new() { ["budget_id"] = ZouSerializer.Uuid(budget.Id) };

    static JsonObject EntryEvent(BudgetEntry entry) => new()
    {
        ["budget_id"] = ZouSerializer.Uuid(entry.BudgetId),
        ["budget_entry_id"] = ZouSerializer.Uuid(entry.Id),
    };
}
