using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("preview_file")]
[Index(nameof(TaskId), Name = "ix_preview_file_task_id")]
[Index(nameof(SourceFileId), Name = "ix_preview_file_source_file_id")]
[Index(nameof(ShotgunId), IsUnique = true, Name = "preview_file_shotgun_id_key")]
[Index(nameof(Name), nameof(TaskId), nameof(Revision), IsUnique = true, Name = "preview_uc")]
public class PreviewFile : Model
{
    [MaxLength(250)] public string? Name { get; set; }
    [MaxLength(250)] public string? OriginalName { get; set; }
    public int? Revision { get; set; } = 1;
    public int? Position { get; set; } = 1;
    [MaxLength(6)] public string? Extension { get; set; }
    public string? Description { get; set; }
    [MaxLength(400)] public string? Path { get; set; }
    [MaxLength(40)] public string? Source { get; set; }
    public long? FileSize { get; set; } = 0;
    [MaxLength(255)] [Required] public string Status { get; set; } = "processing";
    [MaxLength(255)] [Required] public string ValidationStatus { get; set; } = "neutral";
    public JsonNode? Annotations { get; set; }
    public int? Width { get; set; } = 0;
    public int? Height { get; set; } = 0;
    public double? Duration { get; set; } = 0;
    public JsonNode? Data { get; set; }
    public int? TokenIn { get; set; }
    public int? TokenOut { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? SourceFileId { get; set; }
    public int? ShotgunId { get; set; }
    public bool? IsMovie { get; set; } = false;
    [MaxLength(600)] public string? Url { get; set; }
    [MaxLength(600)] public string? UploadedMovieUrl { get; set; }
    [MaxLength(150)] public string? UploadedMovieName { get; set; }
}
