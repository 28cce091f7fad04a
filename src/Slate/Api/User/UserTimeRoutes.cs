using Slate.Api.Persons;
using Slate.Http;

namespace Slate.Api.User;

/// <summary>
/// Zou's user blueprint, time part, in Zou's order: the caller's desktop login logs, time spents
/// and day offs. The same rules as the persons routes, on the caller's own rows (bots refused).
/// </summary>
public static class UserTimeRoutes
{
    public static void Map(IEndpointRouteBuilder area)
    {
        var routes = area.PersonsOnly();
        routes.Get("/data/user/desktop-login-logs", async (PresenceService presence) =>
                ZouJson.Result(await presence.UserLoginsAsync()))
            .WithSummary("The caller's desktop login logs, latest first");
        routes.Post("/data/user/desktop-login-logs", async (HttpRequest request, PresenceService presence) =>
                ZouJson.Result(await presence.AddUserLoginAsync(await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Log a desktop login of the caller at a date (now by default); updates their last presence");
        routes.Get("/data/user/time-spents", async (string? start_date, string? end_date, PersonTimeService time) =>
                ZouJson.Result(await time.UserTimeSpentsAsync(start_date, end_date)))
            .WithSummary("The caller's time spents, between start_date and end_date when given");
        routes.Get("/data/user/time-spents/{date}", async (string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserDayTimeSpentsAsync(date)))
            .WithSummary("The caller's time spents of a day");
        routes.Get("/data/user/tasks/{task_id}/time-spents/{date}", async (string task_id, string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserTaskTimeSpentAsync(task_id, date)))
            .WithSummary("The caller's time spent on a task on a day (404 when none)");
        routes.Get("/data/user/day-offs/{date}", async (string date, PersonTimeService time) =>
                ZouJson.Result(await time.UserDayOffAsync(date)))
            .WithSummary("The caller's day off covering a date, or {}");
    }
}
