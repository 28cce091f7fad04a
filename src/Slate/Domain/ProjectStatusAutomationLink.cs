using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_status_automation_link")]
[PrimaryKey(nameof(ProjectId), nameof(StatusAutomationId))]
[Index(nameof(ProjectId), Name = "ix_project_status_automation_link_project_id")]
[Index(nameof(StatusAutomationId), Name = "ix_project_status_automation_link_status_automation_id")]
public class ProjectStatusAutomationLink
{
    public Guid ProjectId { get; set; }
    public Guid StatusAutomationId { get; set; }
}
