using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_template_task_status_link")]
[PrimaryKey(nameof(Id), nameof(ProjectTemplateId), nameof(TaskStatusId))]
[Index(nameof(ProjectTemplateId), Name = "ix_project_template_task_status_link_project_template_id")]
[Index(nameof(TaskStatusId), Name = "ix_project_template_task_status_link_task_status_id")]
[Index(nameof(ProjectTemplateId), nameof(TaskStatusId), IsUnique = true, Name = "project_template_taskstatus_uc")]
public class ProjectTemplateTaskStatusLink : Model
{
    public Guid ProjectTemplateId { get; set; }
    public Guid TaskStatusId { get; set; }
    public int? Priority { get; set; }
    public List<string>? RolesForBoard { get; set; } = new() { "user", "admin", "supervisor", "manager", "vendor" };
}
