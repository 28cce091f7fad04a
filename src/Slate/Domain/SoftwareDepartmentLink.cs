using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("software_department_link")]
[PrimaryKey(nameof(Id), nameof(DepartmentId), nameof(SoftwareId))]
[Index(nameof(DepartmentId), Name = "ix_software_department_link_department_id")]
[Index(nameof(SoftwareId), Name = "ix_software_department_link_software_id")]
[Index(nameof(DepartmentId), nameof(SoftwareId), IsUnique = true, Name = "software_department_link_uc")]
public class SoftwareDepartmentLink : Model
{
    public Guid DepartmentId { get; set; }
    public Guid SoftwareId { get; set; }
}
