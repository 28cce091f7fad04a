using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("entity")]
[Index(nameof(Status), Name = "ix_entity_status")]
[Index(nameof(ProjectId), Name = "ix_entity_project_id")]
[Index(nameof(EntityTypeId), Name = "ix_entity_entity_type_id")]
[Index(nameof(ParentId), Name = "ix_entity_parent_id")]
[Index(nameof(SourceId), Name = "ix_entity_source_id")]
[Index(nameof(Name), nameof(ProjectId), nameof(EntityTypeId), nameof(ParentId), IsUnique = true, Name = "entity_uc")]
[Index(nameof(ProjectId), nameof(EntityTypeId), nameof(Status), Name = "ix_entity_project_type_status")]
public class Entity : Model
{
    [MaxLength(160)] [Required] public string Name { get; set; } = "";
    [MaxLength(160)] public string? Code { get; set; }
    public string? Description { get; set; }
    public int? ShotgunId { get; set; }
    public bool? Canceled { get; set; } = false;
    public int? NbFrames { get; set; }
    public int? NbEntitiesOut { get; set; } = 0;
    public bool? IsCastingStandby { get; set; } = false;
    public bool IsShared { get; set; } = false;
    [MaxLength(255)] [Required] public string Status { get; set; } = "running";
    public Guid ProjectId { get; set; }
    public Guid EntityTypeId { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? SourceId { get; set; }
    public Guid? PreviewFileId { get; set; }
    public JsonNode? Data { get; set; }
    public Guid? ReadyFor { get; set; }
    public Guid? CreatedBy { get; set; }
}
