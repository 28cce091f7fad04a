using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("time_spent")]
[Index(nameof(TaskId), Name = "ix_time_spent_task_id")]
[Index(nameof(PersonId), Name = "ix_time_spent_person_id")]
[Index(nameof(PersonId), nameof(TaskId), nameof(Date), IsUnique = true, Name = "time_spent_uc")]
public class TimeSpent : Model
{
    public double Duration { get; set; }
    public DateOnly Date { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? PersonId { get; set; }
}
