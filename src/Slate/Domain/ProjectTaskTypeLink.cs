using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_task_type_link")]
[PrimaryKey(nameof(Id), nameof(ProjectId), nameof(TaskTypeId))]
[Index(nameof(ProjectId), Name = "ix_project_task_type_link_project_id")]
[Index(nameof(TaskTypeId), Name = "ix_project_task_type_link_task_type_id")]
[Index(nameof(ProjectId), nameof(TaskTypeId), IsUnique = true, Name = "project_tasktype_uc")]
public class ProjectTaskTypeLink : Model
{
    public Guid ProjectId { get; set; }
    public Guid TaskTypeId { get; set; }
    public int? Priority { get; set; }
}
