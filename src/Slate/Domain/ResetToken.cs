using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Slate.Domain;

/// <summary>
/// Slate's own table (not Zou's): the one live password-reset token of a person, as Zou keeps
/// reset-token-&lt;email&gt; in Redis (2 hours for a recovery, 7 days for an invitation). Only the
/// SHA-256 of the token is stored, so reading the table gives no way into an account.
/// </summary>
[Table("slate_reset_token")]
[PrimaryKey(nameof(PersonId))]
public class ResetToken
{
    public Guid PersonId { get; set; }
    [MaxLength(64)] public string TokenHash { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}
