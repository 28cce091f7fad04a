using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("hardware_item")]
[Index(nameof(Name), IsUnique = true, Name = "hardware_item_name_key")]
public class HardwareItem : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    [MaxLength(20)] [Required] public string ShortName { get; set; } = "";
    public bool? Archived { get; set; } = false;
    public int? MonthlyCost { get; set; } = 0;
    public int? InventoryAmount { get; set; } = 0;
}
