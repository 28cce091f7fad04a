using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("search_filter")]
[Index(nameof(ListType), Name = "ix_search_filter_list_type")]
[Index(nameof(PersonId), Name = "ix_search_filter_person_id")]
[Index(nameof(ProjectId), Name = "ix_search_filter_project_id")]
public class SearchFilter : Model
{
    [MaxLength(80)] [Required] public string ListType { get; set; } = "";
    [MaxLength(80)] public string? EntityType { get; set; }
    [MaxLength(200)] [Required] public string Name { get; set; } = "";
    [MaxLength(500)] [Required] public string SearchQuery { get; set; } = "";
    public bool IsShared { get; set; } = false;
    public Guid? DepartmentId { get; set; }
    public Guid? SearchFilterGroupId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? ProjectId { get; set; }
}
