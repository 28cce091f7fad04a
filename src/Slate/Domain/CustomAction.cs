using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("custom_action")]
public class CustomAction : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    [MaxLength(400)] public string? Url { get; set; }
    [MaxLength(40)] public string? EntityType { get; set; } = "all";
    public bool? IsAjax { get; set; } = false;
}
