using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_asset_type_link")]
[PrimaryKey(nameof(ProjectId), nameof(AssetTypeId))]
[Index(nameof(ProjectId), Name = "ix_project_asset_type_link_project_id")]
[Index(nameof(AssetTypeId), Name = "ix_project_asset_type_link_asset_type_id")]
public class ProjectAssetTypeLink
{
    public Guid ProjectId { get; set; }
    public Guid AssetTypeId { get; set; }
}
