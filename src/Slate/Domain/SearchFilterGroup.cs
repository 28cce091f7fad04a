using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("search_filter_group")]
[Index(nameof(ListType), Name = "ix_search_filter_group_list_type")]
[Index(nameof(PersonId), Name = "ix_search_filter_group_person_id")]
[Index(nameof(ProjectId), Name = "ix_search_filter_group_project_id")]
public class SearchFilterGroup : Model
{
    [MaxLength(80)] [Required] public string ListType { get; set; } = "";
    [MaxLength(80)] public string? EntityType { get; set; }
    [MaxLength(200)] [Required] public string Name { get; set; } = "";
    [MaxLength(8)] [Required] public string Color { get; set; } = "";
    public bool IsShared { get; set; } = false;
    public Guid? PersonId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? DepartmentId { get; set; }
}
