using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("notification")]
[Index(nameof(PersonId), Name = "ix_notification_person_id")]
[Index(nameof(AuthorId), Name = "ix_notification_author_id")]
[Index(nameof(CommentId), Name = "ix_notification_comment_id")]
[Index(nameof(TaskId), Name = "ix_notification_task_id")]
[Index(nameof(PlaylistId), Name = "ix_notification_playlist_id")]
[Index(nameof(ReplyId), Name = "ix_notification_reply_id")]
[Index(nameof(PersonId), nameof(AuthorId), nameof(CommentId), nameof(ReplyId), nameof(PlaylistId), nameof(Type), IsUnique = true, Name = "notification_uc")]
public class Notification : Model
{
    public bool Read { get; set; } = false;
    public bool Change { get; set; } = false;
    [MaxLength(255)] [Required] public string Type { get; set; } = "";
    public Guid PersonId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid? CommentId { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? PlaylistId { get; set; }
    public Guid? ReplyId { get; set; }
}
