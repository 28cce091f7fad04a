using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("playlist")]
[Index(nameof(ProjectId), Name = "ix_playlist_project_id")]
[Index(nameof(EpisodeId), Name = "ix_playlist_episode_id")]
[Index(nameof(TaskTypeId), Name = "ix_playlist_task_type_id")]
[Index(nameof(ForClient), Name = "ix_playlist_for_client")]
[Index(nameof(ForEntity), Name = "ix_playlist_for_entity")]
[Index(nameof(Name), nameof(ProjectId), nameof(EpisodeId), IsUnique = true, Name = "playlist_uc")]
public class Playlist : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public JsonNode? Shots { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? EpisodeId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public bool? ForClient { get; set; } = false;
    [MaxLength(10)] public string? ForEntity { get; set; } = "shot";
    public bool? IsForAll { get; set; } = false;
    public Guid? CreatedBy { get; set; }
}
