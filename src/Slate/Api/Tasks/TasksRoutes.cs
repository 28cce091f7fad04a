using Slate.Http;

namespace Slate.Api.Tasks;

/// <summary>
/// Zou's tasks blueprint (behavior-production.md §3), in Zou's order: task reads,
/// bulk deletion, assignation, priority, time spent, bulk creation. Rules live in the area's services.
/// </summary>
public static class TasksRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/tasks/open-tasks", async (HttpRequest request, OpenTasksService openTasks) =>
                ZouJson.Result(await openTasks.ListAsync(request.Query)))
            .WithSummary("List the open tasks of the caller's productions, filtered and paginated, with their stats");
        routes.Get("/data/tasks/open-tasks/stats", async (OpenTasksService openTasks) =>
                ZouJson.Result(await openTasks.StatsAsync()))
            .WithSummary("Count the open tasks of the caller's productions per project, task type and status");
        routes.Get("/data/tasks/{task_id}/previews", async (string task_id, TasksService tasks) =>
                ZouJson.Result(await tasks.PreviewsAsync(task_id)))
            .WithSummary("List the previews of a task, newest revision first");
        routes.Get("/data/tasks/{task_id}/full", async (string task_id, TasksService tasks) =>
                ZouJson.Result(await tasks.FullAsync(task_id)))
            .WithSummary("Get a task with its entity, project, type, status, assignees and assigner");
        routes.Get("/data/persons/{person_id}/tasks", async (string person_id, PersonTasksService personTasks) =>
                ZouJson.Result(await personTasks.TasksAsync(person_id, done: false)))
            .WithSummary("List a person's unfinished tasks in open projects");
        routes.Get("/data/persons/{person_id}/related-tasks/{task_type_id}", async (string person_id, string task_type_id, PersonTasksService personTasks) =>
                ZouJson.Result(await personTasks.RelatedAsync(person_id, task_type_id)))
            .WithSummary("List the tasks of a task type on the entities a person works on");
        routes.Get("/data/persons/{person_id}/done-tasks", async (string person_id, PersonTasksService personTasks) =>
                ZouJson.Result(await personTasks.TasksAsync(person_id, done: true)))
            .WithSummary("List a person's finished tasks in open projects");
        routes.Get("/data/entities/{entity_id}/task-types/{task_type_id}/tasks", async (string entity_id, string task_type_id, TasksService tasks) =>
                ZouJson.Result(await tasks.EntityTasksAsync(entity_id, task_type_id)))
            .WithSummary("List the tasks of an entity for a task type");
        routes.Get("/data/projects/{project_id}/tasks", async (string project_id, HttpRequest request, TasksService tasks) =>
                ZouJson.Result(await tasks.ProjectTasksAsync(project_id, request.Query)))
            .WithSummary("List the tasks of a project with their assignees, paginated with ?page=");
        routes.Get("/data/persons/task-dates", async (HttpRequest request, TaskDatesService dates) =>
                ZouJson.Result(await dates.ListAsync(request.Query)))
            .WithSummary("List each active person's first task start and last task due date, for the schedule");
        routes.Delete("/actions/projects/{project_id}/task-types/{task_type_id}/delete-tasks",
                async (string project_id, string task_type_id, BulkTasksService bulk) =>
                {
                    await bulk.DeleteForTaskTypeAsync(project_id, task_type_id);
                    return Results.NoContent();
                })
            .WithSummary("Delete every task of a task type in a project, with what goes with them");
        routes.Post("/actions/projects/{project_id}/delete-tasks", async (string project_id, HttpRequest request, BulkTasksService bulk) =>
                ZouJson.Result(await bulk.DeleteAsync(project_id, await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Delete the listed tasks of a project, with what goes with them");
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
        MapCreateTasks(routes, "shots", "Shot");
        MapCreateTasks(routes, "assets", "Asset");
        MapCreateTasks(routes, "edits", "Edit");
        MapCreateTasks(routes, "concepts", "Concept");
        routes.Post("/actions/projects/{project_id}/task-types/{task_type_id}/create-tasks/{entity_type}",
                async (string project_id, string task_type_id, string entity_type, HttpRequest request, BulkTasksService bulk) =>
                    ZouJson.Result(await bulk.CreateForTypeAsync(project_id, task_type_id, entity_type, request), StatusCodes.Status201Created))
            .WithSummary("Create a task of a task type for the listed entities of a named type, or all of them");
    }

    /// <summary>.../task-types/&lt;id&gt;/&lt;path&gt;/create-tasks for one kind of entity (the four routes differ only by it).</summary>
    static void MapCreateTasks(IEndpointRouteBuilder routes, string path, string kind) =>
        routes.Post($"/actions/projects/{{project_id}}/task-types/{{task_type_id}}/{path}/create-tasks",
                async (string project_id, string task_type_id, HttpRequest request, BulkTasksService bulk) =>
                    ZouJson.Result(await bulk.CreateForKindAsync(project_id, task_type_id, kind, request), StatusCodes.Status201Created))
            .WithSummary($"Create a task of a task type for the listed {path} of a project, or for all of them");
}
