using Slate.Http;

namespace Slate.Api.Persons;

/// <summary>
/// The account actions of Zou's persons blueprint, in Zou's order, and the user's own avatar
/// clearing (user blueprint), which shares its rule. Rules live in <see cref="PersonAccountsService"/>.
/// </summary>
public static class PersonAccountsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
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
        routes.PersonsOnly().Delete("/actions/user/clear-avatar", async (PersonAccountsService accounts) =>
            {
                await accounts.ClearOwnAvatarAsync();
                return Results.NoContent();
            })
            .WithSummary("Remove the current user's avatar");
    }
}
