using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("budget")]
[Index(nameof(ProjectId), Name = "ix_budget_project_id")]
public class Budget : Model
{
    public Guid? ProjectId { get; set; }
    public int Revision { get; set; } = 1;
    [MaxLength(255)] [Required] public string Name { get; set; } = "";
    [MaxLength(3)] public string? Currency { get; set; }
}
