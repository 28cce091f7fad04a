using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using StackExchange.Redis;

namespace Slate.Security;

/// <summary>
/// Revoked token ids. Zou keeps them in Redis with the token's lifetime as TTL; Slate keeps them
/// in the database, so a logout holds across restarts with no other service. With KV_HOST set
/// they also go to Redis the way Zou writes them (db 0, key = jti, value "true"), so nodes that
/// only read Redis (Zou's) see Slate's logouts and Slate sees theirs.
/// </summary>
public sealed class TokenBlocklist(SlateDb db, ILogger<TokenBlocklist> log, KeyValueStore? store = null)
{
    public Task<bool> IsRevokedAsync(string jti) => db.RevokedTokens.AnyAsync(t => t.Jti == jti);

    /// <summary>
    /// Whether Redis holds the id as revoked; false without KV_HOST or while Redis is unreachable,
    /// where the database's answer (read by the caller anyway) is the one that holds.
    /// </summary>
    public async Task<bool> IsRevokedInKeyValueStoreAsync(string jti)
    {
        if (store?.Database(KeyValueStore.TokenBlocklistIndex) is not { } redis) return false;
        try
        {
            return await redis.StringGetAsync(jti) == "true";
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Revokes the ids until they would have expired anyway, and forgets expired ones.</summary>
    public async Task RevokeAsync(params (string Jti, TimeSpan Lifetime)[] tokens)
    {
        var now = Clock.UtcNow();
        await db.RevokedTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync();
        var known = await db.RevokedTokens.Where(t => tokens.Select(x => x.Jti).Contains(t.Jti)).Select(t => t.Jti).ToListAsync();
        foreach (var (jti, lifetime) in tokens.DistinctBy(t => t.Jti).Where(t => !known.Contains(t.Jti)))
            db.RevokedTokens.Add(new RevokedToken { Jti = jti, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync();
        await RevokeInKeyValueStoreAsync(tokens);
    }

    async Task RevokeInKeyValueStoreAsync((string Jti, TimeSpan Lifetime)[] tokens)
    {
        if (store?.Database(KeyValueStore.TokenBlocklistIndex) is not { } redis) return;
        try
        {
            await Task.WhenAll(tokens.Select(t => redis.StringSetAsync(t.Jti, "true", t.Lifetime)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The database row holds the logout on every Slate node.
            log.LogWarning(e, "Revoked tokens could not be written to Redis");
        }
    }
}
