using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("status_automation")]
[Index(nameof(InTaskTypeId), Name = "ix_status_automation_in_task_type_id")]
[Index(nameof(InTaskStatusId), Name = "ix_status_automation_in_task_status_id")]
[Index(nameof(OutTaskTypeId), Name = "ix_status_automation_out_task_type_id")]
[Index(nameof(OutTaskStatusId), Name = "ix_status_automation_out_task_status_id")]
public class StatusAutomation : Model
{
    [MaxLength(40)] public string? EntityType { get; set; } = "asset";
    public Guid? InTaskTypeId { get; set; }
    public Guid? InTaskStatusId { get; set; }
    [MaxLength(255)] [Required] public string OutFieldType { get; set; } = "status";
    public Guid? OutTaskTypeId { get; set; }
    public Guid? OutTaskStatusId { get; set; }
    public bool? ImportLastRevision { get; set; } = false;
    public bool? Archived { get; set; } = false;
}
