using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("asset_instance")]
[Index(nameof(AssetId), Name = "ix_asset_instance_asset_id")]
[Index(nameof(SceneId), Name = "ix_asset_instance_scene_id")]
[Index(nameof(TargetAssetId), Name = "ix_asset_instance_target_asset_id")]
[Index(nameof(AssetId), nameof(TargetAssetId), nameof(SceneId), nameof(Number), IsUnique = true, Name = "asset_instance_uc")]
public class AssetInstance : Model
{
    public Guid AssetId { get; set; }
    [MaxLength(80)] public string? Name { get; set; }
    public int? Number { get; set; }
    [MaxLength(200)] public string? Description { get; set; }
    public bool? Active { get; set; } = true;
    public JsonNode? Data { get; set; }
    public Guid? SceneId { get; set; }
    public Guid? TargetAssetId { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? EntityTypeId { get; set; }
}
