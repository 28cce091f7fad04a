using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_template_task_type_link")]
[PrimaryKey(nameof(Id), nameof(ProjectTemplateId), nameof(TaskTypeId))]
[Index(nameof(ProjectTemplateId), Name = "ix_project_template_task_type_link_project_template_id")]
[Index(nameof(TaskTypeId), Name = "ix_project_template_task_type_link_task_type_id")]
[Index(nameof(ProjectTemplateId), nameof(TaskTypeId), IsUnique = true, Name = "project_template_tasktype_uc")]
public class ProjectTemplateTaskTypeLink : Model
{
    public Guid ProjectTemplateId { get; set; }
    public Guid TaskTypeId { get; set; }
    public int? Priority { get; set; }
}
