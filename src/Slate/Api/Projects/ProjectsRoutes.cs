using Slate.Http;

namespace Slate.Api.Projects;

/// <summary>
/// The projects blueprint (behavior-production.md §2.4-2.6), in Zou's order: listings, team and
/// settings. Rules live in <see cref="ProjectsService"/>.
/// </summary>
public static class ProjectsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/projects/open", async (string? name, ProjectsService projects) =>
                ZouJson.Result(await projects.OpenProjectsAsync(name)))
            .WithSummary("Open projects (the caller's for non-admins) with descriptors, task type priorities and status links");
        routes.Get("/data/projects/all", async (string? name, ProjectsService projects) =>
                ZouJson.Result(await projects.AllProjectsAsync(name)))
            .WithSummary("Every project with its status name for admins; the caller's team projects for others");
        routes.Get("/data/projects/{project_id}/team", async (string project_id, ProjectsService projects) =>
                ZouJson.Result(await projects.TeamAsync(project_id)))
            .WithSummary("The project's team, each with their project role");
        routes.Post("/data/projects/{project_id}/team", async (string project_id, HttpRequest request, ProjectsService projects) =>
                ZouJson.Result(await projects.AddTeamMemberAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Add a person to the project's team, with an optional project role");
        routes.Put("/data/projects/{project_id}/team/{person_id}", async (string project_id, string person_id, HttpRequest request, ProjectsService projects) =>
                ZouJson.Result(await projects.SetTeamRoleAsync(project_id, person_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Set or reset a team member's role in the project");
        routes.Delete("/data/projects/{project_id}/team/{person_id}", async (string project_id, string person_id, ProjectsService projects) =>
            {
                await projects.RemoveTeamMemberAsync(project_id, person_id);
                return Results.NoContent();
            })
            .WithSummary("Remove a person from the project's team");
    }
}
