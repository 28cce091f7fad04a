using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("hardware_item_department_link")]
[PrimaryKey(nameof(Id), nameof(DepartmentId), nameof(HardwareItemId))]
[Index(nameof(DepartmentId), Name = "ix_hardware_item_department_link_department_id")]
[Index(nameof(HardwareItemId), Name = "ix_hardware_item_department_link_hardware_item_id")]
[Index(nameof(HardwareItemId), nameof(DepartmentId), IsUnique = true, Name = "hardware_item_department_link_uc")]
public class HardwareItemDepartmentLink : Model
{
    public Guid DepartmentId { get; set; }
    public Guid HardwareItemId { get; set; }
}
