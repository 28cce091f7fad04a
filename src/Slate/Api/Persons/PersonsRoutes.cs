using Slate.Api.Shots;
using Slate.Http;
using static Slate.Api.Persons.PersonTimeService;
using static Slate.Data.Periods;

namespace Slate.Api.Persons;

/// <summary>
/// Zou's persons blueprint, in Zou's order: desktop login logs, the presence sheet, time spents
/// (raw and per period), quotas, the studio's time tables and day offs, then the account actions
/// of admins (invitation, reset link, departments, password, second factors, avatar). Rules live
/// in <see cref="PersonTimeService"/>, <see cref="PresenceService"/>, the shots area's quota
/// counting and <see cref="PersonAccountsService"/>.
/// </summary>
public static class PersonsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/persons/{person_id}/desktop-login-logs", async (string person_id, PresenceService presence) =>
                ZouJson.Result(await presence.PersonLoginsAsync(person_id)))
            .WithSummary("A person's desktop login logs, latest first (the person, managers and admins)");
        routes.Post("/data/persons/{person_id}/desktop-login-logs", async (string person_id, HttpRequest request, PresenceService presence) =>
                ZouJson.Result(await presence.AddPersonLoginAsync(person_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Log a desktop login of a person at a date, now by default (the person or an admin)");
        routes.Get("/data/persons/presence-logs/{month_date}", async (string month_date, HttpResponse response, PresenceService presence) =>
            {
                var csv = await presence.PresenceCsvAsync(month_date);
                response.Headers.ContentDisposition = "attachment; filename=kitsu_export.csv";
                return Results.Text(csv, "text/csv");
            })
            .WithSummary("Admins: the month's presence sheet (YYYY-MM) as CSV, an X on each day a person logged in");
        routes.Get("/data/persons/{person_id}/time-spents", async (string person_id, string? start_date, string? end_date, PersonTimeService time) =>
                ZouJson.Result(await time.PersonTimeSpentsAsync(person_id, start_date, end_date)))
            .WithSummary("Admins: a person's time spents, between start_date and end_date when given");
        routes.Get("/data/persons/{person_id}/time-spents/{date}", async (string person_id, string date, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayTimeSpentsAsync(person_id, date)))
            .WithSummary("A person's time spents of a day (the person, admins, managers and supervisors on their projects)");
        routes.Get("/data/persons/{person_id}/day-offs/{date}", async (string person_id, string date, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayOffAsync(person_id, date)))
            .WithSummary("The person's day off covering a date, or {} (the person and admins)");
        routes.Get("/data/persons/{person_id}/time-spents/year/{year}", async (string person_id, string year, string? project_id, PersonTimeService time) =>
                ZouJson.Result(await time.PeriodTotalsAsync(person_id, () => Year(year, "Invalid date format."), project_id)))
            .WithSummary("A person's time of a year, one total per task");
        routes.Get("/data/persons/{person_id}/time-spents/month/{year}/{month}", async (string person_id, string year, string month, string? project_id, PersonTimeService time) =>
                ZouJson.Result(await time.PeriodTotalsAsync(person_id, () => Month(year, month, "Invalid date format."), project_id)))
            .WithSummary("A person's time of a month, one total per task");
        routes.Get("/data/persons/{person_id}/time-spents/month/all/{year}/{month}", async (string person_id, string year, string month, PersonTimeService time) =>
                ZouJson.Result(await time.MonthAllTimeSpentsAsync(person_id, year, month)))
            .WithSummary("Every time spent of a person in a month, on all projects (the person and admins)");
        routes.Get("/data/persons/{person_id}/time-spents/week/{year}/{week}", async (string person_id, string year, string week, string? project_id, PersonTimeService time) =>
                ZouJson.Result(await time.PeriodTotalsAsync(person_id, () => Week(year, week, "Invalid month or year."), project_id)))
            .WithSummary("A person's time of an ISO week, one total per task");
        routes.Get("/data/persons/{person_id}/time-spents/day/{year}/{month}/{day}", async (string person_id, string year, string month, string day, string? project_id, PersonTimeService time) =>
                ZouJson.Result(await time.PeriodTotalsAsync(person_id, () => OneDay(year, month, day, "Invalid month or year."), project_id)))
            .WithSummary("A person's time of a day, one total per task");
        routes.Get("/data/persons/{person_id}/quota-shots/month/{year}/{month}", async (string person_id, string year, string month, HttpRequest request, ProductionStatsService stats) =>
                ZouJson.Result(await stats.PersonQuotaShotsAsync(person_id, () => Month(year, month, "Invalid month or year."), request.Query)))
            .WithSummary("The shots a person's quota counts in a month, weighted (project_id, task_type_id, count_mode)");
        routes.Get("/data/persons/{person_id}/quota-shots/week/{year}/{week}", async (string person_id, string year, string week, HttpRequest request, ProductionStatsService stats) =>
                ZouJson.Result(await stats.PersonQuotaShotsAsync(person_id, () => Week(year, week, "Invalid month or year."), request.Query)))
            .WithSummary("The shots a person's quota counts in an ISO week, weighted (project_id, task_type_id, count_mode)");
        routes.Get("/data/persons/{person_id}/quota-shots/day/{year}/{month}/{day}", async (string person_id, string year, string month, string day, HttpRequest request, ProductionStatsService stats) =>
                ZouJson.Result(await stats.PersonQuotaShotsAsync(person_id, () => OneDay(year, month, day, "Invalid month or year."), request.Query)))
            .WithSummary("The shots a person's quota counts in a day, weighted (project_id, task_type_id, count_mode)");
        routes.Get("/data/persons/time-spents/year-table", async (HttpRequest request, PersonTimeService time) =>
                ZouJson.Result(await time.TableAsync(TableUnit.Year, null, request.Query)))
            .WithSummary("Time totals per year and person (filters: project_id, department_id, studio_id)");
        routes.Get("/data/persons/time-spents/month-table/{year}", async (string year, HttpRequest request, PersonTimeService time) =>
                ZouJson.Result(await time.TableAsync(TableUnit.Month, () => Year(year, "Invalid month or year."), request.Query)))
            .WithSummary("Time totals per month and person over a year");
        routes.Get("/data/persons/time-spents/week-table/{year}", async (string year, HttpRequest request, PersonTimeService time) =>
                ZouJson.Result(await time.TableAsync(TableUnit.Week, () => Year(year, "Invalid month or year."), request.Query)))
            .WithSummary("Time totals per ISO week and person over a year");
        routes.Get("/data/persons/time-spents/day-table/{year}/{month}", async (string year, string month, HttpRequest request, PersonTimeService time) =>
                ZouJson.Result(await time.TableAsync(TableUnit.Day, () => Month(year, month, "Invalid month or year."), request.Query)))
            .WithSummary("Time totals per day and person over a month");
        routes.Get("/data/persons/day-offs/{year}/{month}", async (string year, string month, PersonTimeService time) =>
                ZouJson.Result(await time.MonthDayOffsAsync(year, month)))
            .WithSummary("The day offs of a month: everybody's for admins, one's own for everyone else");
        routes.Get("/data/persons/{person_id}/day-offs/week/{year}/{week}", async (string person_id, string year, string week, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayOffsAsync(person_id, () => Week(year, week, "Invalid date format."))))
            .WithSummary("A person's day offs overlapping an ISO week (the person and admins)");
        routes.Get("/data/persons/{person_id}/day-offs/month/{year}/{month}", async (string person_id, string year, string month, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayOffsAsync(person_id, () => Month(year, month, "Invalid date format."))))
            .WithSummary("A person's day offs overlapping a month (the person and admins)");
        routes.Get("/data/persons/{person_id}/day-offs/year/{year}", async (string person_id, string year, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayOffsAsync(person_id, () => Year(year, "Invalid date format."))))
            .WithSummary("A person's day offs overlapping a year (the person and admins)");
        routes.Get("/data/persons/{person_id}/day-offs", async (string person_id, PersonTimeService time) =>
                ZouJson.Result(await time.PersonDayOffsAsync(person_id, null)))
            .WithSummary("All day offs of a person (the person and admins)");
        routes.Get("/actions/persons/{person_id}/invite", async (string person_id, PersonAccountsService accounts) =>
                ZouJson.Result(await accounts.InviteAsync(person_id)))
            .WithSummary("Email an invitation to a person (admin)");
        routes.Post("/actions/persons/{person_id}/reset-password-link", async (string person_id, PersonAccountsService accounts) =>
                ZouJson.Result(await accounts.ResetPasswordLinkAsync(person_id)))
            .WithSummary("Generate a password reset link for a person (admin)");
        routes.Post("/actions/persons/{person_id}/departments/add", async (string person_id, HttpRequest request, PersonAccountsService accounts) =>
                ZouJson.Result(await accounts.AddToDepartmentAsync(person_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a person to a department (admin)");
        routes.Delete("/actions/persons/{person_id}/departments/{department_id}", async (string person_id, string department_id, PersonAccountsService accounts) =>
            {
                await accounts.RemoveFromDepartmentAsync(person_id, department_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a person from a department (admin)");
        routes.Post("/actions/persons/{person_id}/change-password", async (string person_id, HttpRequest request, PersonAccountsService accounts) =>
                ZouJson.Result(await accounts.ChangePasswordAsync(person_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Set another person's password (admin)");
        routes.Delete("/actions/persons/{person_id}/disable-two-factor-authentication", async (string person_id, PersonAccountsService accounts) =>
                ZouJson.Result(await accounts.DisableTwoFactorAsync(person_id)))
            .WithSummary("Turn off a person's two-factor authentication (admin)");
        routes.Delete("/actions/persons/{person_id}/clear-avatar", async (string person_id, PersonAccountsService accounts) =>
            {
                await accounts.ClearAvatarAsync(person_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a person's avatar (admin)");
    }
}
