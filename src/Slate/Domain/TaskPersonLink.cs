using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("task_person_link")]
[PrimaryKey(nameof(TaskId), nameof(PersonId))]
[Index(nameof(PersonId), Name = "ix_task_person_link_person_id")]
public class TaskPersonLink
{
    public Guid TaskId { get; set; }
    public Guid PersonId { get; set; }
}
