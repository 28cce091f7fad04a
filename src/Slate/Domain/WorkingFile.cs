using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("working_file")]
[Index(nameof(ShotgunId), Name = "ix_working_file_shotgun_id")]
[Index(nameof(TaskId), Name = "ix_working_file_task_id")]
[Index(nameof(EntityId), Name = "ix_working_file_entity_id")]
[Index(nameof(PersonId), Name = "ix_working_file_person_id")]
[Index(nameof(SoftwareId), Name = "ix_working_file_software_id")]
[Index(nameof(Name), nameof(TaskId), nameof(EntityId), nameof(Revision), IsUnique = true, Name = "working_file_uc")]
public class WorkingFile : Model
{
    public int? ShotgunId { get; set; }
    [MaxLength(250)] public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Comment { get; set; }
    public int? Revision { get; set; }
    public int? Size { get; set; }
    public int? Checksum { get; set; }
    [MaxLength(400)] public string? Path { get; set; }
    public JsonNode? Data { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? SoftwareId { get; set; }
}
