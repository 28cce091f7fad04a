using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("department_metadata_descriptor_link")]
[PrimaryKey(nameof(MetadataDescriptorId), nameof(DepartmentId))]
[Index(nameof(MetadataDescriptorId), Name = "ix_department_metadata_descriptor_link_metadata_descriptor_id")]
[Index(nameof(DepartmentId), Name = "ix_department_metadata_descriptor_link_department_id")]
[Index(nameof(MetadataDescriptorId), nameof(DepartmentId), IsUnique = true, Name = "department_metadata_descriptor_link_uc")]
public class DepartmentMetadataDescriptorLink
{
    public Guid MetadataDescriptorId { get; set; }
    public Guid DepartmentId { get; set; }
}
