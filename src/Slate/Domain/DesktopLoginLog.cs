using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Slate.Domain;

[Table("desktop_login_log")]
[Index(nameof(PersonId), Name = "ix_desktop_login_log_person_id")]
public class DesktopLoginLog : Model
{
    public Guid PersonId { get; set; }
    public DateTime Date { get; set; }
}
