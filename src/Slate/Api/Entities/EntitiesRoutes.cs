using Slate.Http;

namespace Slate.Api.Entities;

/// <summary>
/// Zou's entities blueprint (behavior-production.md §1.5), in Zou's order: what any kind of
/// entity offers. Rules live in <see cref="EntityService"/>.
/// </summary>
public static class EntitiesRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/entities/{entity_id}/news", async (string entity_id, EntityService entities) =>
                ZouJson.Result(await entities.NewsAsync(entity_id)))
            .WithSummary("List the news of an entity's tasks, newest first");
        routes.Get("/data/entities/{entity_id}/preview-files", async (string entity_id, EntityService entities) =>
                ZouJson.Result(await entities.PreviewFilesAsync(entity_id)))
            .WithSummary("List the previews of an entity's tasks");
        routes.Get("/data/entities/{entity_id}/time-spents", async (string entity_id, EntityService entities) =>
                ZouJson.Result(await entities.TimeSpentsAsync(entity_id)))
            .WithSummary("List the time spent on an entity's tasks");
        routes.Post("/data/entities/{entity_id}/tasks", async (string entity_id, HttpRequest request, EntityService entities) =>
                ZouJson.Result(await entities.CreateTasksAsync(entity_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create the main task of each task type given (or of every valid type) for an entity");
        routes.Get("/data/entities/{entity_id}/entities-linked/with-tasks",
                async (string entity_id, EntityService entities, WithTasksService withTasks) =>
                    await withTasks.LinkedAsync(await entities.FindAsync(entity_id, null)))
            .WithSummary("List the entities concept-linked to an entity, with their tasks");
        routes.Post("/actions/projects/{project_id}/delete-entities", async (string project_id, HttpRequest request, EntityService entities) =>
                ZouJson.Result(await entities.RemoveManyAsync(project_id, await RequestBody.ReadJsonAsync(request), request.Query["force"] == "true")))
            .WithSummary("Cancel or delete a project's shots, edits, concepts and assets given by id");
    }
}
