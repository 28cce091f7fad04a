using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_template_status_automation_link")]
[PrimaryKey(nameof(ProjectTemplateId), nameof(StatusAutomationId))]
[Index(nameof(ProjectTemplateId), Name = "ix_project_template_status_automation_link_project_template_id")]
[Index(nameof(StatusAutomationId), Name = "ix_project_template_status_automation_link_status_automation_id")]
public class ProjectTemplateStatusAutomationLink
{
    public Guid ProjectTemplateId { get; set; }
    public Guid StatusAutomationId { get; set; }
}
