using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("api_event")]
[Index(nameof(Name), Name = "ix_api_event_name")]
[Index(nameof(UserId), Name = "ix_api_event_user_id")]
[Index(nameof(ProjectId), Name = "ix_api_event_project_id")]
[Index(nameof(CreatedAt), Name = "ix_api_event_created_at")]
[Index(nameof(ProjectId), nameof(CreatedAt), Name = "ix_api_event_project_id_created_at")]
public class ApiEvent : Model
{
    [MaxLength(80)] [Required] public string Name { get; set; } = "";
    public Guid? UserId { get; set; }
    public Guid? ProjectId { get; set; }
    public JsonNode? Data { get; set; }
}
