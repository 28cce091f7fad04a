using Slate.Api.Entities;
using Slate.Http;

namespace Slate.Api.Shots;

/// <summary>
/// Zou's shots blueprint (behavior-production.md §1.3-1.8), in Zou's order. Rules live in
/// <see cref="ShotsService"/> and the shared entity rules in <see cref="Entities.EntityService"/>.
/// </summary>
public static class ShotsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/shots", async (HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ShotsAsync(request.Query)))
            .WithSummary("List the shots of the caller's projects with project and sequence names (sequence_id: one sequence's)");
        routes.Get("/data/shots/all", async (HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ShotsAsync(request.Query)))
            .WithSummary("List the shots of the caller's projects with project and sequence names (alias)");
        routes.Get("/data/shots/with-tasks", async (HttpRequest request, WithTasksService withTasks) =>
                await withTasks.ShotsAsync(request.Query))
            .WithSummary("List a project's shots with their tasks (episode_id; compact=true, stream=true for NDJSON)");
        routes.Get("/data/shots/{shot_id}", async (string shot_id, ShotsService shots) =>
                ZouJson.Result(await shots.FullShotAsync(shot_id)))
            .WithSummary("Get a shot with its sequence, episode and project names, frames, tasks and relations");
        routes.Put("/data/shots/{shot_id}", async (string shot_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.UpdateShotAsync(shot_id, await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Replace the columns given of a shot (data included, no merge)");
        routes.Delete("/data/shots/{shot_id}", async (string shot_id, HttpRequest request, ShotsService shots) =>
            {
                await shots.RemoveShotAsync(shot_id, request.Query["force"] == "true");
                return Results.NoContent();
            })
            .WithSummary("Cancel a shot that has tasks, or delete it (always with ?force=true)");
        routes.Get("/data/shots/{shot_id}/assets", async (string shot_id, ShotsService shots) =>
                ZouJson.Result(await shots.ShotAssetsAsync(shot_id)))
            .WithSummary("List the assets cast in a shot");
        routes.Get("/data/shots/{shot_id}/task-types", async (string shot_id, EntityService entities) =>
                ZouJson.Result(await entities.TaskTypesOfAsync(shot_id, "Shot")))
            .WithSummary("List the task types a shot has tasks of");
        routes.Get("/data/shots/{shot_id}/tasks", async (string shot_id, HttpRequest request, EntityService entities) =>
                ZouJson.Result(await entities.TasksOfAsync(shot_id, "Shot", request.Query["relations"] == "true")))
            .WithSummary("List a shot's tasks with project, type, status and entity names");
        routes.Get("/data/shots/{shot_id}/preview-files", async (string shot_id, ShotsService shots) =>
                ZouJson.Result(await shots.ShotPreviewFilesAsync(shot_id)))
            .WithSummary("List a shot's previews by task type, revisions grouped");
        routes.Get("/data/shots/{shot_id}/versions", async (string shot_id, ShotsService shots) =>
                ZouJson.Result(await shots.ShotVersionsAsync(shot_id)))
            .WithSummary("List the saved versions of a shot's name and data, newest first");
        routes.Get("/data/scenes/all", async (HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ScenesAsync(request.Query)))
            .WithSummary("List the scenes of the caller's projects with project and sequence names");
        routes.Get("/data/scenes/with-tasks", async (HttpRequest request, WithTasksService withTasks) =>
                await withTasks.EntitiesAsync("Scene", request.Query))
            .WithSummary("List a project's scenes with their tasks");
        routes.Get("/data/scenes/{scene_id}", async (string scene_id, ShotsService shots) =>
                ZouJson.Result(await shots.FullSceneAsync(scene_id)))
            .WithSummary("Get a scene with its project, sequence and episode names");
        routes.Delete("/data/scenes/{scene_id}", async (string scene_id, ShotsService shots) =>
            {
                await shots.RemoveSceneAsync(scene_id);
                return Results.NoContent();
            })
            .WithSummary("Delete a scene, or cancel it while other rows still point at it");
        routes.Get("/data/scenes/{scene_id}/tasks", async (string scene_id, EntityService entities) =>
                ZouJson.Result(await entities.TasksOfAsync(scene_id, "Scene", relations: false)))
            .WithSummary("List a scene's tasks with project, type, status and entity names");
        routes.Get("/data/scenes/{scene_id}/task-types", async (string scene_id, EntityService entities) =>
                ZouJson.Result(await entities.TaskTypesOfAsync(scene_id, "Scene")))
            .WithSummary("List the task types a scene has tasks of");
        routes.Get("/data/scenes/{scene_id}/shots", async (string scene_id, ShotsService shots) =>
                ZouJson.Result(await shots.SceneShotsAsync(scene_id)))
            .WithSummary("List the shots made from a scene, with project and sequence names");
        routes.Post("/data/scenes/{scene_id}/shots", async (string scene_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.AddShotToSceneAsync(scene_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Make a scene the source of a shot of its project");
        routes.Delete("/data/scenes/{scene_id}/shots/{shot_id}", async (string scene_id, string shot_id, ShotsService shots) =>
            {
                await shots.RemoveShotFromSceneAsync(scene_id, shot_id);
                return Results.NoContent();
            })
            .WithSummary("Unlink a shot from the scene it was made from");
        routes.Get("/data/episodes", async (HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodesAsync(request.Query)))
            .WithSummary("List the episodes of the caller's projects, filtered by the query");
        routes.Get("/data/episodes/with-tasks", async (HttpRequest request, WithTasksService withTasks) =>
                await withTasks.EntitiesAsync("Episode", request.Query))
            .WithSummary("List a project's episodes with their tasks");
        routes.Get("/data/episodes/{episode_id}", async (string episode_id, ShotsService shots) =>
                ZouJson.Result(await shots.FullEpisodeAsync(episode_id)))
            .WithSummary("Get an episode with its project name");
        routes.Delete("/data/episodes/{episode_id}", async (string episode_id, HttpRequest request, ShotsService shots) =>
            {
                await shots.RemoveEpisodeAsync(episode_id, request.Query["force"] == "true");
                return Results.NoContent();
            })
            .WithSummary("Delete an episode with nothing under it, or with its sequences, assets and playlists (?force=true)");
        routes.Get("/data/episodes/{episode_id}/shots", async (string episode_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodeShotsAsync(episode_id, request.Query["relations"] == "true")))
            .WithSummary("List the shots of an episode's sequences");
        routes.Get("/data/episodes/{episode_id}/sequences", async (string episode_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodeSequencesAsync(episode_id, request.Query)))
            .WithSummary("List an episode's sequences, filtered by the query");
        routes.Get("/data/episodes/{episode_id}/tasks", async (string episode_id, EntityService entities) =>
                ZouJson.Result(await entities.TasksOfAsync(episode_id, "Episode", relations: false)))
            .WithSummary("List an episode's own tasks with project, type, status and entity names");
        routes.Get("/data/episodes/{episode_id}/task-types", async (string episode_id, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodeTaskTypesAsync(episode_id)))
            .WithSummary("List the task types of the tasks of an episode's shots");
        routes.Get("/data/episodes/{episode_id}/shot-tasks", async (string episode_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodeShotTasksAsync(episode_id, request.Query["relations"] == "true")))
            .WithSummary("List the tasks of an episode's shots (not for vendors)");
        routes.Get("/data/episodes/{episode_id}/asset-tasks", async (string episode_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.EpisodeAssetTasksAsync(episode_id, request.Query["relations"] == "true")))
            .WithSummary("List the tasks of the assets whose main episode it is (not for vendors)");
        routes.Get("/data/sequences", async (HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.SequencesAsync(request.Query)))
            .WithSummary("List the sequences of the caller's projects, filtered by the query (episode_id: one episode's)");
        routes.Get("/data/sequences/with-tasks", async (HttpRequest request, WithTasksService withTasks) =>
                await withTasks.EntitiesAsync("Sequence", request.Query))
            .WithSummary("List a project's sequences with their tasks (episode_id: one episode's)");
        routes.Get("/data/sequences/{sequence_id}", async (string sequence_id, ShotsService shots) =>
                ZouJson.Result(await shots.FullSequenceAsync(sequence_id)))
            .WithSummary("Get a sequence with its project and episode names");
        routes.Delete("/data/sequences/{sequence_id}", async (string sequence_id, HttpRequest request, ShotsService shots) =>
            {
                await shots.RemoveSequenceAsync(sequence_id, request.Query["force"] == "true");
                return Results.NoContent();
            })
            .WithSummary("Delete a sequence with nothing under it, or with its shots and scenes (?force=true)");
        routes.Get("/data/sequences/{sequence_id}/shots", async (string sequence_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.SequenceShotsAsync(sequence_id, request.Query)))
            .WithSummary("List a sequence's shots with project and sequence names");
        routes.Get("/data/sequences/{sequence_id}/scenes", async (string sequence_id, ShotsService shots) =>
                ZouJson.Result(await shots.SequenceScenesAsync(sequence_id)))
            .WithSummary("List a sequence's scenes");
        routes.Get("/data/sequences/{sequence_id}/tasks", async (string sequence_id, HttpRequest request, EntityService entities) =>
                ZouJson.Result(await entities.TasksOfAsync(sequence_id, "Sequence", request.Query["relations"] == "true")))
            .WithSummary("List a sequence's own tasks with project, type, status and entity names");
        routes.Get("/data/sequences/{sequence_id}/task-types", async (string sequence_id, ShotsService shots) =>
                ZouJson.Result(await shots.SequenceTaskTypesAsync(sequence_id)))
            .WithSummary("List the task types of the tasks of a sequence's shots");
        routes.Get("/data/sequences/{sequence_id}/shot-tasks", async (string sequence_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.SequenceShotTasksAsync(sequence_id, request.Query["relations"] == "true")))
            .WithSummary("List the tasks of a sequence's shots (not for vendors)");
        routes.Get("/data/projects/{project_id}/shots", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ProjectShotsAsync(project_id, request.Query)))
            .WithSummary("List a project's shots");
        routes.Post("/data/projects/{project_id}/shots", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.CreateShotAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create a shot, or answer the existing shot of that name in the sequence");
        routes.Get("/data/projects/{project_id}/scenes", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ProjectScenesAsync(project_id, request.Query)))
            .WithSummary("List a project's scenes");
        routes.Post("/data/projects/{project_id}/scenes", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.CreateSceneAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create a scene, or answer the existing scene of that name in the sequence");
        routes.Get("/data/projects/{project_id}/sequences", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ProjectSequencesAsync(project_id, request.Query)))
            .WithSummary("List a project's sequences");
        routes.Post("/data/projects/{project_id}/sequences", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.CreateSequenceAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create a sequence, or answer the existing sequence of that name in the episode");
        routes.Get("/data/projects/{project_id}/episodes", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.ProjectEpisodesAsync(project_id, request.Query)))
            .WithSummary("List a project's episodes");
        routes.Post("/data/projects/{project_id}/episodes", async (string project_id, HttpRequest request, ShotsService shots) =>
                ZouJson.Result(await shots.CreateEpisodeAsync(project_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Create an episode, or answer the existing episode of that name");
        routes.Get("/data/projects/{project_id}/episodes/stats", async (string project_id, ProductionStatsService stats) =>
                ZouJson.Result(await stats.EpisodeStatsAsync(project_id)))
            .WithSummary("Count a project's tasks, frames and drawings per episode, task type and task status");
        routes.Get("/data/projects/{project_id}/episodes/retake-stats", async (string project_id, ProductionStatsService stats) =>
                ZouJson.Result(await stats.EpisodeRetakeStatsAsync(project_id)))
            .WithSummary("Count a project's done, retake and other tasks per episode and task type, take by take");
        routes.Get("/data/projects/{project_id}/quotas/{task_type_id}",
                async (string project_id, string task_type_id, HttpRequest request, ProductionStatsService stats) =>
                    ZouJson.Result(await stats.QuotasAsync(project_id, task_type_id, request.Query)))
            .WithSummary("Frames and shots each person delivered on a task type, per day, week, month and year");
        routes.Get("/data/projects/{project_id}/quotas/persons/{person_id}",
                async (string project_id, string person_id, HttpRequest request, ProductionStatsService stats) =>
                    ZouJson.Result(await stats.PersonQuotasAsync(project_id, person_id, request.Query)))
            .WithSummary("Frames and shots a person delivered in a project per task type, per day, week, month and year");
        routes.Post("/actions/projects/{project_id}/task-types/{task_type_id}/set-shot-nb-frames",
                async (string project_id, string task_type_id, HttpRequest request, ShotsService shots) =>
                    ZouJson.Result(await shots.SetShotFramesAsync(project_id, task_type_id, request.Query["episode_id"])))
            .WithSummary("Set the frame count of a project's shots from their latest preview of a task type");
    }
}
