using Slate.Api.Entities;
using Slate.Data;
using Slate.Http;

namespace Slate.Api.Assets;

/// <summary>
/// Zou's assets blueprint (behavior-production.md §1.2-1.10, §7), in Zou's order. Rules live in
/// <see cref="AssetsService"/> and the shared entity rules in <see cref="Entities.EntityService"/>.
/// </summary>
public static class AssetsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/asset-types", async (HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.AssetTypesAsync(request.Query)))
            .WithSummary("List asset types (entity types that are not temporal), with their workflow");
        routes.Get("/data/asset-types/{asset_type_id}", async (string asset_type_id, AssetsService assets) =>
                ZouJson.Result(await assets.AssetTypeAsync(asset_type_id)))
            .WithSummary("Get an asset type with its workflow");
        routes.Get("/data/assets", async (HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.AssetsAsync(request.Query)))
            .WithSummary("List the assets of the caller's projects, filtered by the query");
        routes.Get("/data/assets/all", async (HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.AssetsAsync(request.Query)))
            .WithSummary("List the assets of the caller's projects, filtered by the query (alias)");
        routes.Get("/data/assets/with-tasks", async (HttpRequest request, WithTasksService withTasks) =>
                await withTasks.AssetsAsync(request.Query))
            .WithSummary("List assets with their tasks (project_id, episode_id; compact=true, stream=true for NDJSON)");
        routes.Get("/data/assets/{asset_id}", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.FullAssetAsync(asset_id)))
            .WithSummary("Get an asset with its project and type names, tasks and episodes");
        routes.Delete("/data/assets/{asset_id}", async (string asset_id, HttpRequest request, AssetsService assets) =>
            {
                await assets.RemoveAsync(asset_id, request.Query["force"] == "true");
                return Results.NoContent();
            })
            .WithSummary("Cancel an asset that has tasks, or delete it (always with ?force=true)");
        routes.Get("/data/assets/{asset_id}/assets", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.CastAssetsAsync(asset_id)))
            .WithSummary("List the assets cast in an asset");
        routes.Get("/data/assets/{asset_id}/tasks", async (string asset_id, HttpRequest request, EntityService entities) =>
                ZouJson.Result(await entities.TasksOfAsync(asset_id, EntityKinds.Asset, request.Query["relations"] == "true")))
            .WithSummary("List an asset's tasks with project, type, status and entity names");
        routes.Get("/data/assets/{asset_id}/task-types", async (string asset_id, EntityService entities) =>
                ZouJson.Result(await entities.TaskTypesOfAsync(asset_id, EntityKinds.Asset)))
            .WithSummary("List the task types an asset has tasks of");
        routes.Get("/data/assets/{asset_id}/cast-in", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.CastInAsync(asset_id)))
            .WithSummary("List the shots, then the assets, an asset is cast in");
        routes.Get("/data/assets/{asset_id}/casting", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.CastingAsync(asset_id)))
            .WithSummary("List the assets cast in an asset with their occurrences and labels");
        routes.Put("/data/assets/{asset_id}/casting", async (string asset_id, HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.ReplaceCastingAsync(asset_id, await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Replace the assets cast in an asset");
        routes.Get("/data/assets/{asset_id}/shot-asset-instances", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.ShotInstancesAsync(asset_id)))
            .WithSummary("List an asset's instances listed in shots, by shot");
        routes.Get("/data/assets/{asset_id}/scene-asset-instances", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.SceneInstancesAsync(asset_id)))
            .WithSummary("List an asset's instances, by scene");
        routes.Get("/data/assets/{asset_id}/asset-asset-instances", async (string asset_id, AssetsService assets) =>
                ZouJson.Result(await assets.InstancesInsideAsync(asset_id)))
            .WithSummary("List the asset instances placed inside an asset, by instantiated asset");
        routes.Post("/data/assets/{asset_id}/asset-asset-instances", async (string asset_id, HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.AddInstanceInsideAsync(asset_id, await RequestBody.ReadFieldsAsync(request)),
                    StatusCodes.Status201Created))
            .WithSummary("Place a new instance of another asset inside an asset");
        routes.Get("/data/projects/{project_id}/asset-types/{asset_type_id}/assets",
                async (string project_id, string asset_type_id, HttpRequest request, AssetsService assets) =>
                    ZouJson.Result(await assets.ProjectAssetsAsync(project_id, asset_type_id, request.Query)))
            .WithSummary("List a project's assets of one asset type");
        routes.Post("/data/projects/{project_id}/asset-types/{asset_type_id}/assets/new",
                async (string project_id, string asset_type_id, HttpRequest request, AssetsService assets) =>
                    ZouJson.Result(await assets.CreateAsync(project_id, asset_type_id, await RequestBody.ReadFieldsAsync(request)),
                        StatusCodes.Status201Created))
            .WithSummary("Create an asset, or answer the existing asset of that name");
        routes.Get("/data/projects/{project_id}/asset-types", async (string project_id, AssetsService assets) =>
                ZouJson.Result(await assets.ProjectAssetTypesAsync(project_id)))
            .WithSummary("List the asset types of a project's assets");
        routes.Get("/data/shots/{shot_id}/asset-types", async (string shot_id, AssetsService assets) =>
                ZouJson.Result(await assets.ShotAssetTypesAsync(shot_id)))
            .WithSummary("List the asset types of the assets cast in a shot");
        routes.Get("/data/projects/{project_id}/assets", async (string project_id, HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.ProjectAssetsAsync(project_id, null, request.Query)))
            .WithSummary("List a project's assets, filtered by the query");
        routes.Post("/actions/assets/share", async (HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.ShareAsync(await RequestBody.ReadFieldsAsync(request))))
            .WithSummary("Share the assets given with other projects, or stop sharing them");
        routes.Post("/actions/projects/{project_id}/assets/share", async (string project_id, HttpRequest request, AssetsService assets) =>
                ZouJson.Result(await assets.ShareAsync(await RequestBody.ReadFieldsAsync(request), project_id)))
            .WithSummary("Share a project's assets (all, or the ones given) with other projects, or stop sharing them");
        routes.Post("/actions/projects/{project_id}/asset-types/{asset_type_id}/assets/share",
                async (string project_id, string asset_type_id, HttpRequest request, AssetsService assets) =>
                    ZouJson.Result(await assets.ShareAsync(await RequestBody.ReadFieldsAsync(request), project_id, asset_type_id)))
            .WithSummary("Share a project's assets of one asset type with other projects, or stop sharing them");
        routes.Get("/data/projects/{project_id}/assets/shared-used", async (string project_id, AssetsService assets) =>
                ZouJson.Result(await assets.SharedUsedAsync(project_id)))
            .WithSummary("List the shared assets of other projects cast in a project's shots");
        routes.Get("/data/projects/{project_id}/episodes/{episode_id}/assets/shared-used",
                async (string project_id, string episode_id, AssetsService assets) =>
                    ZouJson.Result(await assets.SharedUsedAsync(project_id, episode_id)))
            .WithSummary("List the shared assets of other projects cast in the shots of one of a project's episodes");
    }
}
