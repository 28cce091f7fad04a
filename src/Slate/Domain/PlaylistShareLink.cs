using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("playlist_share_link")]
[Index(nameof(Token), IsUnique = true, Name = "playlist_share_link_token_key")]
[Index(nameof(Token), Name = "ix_playlist_share_link_token")]
[Index(nameof(PlaylistId), Name = "ix_playlist_share_link_playlist_id")]
[Index(nameof(PlaylistId), nameof(IsActive), Name = "ix_playlist_share_link_playlist_active")]
public class PlaylistShareLink : Model
{
    [MaxLength(64)] [Required] public string Token { get; set; } = "";
    public Guid PlaylistId { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime? ExpirationDate { get; set; }
    public bool IsActive { get; set; } = true;
    public bool CanComment { get; set; } = true;
    [MaxLength(255)] public string? Password { get; set; }
}
