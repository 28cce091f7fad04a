using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("budget_entry")]
[Index(nameof(BudgetId), Name = "ix_budget_entry_budget_id")]
[Index(nameof(DepartmentId), Name = "ix_budget_entry_department_id")]
[Index(nameof(PersonId), Name = "ix_budget_entry_person_id")]
public class BudgetEntry : Model
{
    public Guid BudgetId { get; set; }
    public Guid DepartmentId { get; set; }
    public Guid? PersonId { get; set; }
    public DateOnly StartDate { get; set; }
    public int MonthsDuration { get; set; }
    public double DailySalary { get; set; }
    [MaxLength(255)] public string? Position { get; set; } = "artist";
    [MaxLength(255)] public string? Seniority { get; set; } = "mid";
    public JsonNode? Exceptions { get; set; }
}
