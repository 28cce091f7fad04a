using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("milestone")]
[Index(nameof(ProjectId), Name = "ix_milestone_project_id")]
[Index(nameof(TaskTypeId), Name = "ix_milestone_task_type_id")]
public class Milestone : Model
{
    public DateOnly? Date { get; set; }
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    public Guid? ProjectId { get; set; }
    public Guid? TaskTypeId { get; set; }
}
