using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Http;
using Slate.Security;

namespace Slate.Api.Auth;

/// <summary>Zou's auth blueprint: sessions for Kitsu (cookies) and scripts such as gazu (JSON tokens).</summary>
public static class AuthRoutes
{
    // Zou's cookie paths, kept identical (the refresh cookie is scoped to the refresh route).
    const string AccessCookiePath = "/";
    const string RefreshCookiePath = "/auth/refresh-token";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Post("/auth/login", Login).WithSummary("Log in with e-mail (or desktop login) and password").AllowAnonymous();
        routes.Get("/auth/logout", Logout).WithSummary("Log out: revoke the access token and its refresh token");
        routes.Get("/auth/authenticated", Authenticated).WithSummary("The logged-in person and the organisation");
        routes.Post("/auth/change-password", ChangePassword).WithSummary("Change own password (old password required)");
        routes.Post("/auth/reset-password", RequestPasswordReset).WithSummary("Send a password-reset email").AllowAnonymous();
        routes.Put("/auth/reset-password", ResetPassword).WithSummary("Set a new password using a reset token").AllowAnonymous();
        routes.Get("/auth/refresh-token", RefreshToken).WithSummary("A new access token for a refresh token")
            .WithMetadata(new RefreshTokenRoute());
    }

    static async Task<IResult> Login(HttpContext context, AuthService auth, ZouSerializer serializer, SlateDb db)
    {
        var fields = await RequestBody.ReadFieldsAsync(context.Request);
        var email = RequestBody.RequiredText(fields, "email");
        var fromBrowser = Browser.IsBrowser(context.Request);
        var ip = context.Request.Headers["X-Real-IP"].FirstOrDefault() ?? context.Connection.RemoteIpAddress?.ToString();

        var session = await auth.LoginAsync(email, RequestBody.OptionalText(fields, "password") ?? "default", ip, fromBrowser);

        if (fromBrowser) SetSessionCookies(context.Response, session);
        var user = Presentations.SafePerson(await serializer.RowAsync(session.Person, relations: true));
        return ZouJson.Result(new JsonObject
        {
            ["user"] = user,
            ["organisation"] = await OrganisationFor(session.Person.Role == "admin", serializer, db),
            ["login"] = true,
            ["access_token"] = session.AccessToken,
            ["refresh_token"] = session.RefreshToken,
        });
    }

    /// <summary>
    /// The old sessions end with the change; a browser gets fresh cookies so Kitsu stays logged in
    /// (a script logs in again with the new password).
    /// </summary>
    static async Task<IResult> ChangePassword(HttpContext context, CurrentUser user, AuthService auth)
    {
        var person = await auth.ChangePasswordAsync(user, await RequestBody.ReadFieldsAsync(context.Request), ForwardedFor(context.Request));
        if (Browser.IsBrowser(context.Request)) SetSessionCookies(context.Response, auth.NewSession(person));
        return ZouJson.Result(new JsonObject { ["success"] = true });
    }

    static async Task<IResult> RequestPasswordReset(HttpContext context, AuthService auth)
    {
        await auth.RequestPasswordResetAsync(await RequestBody.ReadFieldsAsync(context.Request), ForwardedFor(context.Request));
        return ZouJson.Result(new JsonObject { ["success"] = "Reset token sent" });
    }

    static async Task<IResult> ResetPassword(HttpContext context, AuthService auth)
    {
        await auth.ResetPasswordAsync(await RequestBody.ReadFieldsAsync(context.Request));
        return ZouJson.Result(new JsonObject { ["success"] = true });
    }

    /// <summary>The first address of X-Forwarded-For when it is one (the e-mails name it), as Zou reads it.</summary>
    static string? ForwardedFor(HttpRequest request) =>
        request.Headers["X-Forwarded-For"].FirstOrDefault()?.Split(',')[0].Trim() is { } first
        && System.Net.IPAddress.TryParse(first, out var address) ? address.ToString() : null;

    static void SetSessionCookies(HttpResponse response, Session session)
    {
        Browser.SetCookie(response, TokenAuthentication.AccessCookie, session.AccessToken, AccessCookiePath);
        Browser.SetCookie(response, TokenAuthentication.RefreshCookie, session.RefreshToken, RefreshCookiePath);
    }

    static async Task<IResult> Logout(HttpContext context, CurrentUser user, AuthService auth)
    {
        await auth.LogoutAsync(user);
        if (Browser.IsBrowser(context.Request))
        {
            Browser.ClearCookie(context.Response, TokenAuthentication.AccessCookie, AccessCookiePath);
            Browser.ClearCookie(context.Response, TokenAuthentication.RefreshCookie, RefreshCookiePath);
        }
        return ZouJson.Result(new JsonObject { ["logout"] = true });
    }

    static async Task<IResult> Authenticated(CurrentUser user, ZouSerializer serializer, SlateDb db)
    {
        var person = Presentations.SafePerson(await serializer.RowAsync(user.Person, relations: true));
        person["fido_devices"] = new JsonArray((user.Person.FidoCredentials ?? [])
            .Select(credential => JsonNode.Parse(credential)?["device_name"]?.DeepClone())
            .ToArray());
        return ZouJson.Result(new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = person,
            ["organisation"] = await OrganisationFor(user.IsAdmin, serializer, db),
        });
    }

    static IResult RefreshToken(HttpContext context, CurrentUser user, AuthService auth)
    {
        var access = auth.Refresh(user);
        if (!Browser.IsBrowser(context.Request))
            return ZouJson.Result(new JsonObject { ["access_token"] = access });
        Browser.SetCookie(context.Response, TokenAuthentication.AccessCookie, access, AccessCookiePath);
        Browser.ClearCookie(context.Response, TokenAuthentication.RefreshCookie, RefreshCookiePath);
        return ZouJson.Result(new JsonObject { ["refresh"] = true });
    }

    static async Task<JsonObject> OrganisationFor(bool admin, ZouSerializer serializer, SlateDb db) =>
        Presentations.Organisation(serializer.Columns(await Organisations.GetOrCreateAsync(db)), admin);
}
