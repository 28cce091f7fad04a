using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Slate.Domain;

/// <summary>
/// Slate's own table (not Zou's): when each person's password last changed. Sessions opened
/// before that moment are refused, so a new password ends every session made with the old one
/// (Zou lets them live on).
/// </summary>
[Table("slate_password_change")]
[PrimaryKey(nameof(PersonId))]
public class PasswordChange
{
    public Guid PersonId { get; set; }
    public DateTime ChangedAt { get; set; }
}
