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
    /// Zou answers at the root; Kitsu and gazu call under /api (nginx strips it in a Zou
    /// deployment). Both work here. A trailing slash is optional everywhere with no rewriting:
    /// endpoint routing ignores it. The path is left as sent because the API docs page builds
    /// relative links from it.
    /// </summary>
    public static void UseZouPaths(this WebApplication app) => app.UsePathBase("/api");
}
