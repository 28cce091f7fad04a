using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Security;

/// <summary>The claims Slate reads from a token (flask-jwt-extended's, plus Zou's own).</summary>
public sealed record TokenClaims(
    Guid PersonId, string Jti, string Type, string IdentityType, string? RefreshJti, DateTimeOffset IssuedAt, DateTimeOffset? Expires);

/// <summary>Why a token was refused, with the status and body Zou answers.</summary>
public sealed record TokenProblem(int Status, JsonObject Body)
{
    public static TokenProblem Msg(int status, string message) => new(status, new JsonObject { ["msg"] = message });
    public static readonly TokenProblem Expired = new(401, new JsonObject { ["error"] = true, ["message"] = "Signature has expired" });
}

/// <summary>
/// JWT HS256 tokens with the claims and lifetimes of Zou (behavior-platform.md §4.2), signed with
/// SECRET_KEY, so gazu and Kitsu read them as they read Zou's. Failures carry PyJWT's messages,
/// which clients key on ("Signature has expired" makes gazu refresh).
/// </summary>
public sealed class Tokens(Settings settings)
{
    public const string Access = "access";
    public const string Refresh = "refresh";
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(15);

    readonly byte[] key = Encoding.UTF8.GetBytes(settings.SecretKey);

    static readonly string Header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    /// <summary>A signed token and its jti.</summary>
    public (string Token, string Jti) Issue(Guid personId, string type, string identityType, TimeSpan? lifetime, string? refreshJti = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var jti = Guid.NewGuid().ToString();
        var claims = new JsonObject
        {
            ["fresh"] = false,
            ["iat"] = now,
            ["jti"] = jti,
            ["type"] = type,
            ["sub"] = personId.ToString(),
            ["nbf"] = now,
        };
        if (lifetime is { } span) claims["exp"] = now + (long)span.TotalSeconds;
        claims["identity_type"] = identityType;
        if (refreshJti is not null) claims["refresh_jti"] = refreshJti;
        var signingInput = Header + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return (signingInput + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput))), jti);
    }

    /// <summary>The token's claims, or the problem that makes Zou refuse it.</summary>
    public (TokenClaims? Claims, TokenProblem? Problem) Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return (null, TokenProblem.Msg(422, "Not enough segments"));
        JsonObject header, payload;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(FromBase64Url(parts[0]))!.AsObject();
            payload = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return (null, TokenProblem.Msg(422, "Invalid token"));
        }
        if ((string?)header["alg"] != "HS256")
            return (null, TokenProblem.Msg(422, "The specified alg value is not allowed"));
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            return (null, TokenProblem.Msg(422, "Signature verification failed"));

        var now = DateTimeOffset.UtcNow;
        var expires = Seconds(payload["exp"]);
        if (expires is { } exp && exp <= now) return (null, TokenProblem.Expired);
        if (Seconds(payload["nbf"]) is { } nbf && nbf > now.AddSeconds(5))
            return (null, TokenProblem.Msg(422, "The token is not yet valid (nbf)"));
        if (!Guid.TryParse(Text(payload["sub"]), out var personId) || Text(payload["jti"]) is not { } jti)
            return (null, TokenProblem.Msg(422, "Invalid token"));
        return (new TokenClaims(
            personId, jti, Text(payload["type"]) ?? Access, Text(payload["identity_type"]) ?? "person",
            Text(payload["refresh_jti"]), Seconds(payload["iat"]) ?? DateTimeOffset.MinValue, expires), null);
    }

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static DateTimeOffset? Seconds(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
