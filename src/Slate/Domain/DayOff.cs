using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("day_off")]
[Index(nameof(PersonId), Name = "ix_day_off_person_id")]
[Index(nameof(PersonId), nameof(Date), IsUnique = true, Name = "day_off_uc")]
public class DayOff : Model
{
    public DateOnly Date { get; set; }
    public DateOnly EndDate { get; set; }
    public string? Description { get; set; }
    public Guid? PersonId { get; set; }
}
