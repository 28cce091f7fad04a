using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("news")]
[Index(nameof(AuthorId), Name = "ix_news_author_id")]
[Index(nameof(CommentId), Name = "ix_news_comment_id")]
[Index(nameof(TaskId), Name = "ix_news_task_id")]
[Index(nameof(PreviewFileId), Name = "ix_news_preview_file_id")]
public class News : Model
{
    public bool Change { get; set; } = false;
    public Guid AuthorId { get; set; }
    public Guid? CommentId { get; set; }
    public Guid TaskId { get; set; }
    public Guid? PreviewFileId { get; set; }
}
