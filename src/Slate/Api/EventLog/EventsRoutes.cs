using Slate.Http;

namespace Slate.Api.EventLog;

/// <summary>Zou's events blueprint: the event log, its names and the login log. Rules live in <see cref="EventsService"/>.</summary>
public static class EventsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/events/last", async (HttpRequest request, EventsService events) =>
                ZouJson.Result(await events.LastEventsAsync(request.Query)))
            .WithSummary("Latest events, newest first, filtered by dates, project, names and authors");
        routes.Get("/data/events/names", async (EventsService events) => ZouJson.Result(await events.NamesAsync()))
            .WithSummary("Distinct event names in the log, sorted");
        routes.Get("/data/events/login-logs/last", async (HttpRequest request, EventsService events) =>
                ZouJson.Result(await events.LastLoginLogsAsync(request.Query)))
            .WithSummary("Latest logins, newest first");
    }
}
