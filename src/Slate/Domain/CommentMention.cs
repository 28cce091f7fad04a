using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("comment_mentions")]
[PrimaryKey(nameof(Comment), nameof(Person))]
public class CommentMention
{
    public Guid Comment { get; set; }
    public Guid Person { get; set; }
}
