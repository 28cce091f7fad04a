using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("login_log")]
[Index(nameof(PersonId), Name = "ix_login_log_person_id")]
public class LoginLog : Model
{
    public Guid PersonId { get; set; }
    [MaxLength(50)] public string? IpAddress { get; set; }
    [MaxLength(255)] public string? Origin { get; set; }
}
