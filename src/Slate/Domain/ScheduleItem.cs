using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("schedule_item")]
[Index(nameof(ProjectId), Name = "ix_schedule_item_project_id")]
[Index(nameof(TaskTypeId), Name = "ix_schedule_item_task_type_id")]
[Index(nameof(ObjectId), Name = "ix_schedule_item_object_id")]
[Index(nameof(ProjectId), nameof(TaskTypeId), nameof(ObjectId), IsUnique = true, Name = "schedule_item_uc")]
public class ScheduleItem : Model
{
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? ManDays { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public Guid? ObjectId { get; set; }
}
