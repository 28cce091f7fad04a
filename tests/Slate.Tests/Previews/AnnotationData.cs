using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Domain;
using Slate.Media;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>A task of a department's task type on an asset, its preview, and the project's manager.</summary>
public sealed record AnnotationScene(Project Project, Department Department, TaskType TaskType, Entity Asset, ProductionTask Task,
    PreviewFile Preview, Person Manager, HttpClient ManagerClient);

/// <summary>What the annotation tests share: the scene, a stored picture preview, and update-annotations bodies.</summary>
public static class AnnotationData
{
    public static readonly Rgba32 White = new(255, 255, 255, 255);

    public static async Task<AnnotationScene> CreateAnnotationSceneAsync(this SlateFactory factory, Action<PreviewFile>? configure = null)
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (manager, null));
        var department = await factory.CreateDepartmentAsync();
        var taskType = await factory.CreateTaskTypeAsync(department: department);
        var asset = await factory.CreateEntityAsync(project);
        var task = await factory.CreateTaskAsync(asset, taskType);
        var preview = await factory.CreatePreviewAsync(task, configure);
        return new AnnotationScene(project, department, taskType, asset, task, preview, manager, await factory.ClientForAsync(manager));
    }

    /// <summary>Stores a white picture of that size as the preview's picture and its variants (the 1200 px one is what frames are drawn on).</summary>
    public static Task StoreWhitePictureAsync(this SlateFactory factory, PreviewFile preview, int width, int height) =>
        factory.Services.GetRequiredService<PictureFiles>().SavePreviewAsync(preview.Id, new MemoryStream(PictureData.Png(width, height, White)));

    public static Task SetAnnotationsAsync(this SlateFactory factory, PreviewFile preview, JsonArray annotations) => factory.WithDb(async db =>
    {
        (await db.PreviewFiles.FindAsync(preview.Id))!.Annotations = annotations;
        return await db.SaveChangesAsync();
    });

    public static Task<HttpResponseMessage> UpdateAnnotationsAsync(this HttpClient client, PreviewFile preview, object body) =>
        client.PutAsJsonAsync($"/api/actions/preview-files/{preview.Id}/update-annotations", body);

    /// <summary>An annotation at that time with these drawing objects.</summary>
    public static JsonObject At(double time, params JsonObject[] objects) =>
        new() { ["time"] = time, ["drawing"] = new JsonObject { ["objects"] = new JsonArray([.. objects]) } };

    /// <summary>A deletion at that time of these object ids.</summary>
    public static JsonObject Deleting(double time, params string[] ids) =>
        new() { ["time"] = time, ["objects"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) };

    public static JsonObject Body(JsonObject[]? additions = null, JsonObject[]? updates = null, JsonObject[]? deletions = null) => new()
    {
        ["additions"] = new JsonArray([.. additions ?? []]),
        ["updates"] = new JsonArray([.. updates ?? []]),
        ["deletions"] = new JsonArray([.. deletions ?? []]),
    };
}
