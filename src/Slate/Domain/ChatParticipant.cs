using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("chat_participant")]
[PrimaryKey(nameof(ChatId), nameof(PersonId))]
public class ChatParticipant
{
    public Guid ChatId { get; set; }
    public Guid PersonId { get; set; }
}
