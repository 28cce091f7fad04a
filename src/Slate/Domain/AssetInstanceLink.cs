using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("asset_instance_link")]
[PrimaryKey(nameof(EntityId), nameof(AssetInstanceId))]
public class AssetInstanceLink
{
    public Guid EntityId { get; set; }
    public Guid AssetInstanceId { get; set; }
}
