using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// salary-scales (behavior-platform.md §2.11, behavior-production.md §8.3): admins only. Rows are
/// never created through the API: listing makes the missing one of each department × position ×
/// seniority, with a salary of 0. A row's department is fixed; its position and seniority must
/// stay among the person choices.
/// </summary>
public sealed class SalaryScalesCollection : CrudCollection<SalaryScale>
{
    public override async Task CheckCreateAsync(JsonObject body, CrudContext c)
    {
        await AdminOnly(c);
        throw new WrongParameterException("Salary scales cannot be created");
    }

    public override async Task BeforeListAsync(CrudContext c)
    {
        var departments = await c.Db.Departments.Select(d => d.Id).ToListAsync();
        var existing = (await c.Db.SalaryScales.Select(s => new { s.DepartmentId, s.Position, s.Seniority }).ToListAsync())
            .Select(s => (s.DepartmentId, s.Position, s.Seniority)).ToHashSet();
        var missing =
            from department in departments
            from position in PersonChoices.Positions
            from seniority in PersonChoices.Seniorities
            where !existing.Contains((department, position, seniority))
            select new SalaryScale { DepartmentId = department, Position = position, Seniority = seniority };
        c.Db.SalaryScales.AddRange(missing);
        await c.Db.SaveChangesAsync();
    }

    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "department_id" };

    public override Task BeforeUpdateAsync(SalaryScale row, JsonObject body, CrudContext c)
    {
        Body.CheckChoice(body, "position", PersonChoices.Positions, "Invalid position");
        Body.CheckChoice(body, "seniority", PersonChoices.Seniorities, "Invalid seniority");
        return Task.CompletedTask;
    }
}
