using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("preview_background_file")]
[Index(nameof(IsDefault), Name = "ix_preview_background_file_is_default")]
public class PreviewBackgroundFile : Model
{
    [MaxLength(40)] [Required] public string Name { get; set; } = "";
    public bool? Archived { get; set; } = false;
    public bool? IsDefault { get; set; } = false;
    [MaxLength(250)] public string? OriginalName { get; set; }
    [MaxLength(6)] public string? Extension { get; set; }
    public long? FileSize { get; set; } = 0;
}
