using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("task_status")]
[Index(nameof(ShortName), IsUnique = true, Name = "task_status_short_name_key")]
[Index(nameof(ShortName), Name = "ix_task_status_short_name")]
[Index(nameof(IsDone), Name = "ix_task_status_is_done")]
[Index(nameof(IsFeedbackRequest), Name = "ix_task_status_is_feedback_request")]
[Index(nameof(IsDefault), Name = "ix_task_status_is_default")]
[Index(nameof(IsWip), Name = "ix_task_status_is_wip")]
public class ProductionTaskStatus : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    public bool? Archived { get; set; } = false;
    [MaxLength(10)] [Required] public string ShortName { get; set; } = "";
    public string? Description { get; set; }
    [MaxLength(7)] [Required] public string Color { get; set; } = "";
    public int? Priority { get; set; } = 1;
    public bool? IsDone { get; set; } = false;
    public bool? IsArtistAllowed { get; set; } = true;
    public bool? IsClientAllowed { get; set; } = true;
    public bool? IsRetake { get; set; } = false;
    public bool? IsFeedbackRequest { get; set; } = false;
    public bool? IsDefault { get; set; } = false;
    public bool? IsWip { get; set; } = false;
    public int? ShotgunId { get; set; }
    public bool? ForConcept { get; set; } = false;
}
