namespace Slate.Http;

/// <summary>
/// The verbs of an area's route table, so each table reads like Zou's blueprint lists:
/// one line per route. GET routes answer HEAD too, as Flask does.
/// </summary>
public static class RouteTable
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder Get(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetAndHead, handler);

    public static RouteHandlerBuilder Post(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapPost(pattern, handler);

    public static RouteHandlerBuilder Put(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapPut(pattern, handler);

    public static RouteHandlerBuilder Delete(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapDelete(pattern, handler);

    /// <summary>
    /// Maps an area's route table with the area's tag on every route, for the OpenAPI document:
    /// the last part of the table's namespace (Slate.Api.Index -> "Index"), so a table cannot
    /// be filed under the wrong area. Every route needs a valid token unless the table marks it
    /// AllowAnonymous; unknown paths and wrong methods still answer 404/405 before any login.
    /// </summary>
    public static void MapArea(this IEndpointRouteBuilder routes, Action<IEndpointRouteBuilder> map)
    {
        var area = map.Method.DeclaringType?.Namespace?.Split('.')[^1]
            ?? throw new ArgumentException("A route table must be a method of a namespaced class.", nameof(map));
        map(routes.MapGroup("").WithTags(area).RequireAuthorization());
    }

    /// <summary>The routes of a group that answers 403 to bots before any handler runs (Zou's require_person).</summary>
    public static RouteGroupBuilder PersonsOnly(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("");
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<Security.CurrentUser>().CheckPerson();
            return await next(context);
        });
        return group;
    }

    /// <summary>
    /// Zou answers at the root; Kitsu and gazu call under /api (nginx strips it in a Zou
    /// deployment). Both work here. A trailing slash is optional everywhere with no rewriting:
    /// endpoint routing ignores it. The path is left as sent because the API docs page builds
    /// relative links from it.
    /// </summary>
    public static void UseZouPaths(this WebApplication app) => app.UsePathBase("/api");
}
