using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("software")]
[Index(nameof(Name), IsUnique = true, Name = "software_name_key")]
public class Software : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    [MaxLength(20)] [Required] public string ShortName { get; set; } = "";
    public bool? Archived { get; set; } = false;
    [MaxLength(20)] public string? Version { get; set; }
    [MaxLength(20)] [Required] public string FileExtension { get; set; } = "";
    public JsonNode? SecondaryExtensions { get; set; }
    public int? MonthlyCost { get; set; } = 0;
    public int? InventoryAmount { get; set; } = 0;
}
