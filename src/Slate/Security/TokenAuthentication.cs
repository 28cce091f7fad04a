using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Slate.Data;
using Slate.Http;

namespace Slate.Security;

/// <summary>Marks the route that takes a refresh token instead of an access token.</summary>
public sealed class RefreshTokenRoute;

/// <summary>
/// Authenticates every request the way flask-jwt-extended does for Zou: the token comes from the
/// browser cookie first, then the Bearer header; it must have the kind the route expects, not be
/// revoked, and belong to an active person. Each refusal answers Zou's exact status and body.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    Tokens tokens, TokenBlocklist blocklist, SlateDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ZouToken";
    public const string AccessCookie = "access_token_cookie";
    public const string RefreshCookie = "refresh_token_cookie";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var wantsRefresh = Context.GetEndpoint()?.Metadata.GetMetadata<RefreshTokenRoute>() is not null;
        var cookie = wantsRefresh ? RefreshCookie : AccessCookie;
        var token = Request.Cookies[cookie];
        if (token is null)
        {
            var header = Request.Headers.Authorization.ToString();
            if (header.Length == 0)
                return Refuse(TokenProblem.Msg(401, $"Missing JWT in cookies or headers (Missing cookie \"{cookie}\"; Missing Authorization Header)"));
            if (!header.StartsWith("Bearer", StringComparison.Ordinal))
                return Refuse(TokenProblem.Msg(401, $"Missing JWT in cookies or headers (Missing cookie \"{cookie}\"; Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>')"));
            token = header["Bearer".Length..].Trim();
            if (token.Length == 0)
                return Refuse(TokenProblem.Msg(422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'"));
        }

        var (read, problem) = tokens.Read(token);
        if (read is not { } claims) return Refuse(problem!);
        if (wantsRefresh && claims.Type != Tokens.Refresh) return Refuse(TokenProblem.Msg(422, "Only refresh tokens are allowed"));
        if (!wantsRefresh && claims.Type != Tokens.Access) return Refuse(TokenProblem.Msg(422, "Only non-refresh tokens are allowed"));

        // The password change row goes with its person (cascade), so without a person only the blocklist can refuse.
        var caller = await CallerOf(db, claims.PersonId, claims.Jti)
            ?? new Caller(null, await blocklist.IsRevokedAsync(claims.Jti), null);
        // With KV_HOST, a session may also have been revoked in Redis only (by a Zou node).
        if (claims.IdentityType == "person" && !caller.Revoked && await blocklist.IsRevokedInKeyValueStoreAsync(claims.Jti))
            caller = caller with { Revoked = true };
        if (IsRevoked(claims, caller)) return Refuse(TokenProblem.Msg(401, "Token has been revoked"));
        if (caller.Person is not { } person || person.Active == false)
            return Refuse(new TokenProblem(401, ApiException.ErrorBody(ErrorHandling.MessageFor(401))));

        Context.Items[typeof(CurrentUser)] = new CurrentUser(person, claims);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.Id.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The token's person and what decides whether the token still holds, read together.</summary>
    sealed record Caller(Domain.Person? Person, bool Revoked, DateTime? PasswordChangedAt);

    /// <summary>
    /// One round trip per request, read from the database every time: a logout or a password
    /// change on any server sharing the database refuses the token on the very next request.
    /// </summary>
    static readonly Func<SlateDb, Guid, string, Task<Caller?>> CallerOf = EF.CompileAsyncQuery(
        (SlateDb db, Guid personId, string jti) => db.Persons.AsNoTracking()
            .Where(p => p.Id == personId)
            .Select(p => new Caller(
                p,
                db.RevokedTokens.Any(t => t.Jti == jti),
                db.PasswordChanges.Where(c => c.PersonId == personId).Select(c => (DateTime?)c.ChangedAt).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>
    /// Interactive sessions are revoked by logout (blocklist) and by a password change (sessions
    /// opened before it); bot and API tokens live while the person row still holds their jti, so
    /// regenerating or deleting the bot kills the old one.
    /// </summary>
    static bool IsRevoked(TokenClaims claims, Caller caller) => claims.IdentityType switch
    {
        "person" => caller.Revoked || OpenedBefore(claims, caller.PasswordChangedAt),
        "bot" or "person_api" => caller.Person?.Jti != claims.Jti,
        _ => true,
    };

    // Token times are whole seconds: a session opened in the second of the change counts as after it.
    static bool OpenedBefore(TokenClaims claims, DateTime? passwordChangedAt) =>
        passwordChangedAt is { } at && claims.IssuedAt.UtcDateTime < at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

    AuthenticateResult Refuse(TokenProblem problem)
    {
        Context.Items[typeof(TokenProblem)] = problem;
        return AuthenticateResult.Fail(problem.Body.ToJsonString());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problem = Context.Items[typeof(TokenProblem)] as TokenProblem
            ?? TokenProblem.Msg(401, $"Missing JWT in cookies or headers (Missing cookie \"{AccessCookie}\"; Missing Authorization Header)");
        return Write(problem.Status, problem.Body);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Write(403, ApiException.ErrorBody(ApiException.ForbiddenMessage));

    Task Write(int status, JsonObject body) => ZouJson.Result(body, status).ExecuteAsync(Context);
}
