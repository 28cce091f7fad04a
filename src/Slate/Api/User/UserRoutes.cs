using Slate.Http;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// Zou's user blueprint, the caller's context (behavior-production.md §10), in Zou's order. Like
/// every /data/user route, refused to bots (Zou's require_person). Rules live in
/// <see cref="UserContextService"/>.
/// </summary>
public static class UserRoutes
{
    public static void Map(IEndpointRouteBuilder area)
    {
        var routes = PersonsOnly(area);
        routes.Get("/data/user/context", async (UserContextService context) => ZouJson.Result(await context.ContextAsync()))
            .WithSummary("Everything the web app loads at startup: reference data, people, the caller's projects, filters and counts");
    }

    /// <summary>The area's routes, each refusing bots before its handler runs (403).</summary>
    static RouteGroupBuilder PersonsOnly(IEndpointRouteBuilder area)
    {
        var group = area.MapGroup("");
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().CheckPerson();
            return await next(context);
        });
        return group;
    }
}
