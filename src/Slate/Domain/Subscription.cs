using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("subscription")]
[Index(nameof(PersonId), Name = "ix_subscription_person_id")]
[Index(nameof(TaskId), Name = "ix_subscription_task_id")]
[Index(nameof(EntityId), Name = "ix_subscription_entity_id")]
[Index(nameof(TaskTypeId), Name = "ix_subscription_task_type_id")]
[Index(nameof(PersonId), nameof(TaskId), IsUnique = true, Name = "subscription_task_uc")]
[Index(nameof(PersonId), nameof(TaskTypeId), nameof(EntityId), IsUnique = true, Name = "subscription_entity_uc")]
public class Subscription : Model
{
    public Guid PersonId { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? TaskTypeId { get; set; }
}
