using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("entity_concept_link")]
[PrimaryKey(nameof(Id), nameof(EntityInId), nameof(EntityOutId))]
public class EntityConceptLink : Model
{
    public Guid EntityInId { get; set; }
    public Guid EntityOutId { get; set; }
}
