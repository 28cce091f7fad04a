using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("task_type")]
[Index(nameof(ShotgunId), Name = "ix_task_type_shotgun_id")]
[Index(nameof(DepartmentId), Name = "ix_task_type_department_id")]
[Index(nameof(Name), nameof(ForEntity), nameof(DepartmentId), IsUnique = true, Name = "task_type_uc")]
public class TaskType : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    [MaxLength(20)] public string? ShortName { get; set; }
    public string? Description { get; set; }
    [MaxLength(7)] public string? Color { get; set; } = "#FFFFFF";
    public int? Priority { get; set; } = 1;
    [MaxLength(30)] public string? ForEntity { get; set; } = "Asset";
    public bool? AllowTimelog { get; set; } = true;
    public bool? Archived { get; set; } = false;
    public int? ShotgunId { get; set; }
    public Guid? DepartmentId { get; set; }
}
