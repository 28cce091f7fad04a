using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_status")]
[Index(nameof(Name), IsUnique = true, Name = "project_status_name_key")]
[Index(nameof(Name), Name = "ix_project_status_name")]
public class ProjectStatus : Model
{
    [MaxLength(20)] [Required] public string Name { get; set; } = "";
    [MaxLength(7)] [Required] public string Color { get; set; } = "";
}
