using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("build_job")]
[Index(nameof(PlaylistId), Name = "ix_build_job_playlist_id")]
public class BuildJob : Model
{
    [MaxLength(255)] [Required] public string Status { get; set; } = "running";
    [MaxLength(255)] [Required] public string JobType { get; set; } = "movie";
    public DateTime? EndedAt { get; set; }
    public Guid PlaylistId { get; set; }
}
