using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("attachment_file")]
[Index(nameof(CommentId), Name = "ix_attachment_file_comment_id")]
[Index(nameof(ChatMessageId), Name = "ix_attachment_file_chat_message_id")]
public class AttachmentFile : Model
{
    [MaxLength(250)] public string? Name { get; set; }
    public long? Size { get; set; } = 1;
    [MaxLength(6)] public string? Extension { get; set; }
    [MaxLength(255)] public string? Mimetype { get; set; }
    public Guid? CommentId { get; set; }
    public Guid? ReplyId { get; set; }
    public Guid? ChatMessageId { get; set; }
}
