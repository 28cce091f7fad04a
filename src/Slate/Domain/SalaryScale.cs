using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("salary_scale")]
[Index(nameof(DepartmentId), Name = "ix_salary_scale_department_id")]
public class SalaryScale : Model
{
    public Guid DepartmentId { get; set; }
    [MaxLength(255)] public string? Position { get; set; } = "artist";
    [MaxLength(255)] public string? Seniority { get; set; } = "mid";
    public int Salary { get; set; } = 0;
}
