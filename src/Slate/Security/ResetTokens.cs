using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Security;

/// <summary>
/// Password-reset tokens, as Zou makes them: 64 characters [A-Z0-9], one live token per person
/// (a new one replaces it), 2 hours for a recovery and 7 days for an invitation, used once. Only
/// their SHA-256 is stored (<see cref="ResetToken"/>); changes join the caller's unit of work.
/// </summary>
public sealed class ResetTokens(SlateDb db, Settings settings)
{
    public static readonly TimeSpan RecoveryLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const int Length = 64;

    /// <summary>A new token for the person, valid for <paramref name="lifetime"/>; the previous one dies.</summary>
    public async Task<string> IssueAsync(Guid personId, TimeSpan lifetime)
    {
        var token = RandomNumberGenerator.GetString(Alphabet, Length);
        var row = await db.ResetTokens.FindAsync(personId);
        if (row is null) db.ResetTokens.Add(row = new ResetToken { PersonId = personId });
        row.TokenHash = Hash(token);
        row.ExpiresAt = Clock.UtcNow() + lifetime;
        return token;
    }

    /// <summary>
    /// Whether the token is the person's live one (compared in constant time); if so it is
    /// removed with the caller's next save, so it works once.
    /// </summary>
    public async Task<bool> RedeemAsync(Guid? personId, string token)
    {
        var row = personId is { } id ? await db.ResetTokens.FindAsync(id) : null;
        var expected = Encoding.ASCII.GetBytes(row?.TokenHash ?? new string('0', Length));
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(Hash(token)));
        if (row is null || !matches || row.ExpiresAt <= Clock.UtcNow()) return false;
        db.ResetTokens.Remove(row);
        return true;
    }

    /// <summary>
    /// Kitsu's page for choosing a password: &lt;DOMAIN_PROTOCOL&gt;://&lt;DOMAIN_NAME&gt;/reset-change-password
    /// with the e-mail and token, and type=new for an invitation.
    /// </summary>
    public string Link(string email, string token, bool invitation = false) =>
        $"{settings.DomainProtocol}://{settings.DomainName}/reset-change-password" +
        $"?email={Uri.EscapeDataString(email)}&token={token}" + (invitation ? "&type=new" : "");

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
