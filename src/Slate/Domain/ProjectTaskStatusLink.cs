using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_task_status_link")]
[PrimaryKey(nameof(Id), nameof(ProjectId), nameof(TaskStatusId))]
[Index(nameof(ProjectId), Name = "ix_project_task_status_link_project_id")]
[Index(nameof(TaskStatusId), Name = "ix_project_task_status_link_task_status_id")]
[Index(nameof(ProjectId), nameof(TaskStatusId), IsUnique = true, Name = "project_taskstatus_uc")]
public class ProjectTaskStatusLink : Model
{
    public Guid ProjectId { get; set; }
    public Guid TaskStatusId { get; set; }
    public int? Priority { get; set; }
    public List<string>? RolesForBoard { get; set; } = new() { "user", "admin", "supervisor", "manager", "vendor" };
}
