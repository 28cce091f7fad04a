using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("comment_acknoledgments")]
[PrimaryKey(nameof(Comment), nameof(Person))]
public class CommentAcknowledgment
{
    public Guid Comment { get; set; }
    public Guid Person { get; set; }
}
