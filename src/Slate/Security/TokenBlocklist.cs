using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Security;

/// <summary>
/// Revoked token ids. Zou keeps them in Redis with the token's lifetime as TTL; Slate keeps them
/// in the database by default, so a logout holds across restarts with no other service.
/// </summary>
public sealed class TokenBlocklist(SlateDb db)
{
    public Task<bool> IsRevokedAsync(string jti) => db.RevokedTokens.AnyAsync(t => t.Jti == jti);

    /// <summary>Revokes the ids until they would have expired anyway, and forgets expired ones.</summary>
    public async Task RevokeAsync(params (string Jti, TimeSpan Lifetime)[] tokens)
    {
        var now = Clock.UtcNow();
        await db.RevokedTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync();
        var known = await db.RevokedTokens.Where(t => tokens.Select(x => x.Jti).Contains(t.Jti)).Select(t => t.Jti).ToListAsync();
        foreach (var (jti, lifetime) in tokens.DistinctBy(t => t.Jti).Where(t => !known.Contains(t.Jti)))
            db.RevokedTokens.Add(new RevokedToken { Jti = jti, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync();
    }
}
