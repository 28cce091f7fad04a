using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("studio")]
[Index(nameof(Name), IsUnique = true, Name = "studio_name_key")]
public class Studio : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    [MaxLength(7)] [Required] public string Color { get; set; } = "";
    public bool? Archived { get; set; } = false;
}
