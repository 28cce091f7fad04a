using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Comments;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>A comment with a preview record waiting for its file, as Kitsu makes one (§5.2 steps 1-2).</summary>
public sealed record PreviewScene(CommentScene Scene, Guid CommentId, Guid PreviewId)
{
    public string UploadPath => $"/api/pictures/preview-files/{PreviewId}";
}

public static class PreviewData
{
    public static async Task<PreviewScene> CreatePreviewSceneAsync(this SlateFactory factory)
    {
        var scene = await factory.CreateCommentSceneAsync();
        return await scene.AddPreviewAsync();
    }

    /// <summary>Another comment on the scene's task, with its preview record (a new revision).</summary>
    public static async Task<PreviewScene> AddPreviewAsync(this CommentScene scene)
    {
        var comment = await (await scene.ArtistClient.CommentAsync(scene.Task, scene.Statuses.Wip, "v")).JsonAsync();
        var commentId = Guid.Parse((string)comment["id"]!);
        var response = await scene.ArtistClient.PostAsJsonAsync($"/api/actions/tasks/{scene.Task.Id}/comments/{commentId}/add-preview", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new PreviewScene(scene, commentId, Guid.Parse((string)(await response.JsonAsync())["id"]!));
    }

    /// <summary>Uploads the bytes as the preview's file and returns the answer.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this PreviewScene preview, byte[] bytes, string fileName, HttpClient? client = null,
        string query = "") =>
        (client ?? preview.Scene.ArtistClient).PostAsync(preview.UploadPath + query, PictureData.Upload(bytes, fileName, "application/octet-stream"));

    public static Task<PreviewFile?> PreviewRowAsync(this SlateFactory factory, Guid id) =>
        factory.WithDb(db => db.PreviewFiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id));

    public static Task<List<string>> EventNamesAsync(this SlateFactory factory, string prefix, Guid previewId) =>
        factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name.StartsWith(prefix)).ToListAsync())
            .ContinueWith(events => events.Result
                .Where(e => e.Data?["preview_file_id"]?.GetValue<string>() == previewId.ToString())
                .Select(e => e.Name).ToList());
}
