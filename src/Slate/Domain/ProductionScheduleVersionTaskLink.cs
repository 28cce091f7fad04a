using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("production_schedule_version_task_link")]
[Index(nameof(ProductionScheduleVersionId), Name = "ix_production_schedule_version_task_link_production_schedule_version_id")]
[Index(nameof(TaskId), Name = "ix_production_schedule_version_task_link_task_id")]
[Index(nameof(ProductionScheduleVersionId), nameof(TaskId), IsUnique = true, Name = "production_schedule_version_task_link_uc")]
public class ProductionScheduleVersionTaskLink : Model
{
    public Guid ProductionScheduleVersionId { get; set; }
    public Guid TaskId { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? DueDate { get; set; }
    public double? Estimation { get; set; } = 0;
}
