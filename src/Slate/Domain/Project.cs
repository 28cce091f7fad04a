using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("project")]
[Index(nameof(Name), IsUnique = true, Name = "project_name_key")]
[Index(nameof(Name), Name = "ix_project_name")]
[Index(nameof(ProjectStatusId), Name = "ix_project_project_status_id")]
[Index(nameof(DefaultPreviewBackgroundFileId), Name = "ix_project_default_preview_background_file_id")]
[Index(nameof(FromScheduleVersionId), Name = "ix_project_from_schedule_version_id")]
public class Project : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    [MaxLength(80)] public string? Code { get; set; }
    public string? Description { get; set; }
    public int? ShotgunId { get; set; }
    public JsonNode? FileTree { get; set; }
    public JsonNode? Data { get; set; }
    public bool? HasAvatar { get; set; } = false;
    [MaxLength(10)] public string? Fps { get; set; } = "25";
    [MaxLength(10)] public string? Ratio { get; set; } = "16:9";
    [MaxLength(12)] public string? Resolution { get; set; } = "1920x1080";
    [MaxLength(20)] public string? ProductionType { get; set; } = "short";
    [MaxLength(255)] [Required] public string ProductionStyle { get; set; } = "2d3d";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? ManDays { get; set; }
    public int? NbEpisodes { get; set; } = 0;
    public int? EpisodeSpan { get; set; } = 0;
    public int? MaxRetakes { get; set; } = 0;
    public bool? IsClientsIsolated { get; set; } = false;
    public bool? IsPreviewDownloadAllowed { get; set; } = false;
    public bool? IsSetPreviewAutomated { get; set; } = false;
    [MaxLength(80)] public string? Homepage { get; set; } = "assets";
    public bool? IsPublishDefaultForArtists { get; set; } = false;
    public bool? IsBotCollaborationEnabled { get; set; } = false;
    public bool? IsSinglePreviewPerRevision { get; set; } = false;
    public bool? IsFrameInNumbering { get; set; } = false;
    public int RevisionPadding { get; set; } = 0;
    public int? HdBitrateCompression { get; set; } = 28;
    public int? LdBitrateCompression { get; set; } = 6;
    public Guid? ProjectStatusId { get; set; }
    public Guid? DefaultPreviewBackgroundFileId { get; set; }
    public Guid? FromScheduleVersionId { get; set; }
}
