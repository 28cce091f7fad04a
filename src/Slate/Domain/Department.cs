using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("department")]
[Index(nameof(Name), IsUnique = true, Name = "department_name_key")]
public class Department : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    [MaxLength(7)] [Required] public string Color { get; set; } = "";
    public bool? Archived { get; set; } = false;
}
