using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("chat_message")]
[Index(nameof(ChatId), Name = "ix_chat_message_chat_id")]
[Index(nameof(PersonId), Name = "ix_chat_message_person_id")]
public class ChatMessage : Model
{
    public Guid ChatId { get; set; }
    public Guid PersonId { get; set; }
    public string? Text { get; set; }
}
