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

        if (fromBrowser)
        {
            Browser.SetCookie(context.Response, TokenAuthentication.AccessCookie, session.AccessToken, AccessCookiePath);
            Browser.SetCookie(context.Response, TokenAuthentication.RefreshCookie, session.RefreshToken, RefreshCookiePath);
        }
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
