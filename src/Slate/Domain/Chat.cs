using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("chat")]
[Index(nameof(ObjectId), Name = "ix_chat_object_id")]
[Index(nameof(ObjectType), Name = "ix_chat_object_type")]
public class Chat : Model
{
    public Guid ObjectId { get; set; }
    [MaxLength(80)] [Required] public string ObjectType { get; set; } = "entity";
    public DateTime? LastMessage { get; set; }
}
