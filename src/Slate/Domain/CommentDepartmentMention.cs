using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("comment_department_mentions")]
[PrimaryKey(nameof(Comment), nameof(Department))]
public class CommentDepartmentMention
{
    public Guid Comment { get; set; }
    public Guid Department { get; set; }
}
