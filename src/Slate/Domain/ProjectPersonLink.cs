using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_person_link")]
[PrimaryKey(nameof(ProjectId), nameof(PersonId))]
[Index(nameof(ProjectId), Name = "ix_project_person_link_project_id")]
[Index(nameof(PersonId), Name = "ix_project_person_link_person_id")]
public class ProjectPersonLink
{
    public Guid ProjectId { get; set; }
    public Guid PersonId { get; set; }
    public int? ShotgunId { get; set; }
    [MaxLength(255)] public string? Role { get; set; }
}
