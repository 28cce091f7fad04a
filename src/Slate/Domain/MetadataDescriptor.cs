using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("metadata_descriptor")]
[Index(nameof(ProjectId), Name = "ix_metadata_descriptor_project_id")]
[Index(nameof(EntityType), Name = "ix_metadata_descriptor_entity_type")]
[Index(nameof(TaskTypeId), Name = "ix_metadata_descriptor_task_type_id")]
[Index(nameof(ForClient), Name = "ix_metadata_descriptor_for_client")]
[Index(nameof(ProjectId), nameof(EntityType), nameof(Name), IsUnique = true, Name = "metadata_descriptor_uc")]
[Index(nameof(ProjectId), nameof(EntityType), nameof(FieldName), IsUnique = true, Name = "metadata_descriptor_uc2")]
[Index(nameof(ProjectId), nameof(EntityType), nameof(TaskTypeId), nameof(Name), IsUnique = true, Name = "metadata_descriptor_task_type_uc")]
[Index(nameof(ProjectId), nameof(EntityType), nameof(TaskTypeId), nameof(FieldName), IsUnique = true, Name = "metadata_descriptor_task_type_uc2")]
public class MetadataDescriptor : Model
{
    public Guid ProjectId { get; set; }
    [MaxLength(60)] [Required] public string EntityType { get; set; } = "";
    public Guid? TaskTypeId { get; set; }
    [MaxLength(120)] [Required] public string Name { get; set; } = "";
    [MaxLength(255)] public string? DataType { get; set; }
    [MaxLength(120)] [Required] public string FieldName { get; set; } = "";
    public JsonNode? Choices { get; set; }
    public bool? ForClient { get; set; } = false;
    public int? Position { get; set; }
}
