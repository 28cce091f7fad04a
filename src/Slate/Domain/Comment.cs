using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Nodes;

namespace Slate.Domain;

[Table("comment")]
[Index(nameof(ObjectId), Name = "ix_comment_object_id")]
[Index(nameof(ObjectType), Name = "ix_comment_object_type")]
[Index(nameof(TaskStatusId), Name = "ix_comment_task_status_id")]
[Index(nameof(PersonId), Name = "ix_comment_person_id")]
[Index(nameof(EditorId), Name = "ix_comment_editor_id")]
public class Comment : Model
{
    public int? ShotgunId { get; set; }
    public Guid ObjectId { get; set; }
    [MaxLength(80)] [Required] public string ObjectType { get; set; } = "";
    public string? Text { get; set; }
    public JsonNode? Data { get; set; }
    public JsonNode? Replies { get; set; } = new JsonArray();
    public JsonNode? Checklist { get; set; }
    public bool? Pinned { get; set; }
    public bool? ForClient { get; set; } = false;
    public List<string>? Links { get; set; }
    public Guid? TaskStatusId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? EditorId { get; set; }
    public Guid? PreviewFileId { get; set; }
}
