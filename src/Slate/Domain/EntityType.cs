using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("entity_type")]
[Index(nameof(Name), IsUnique = true, Name = "entity_type_name_key")]
[Index(nameof(Name), Name = "ix_entity_type_name")]
public class EntityType : Model
{
    [MaxLength(30)] [Required] public string Name { get; set; } = "";
    [MaxLength(20)] public string? ShortName { get; set; }
    public string? Description { get; set; }
    public bool? Archived { get; set; } = false;
}
