using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("task")]
[Index(nameof(ProjectId), Name = "ix_task_project_id")]
[Index(nameof(TaskTypeId), Name = "ix_task_task_type_id")]
[Index(nameof(TaskStatusId), Name = "ix_task_task_status_id")]
[Index(nameof(EntityId), Name = "ix_task_entity_id")]
[Index(nameof(AssignerId), Name = "ix_task_assigner_id")]
[Index(nameof(Name), nameof(ProjectId), nameof(TaskTypeId), nameof(EntityId), IsUnique = true, Name = "task_uc")]
public class ProductionTask : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int? Priority { get; set; } = 0;
    public int Difficulty { get; set; } = 3;
    public double? Duration { get; set; } = 0;
    public double? Estimation { get; set; } = 0;
    public int? CompletionRate { get; set; } = 0;
    public int? RetakeCount { get; set; } = 0;
    public int? SortOrder { get; set; } = 0;
    public DateTime? StartDate { get; set; }
    public DateTime? DueDate { get; set; }
    public DateTime? RealStartDate { get; set; }
    public DateTime? EndDate { get; set; }
    public DateTime? DoneDate { get; set; }
    public DateTime? LastCommentDate { get; set; }
    public int? NbAssetsReady { get; set; } = 0;
    public JsonNode? Data { get; set; }
    public int? NbDrawings { get; set; } = 0;
    public int? ShotgunId { get; set; }
    public Guid? LastPreviewFileId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public Guid? TaskStatusId { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? AssignerId { get; set; }
}
