using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("project_template")]
[Index(nameof(Name), IsUnique = true, Name = "project_template_name_key")]
[Index(nameof(Name), Name = "ix_project_template_name")]
[Index(nameof(DefaultPreviewBackgroundFileId), Name = "ix_project_template_default_preview_background_file_id")]
public class ProjectTemplate : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public string? Description { get; set; }
    [MaxLength(10)] public string? Fps { get; set; } = "25";
    [MaxLength(10)] public string? Ratio { get; set; } = "16:9";
    [MaxLength(12)] public string? Resolution { get; set; } = "1920x1080";
    [MaxLength(20)] public string? ProductionType { get; set; } = "short";
    [MaxLength(255)] [Required] public string ProductionStyle { get; set; } = "2d3d";
    public int? MaxRetakes { get; set; } = 0;
    public bool? IsClientsIsolated { get; set; } = false;
    public bool? IsPreviewDownloadAllowed { get; set; } = false;
    public bool? IsSetPreviewAutomated { get; set; } = false;
    public bool? IsPublishDefaultForArtists { get; set; } = false;
    public bool? IsSinglePreviewPerRevision { get; set; } = false;
    public bool? IsFrameInNumbering { get; set; } = false;
    public int RevisionPadding { get; set; } = 0;
    [MaxLength(80)] public string? Homepage { get; set; } = "assets";
    public int? HdBitrateCompression { get; set; } = 28;
    public int? LdBitrateCompression { get; set; } = 6;
    public JsonNode? FileTree { get; set; }
    public JsonNode? Data { get; set; }
    public JsonNode? MetadataDescriptors { get; set; } = new JsonArray();
    public Guid? DefaultPreviewBackgroundFileId { get; set; }
}
