using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("file_status")]
[Index(nameof(Name), IsUnique = true, Name = "file_status_name_key")]
public class FileStatus : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    [MaxLength(7)] [Required] public string Color { get; set; } = "";
}
