using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Slate.Domain;

/// <summary>
/// Slate's own table (not Zou's): the token blocklist. Zou keeps revoked jtis in Redis;
/// keeping them in the database makes a logout survive a restart with no extra service.
/// </summary>
[Table("slate_revoked_token")]
[PrimaryKey(nameof(Jti))]
[Index(nameof(ExpiresAt), Name = "ix_slate_revoked_token_expires_at")]
public class RevokedToken
{
    [MaxLength(60)] public string Jti { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}
