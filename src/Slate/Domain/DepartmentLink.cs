using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("department_link")]
[PrimaryKey(nameof(PersonId), nameof(DepartmentId))]
[Index(nameof(PersonId), Name = "ix_department_link_person_id")]
[Index(nameof(DepartmentId), Name = "ix_department_link_department_id")]
[Index(nameof(PersonId), nameof(DepartmentId), IsUnique = true, Name = "department_link_uc")]
public class DepartmentLink
{
    public Guid PersonId { get; set; }
    public Guid DepartmentId { get; set; }
}
