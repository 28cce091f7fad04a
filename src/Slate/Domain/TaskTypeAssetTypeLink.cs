using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("task_type_asset_type_link")]
[PrimaryKey(nameof(AssetTypeId), nameof(TaskTypeId))]
[Index(nameof(AssetTypeId), Name = "ix_task_type_asset_type_link_asset_type_id")]
[Index(nameof(TaskTypeId), Name = "ix_task_type_asset_type_link_task_type_id")]
[Index(nameof(AssetTypeId), nameof(TaskTypeId), IsUnique = true, Name = "task_type_asset_type_link_uc")]
public class TaskTypeAssetTypeLink
{
    public Guid AssetTypeId { get; set; }
    public Guid TaskTypeId { get; set; }
}
