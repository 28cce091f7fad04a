using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("production_schedule_version_task_link_person_link")]
[PrimaryKey(nameof(ProductionScheduleVersionTaskLinkId), nameof(PersonId))]
public class ProductionScheduleVersionTaskLinkPersonLink
{
    public Guid ProductionScheduleVersionTaskLinkId { get; set; }
    public Guid PersonId { get; set; }
}
