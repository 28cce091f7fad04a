using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("plugin")]
[Index(nameof(PluginId), IsUnique = true, Name = "plugin_plugin_id_key")]
[Index(nameof(PluginId), Name = "ix_plugin_plugin_id")]
[Index(nameof(Name), Name = "ix_plugin_name")]
public class Plugin : Model
{
    [MaxLength(80)] [Required] public string PluginId { get; set; } = "";
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public string? Description { get; set; }
    [MaxLength(50)] [Required] public string Version { get; set; } = "";
    [MaxLength(200)] [Required] public string MaintainerName { get; set; } = "";
    [MaxLength(255)] public string? MaintainerEmail { get; set; }
    public string? Website { get; set; }
    [MaxLength(80)] [Required] public string License { get; set; } = "";
    [MaxLength(12)] public string? Revision { get; set; }
    public bool? FrontendProjectEnabled { get; set; } = false;
    public bool? FrontendStudioEnabled { get; set; } = false;
    [MaxLength(255)] public string? Icon { get; set; }
}
