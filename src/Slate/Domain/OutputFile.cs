using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("output_file")]
[Index(nameof(Representation), Name = "ix_output_file_representation")]
[Index(nameof(FileStatusId), Name = "ix_output_file_file_status_id")]
[Index(nameof(EntityId), Name = "ix_output_file_entity_id")]
[Index(nameof(AssetInstanceId), Name = "ix_output_file_asset_instance_id")]
[Index(nameof(OutputTypeId), Name = "ix_output_file_output_type_id")]
[Index(nameof(TaskTypeId), Name = "ix_output_file_task_type_id")]
[Index(nameof(PersonId), Name = "ix_output_file_person_id")]
[Index(nameof(SourceFileId), Name = "ix_output_file_source_file_id")]
[Index(nameof(TemporalEntityId), Name = "ix_output_file_temporal_entity_id")]
[Index(nameof(Name), nameof(EntityId), nameof(AssetInstanceId), nameof(OutputTypeId), nameof(TaskTypeId), nameof(TemporalEntityId), nameof(Representation), nameof(Revision), IsUnique = true, Name = "output_file_uc")]
public class OutputFile : Model
{
    public int? ShotgunId { get; set; }
    [MaxLength(250)] [Required] public string Name { get; set; } = "";
    public bool Canceled { get; set; } = false;
    public int? Size { get; set; }
    [MaxLength(32)] public string? Checksum { get; set; }
    public string? Description { get; set; }
    public string? Comment { get; set; }
    [MaxLength(10)] public string? Extension { get; set; }
    public int Revision { get; set; }
    [MaxLength(20)] public string? Representation { get; set; }
    public int? NbElements { get; set; } = 1;
    [MaxLength(40)] public string? Source { get; set; }
    [MaxLength(400)] public string? Path { get; set; }
    public JsonNode? Data { get; set; }
    public Guid FileStatusId { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? AssetInstanceId { get; set; }
    public Guid? OutputTypeId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? SourceFileId { get; set; }
    public Guid? TemporalEntityId { get; set; }
}
