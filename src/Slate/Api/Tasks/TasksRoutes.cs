using Slate.Http;

namespace Slate.Api.Tasks;

/// <summary>
/// Zou's tasks blueprint (behavior-production.md §3), in Zou's order: assignation, priority,
/// time spent. Rules live in the area's services.
/// </summary>
public static class TasksRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Put("/actions/tasks/{task_id}/assign", async (string task_id, HttpRequest request, AssignationsService assignations) =>
                ZouJson.Result(await assignations.AssignAsync(task_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Assign a task to a person");
        routes.Put("/actions/tasks/clear-assignation", async (HttpRequest request, AssignationsService assignations) =>
                ZouJson.Result(await assignations.ClearAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Remove a person, or every assignee, from the listed tasks");
        routes.Put("/actions/tasks/set-priority", async (HttpRequest request, AssignationsService assignations) =>
                ZouJson.Result(await assignations.SetPriorityAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Set the priority of the listed tasks");
        routes.Put("/actions/persons/{person_id}/assign", async (string person_id, HttpRequest request, AssignationsService assignations) =>
                ZouJson.Result(await assignations.AssignTasksAsync(person_id, await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Assign the listed tasks to a person");
        routes.Get("/actions/tasks/{task_id}/time-spents/{date}", async (string task_id, string date, TimeSpentsService timeSpents) =>
                ZouJson.Result(await timeSpents.ListAsync(task_id, date)))
            .WithSummary("List the time spent on a task on a day, by person, with the total");
        routes.Get("/actions/tasks/{task_id}/time-spents", async (string task_id, TimeSpentsService timeSpents) =>
                ZouJson.Result(await timeSpents.ListAsync(task_id, null)))
            .WithSummary("List the time spent on a task, by person, with the total");
        routes.Post("/actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}",
                async (string task_id, string date, string person_id, HttpRequest request, TimeSpentsService timeSpents) =>
                    ZouJson.Result(await timeSpents.SetAsync(task_id, date, person_id, await RequestBody.ReadFieldsAsync(request), add: false), StatusCodes.Status201Created))
            .WithSummary("Set a person's time on a task for a day");
        routes.Delete("/actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}",
                async (string task_id, string date, string person_id, TimeSpentsService timeSpents) =>
                    ZouJson.Result(await timeSpents.DeleteAsync(task_id, date, person_id), StatusCodes.Status201Created))
            .WithSummary("Delete a person's time on a task for a day (answers 201 with the row, as Zou)");
        routes.Post("/actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}/add",
                async (string task_id, string date, string person_id, HttpRequest request, TimeSpentsService timeSpents) =>
                    ZouJson.Result(await timeSpents.SetAsync(task_id, date, person_id, await RequestBody.ReadFieldsAsync(request), add: true), StatusCodes.Status201Created))
            .WithSummary("Add to a person's time on a task for a day");
    }
}
