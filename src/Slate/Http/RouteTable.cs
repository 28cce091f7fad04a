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
    /// deployment). Both work here, and a trailing slash is optional everywhere.
    /// </summary>
    public static void UseZouPaths(this WebApplication app)
    {
        app.UsePathBase("/api");
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is { Length: > 1 } && path.EndsWith('/'))
                context.Request.Path = new PathString(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
            return next(context);
        });
    }
}
