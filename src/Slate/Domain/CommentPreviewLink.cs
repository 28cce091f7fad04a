using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("comment_preview_link")]
[PrimaryKey(nameof(Comment), nameof(PreviewFile))]
[Index(nameof(Comment), Name = "ix_comment_preview_link_comment")]
[Index(nameof(PreviewFile), Name = "ix_comment_preview_link_preview_file")]
public class CommentPreviewLink
{
    public Guid Comment { get; set; }
    public Guid PreviewFile { get; set; }
}
