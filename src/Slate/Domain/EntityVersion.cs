using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("entity_version")]
[Index(nameof(EntityId), Name = "ix_entity_version_entity_id")]
[Index(nameof(PersonId), Name = "ix_entity_version_person_id")]
public class EntityVersion : Model
{
    [MaxLength(160)] [Required] public string Name { get; set; } = "";
    public JsonNode? Data { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? PersonId { get; set; }
}
