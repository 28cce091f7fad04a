using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("entity_link")]
[PrimaryKey(nameof(Id), nameof(EntityInId), nameof(EntityOutId))]
[Index(nameof(EntityInId), Name = "ix_entity_link_entity_in_id")]
[Index(nameof(EntityOutId), Name = "ix_entity_link_entity_out_id")]
[Index(nameof(EntityInId), nameof(EntityOutId), IsUnique = true, Name = "entity_link_uc")]
public class EntityLink : Model
{
    public Guid EntityInId { get; set; }
    public Guid EntityOutId { get; set; }
    public JsonNode? Data { get; set; }
    public int? NbOccurences { get; set; } = 1;
    [MaxLength(80)] public string? Label { get; set; } = "";
}
