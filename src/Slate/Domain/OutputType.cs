using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("output_type")]
[Index(nameof(Name), IsUnique = true, Name = "output_type_name_key")]
[Index(nameof(Name), Name = "ix_output_type_name")]
public class OutputType : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    [MaxLength(20)] [Required] public string ShortName { get; set; } = "";
}
