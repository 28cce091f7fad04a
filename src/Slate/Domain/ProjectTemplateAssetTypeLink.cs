using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("project_template_asset_type_link")]
[PrimaryKey(nameof(ProjectTemplateId), nameof(AssetTypeId))]
[Index(nameof(ProjectTemplateId), Name = "ix_project_template_asset_type_link_project_template_id")]
[Index(nameof(AssetTypeId), Name = "ix_project_template_asset_type_link_asset_type_id")]
public class ProjectTemplateAssetTypeLink
{
    public Guid ProjectTemplateId { get; set; }
    public Guid AssetTypeId { get; set; }
}
