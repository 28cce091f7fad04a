using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("production_schedule_version")]
[Index(nameof(ProjectId), Name = "ix_production_schedule_version_project_id")]
[Index(nameof(ProductionScheduleFrom), Name = "ix_production_schedule_version_production_schedule_from")]
[Index(nameof(Name), nameof(ProjectId), IsUnique = true, Name = "production_schedule_version_uc")]
public class ProductionScheduleVersion : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public Guid ProjectId { get; set; }
    public Guid? ProductionScheduleFrom { get; set; }
    public bool? Locked { get; set; } = false;
    public bool? Canceled { get; set; } = false;
}
