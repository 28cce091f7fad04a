using Slate.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Slate.Storage;

namespace Slate.Tests.Storage;

/// <summary>FileServing on its own: what routes without a row time or a file name get (the attachment tests cover the rest over HTTP).</summary>
public sealed class FileServingTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("slate-serving-").FullName;

    [Fact]
    public async Task Without_a_row_time_or_a_name_the_object_time_and_an_empty_name_are_sent()
    {
        var settings = Settings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SLATE_DATA_DIR"] = root, ["SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-hs256", ["CLIENT_CACHE_MAX_AGE"] = "60",
        }).Build());
        var store = new LocalFileStore(settings);
        var id = Guid.NewGuid();
        await store.SaveAsync(Buckets.Pictures, "thumbnails", id, new MemoryStream([1, 2, 3]), default);
        var stored = (await store.StatAsync(Buckets.Pictures, "thumbnails", id, default))!;
        var serving = new FileServing(store, settings);

        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await (await serving.SendAsync(new StoredFile(Buckets.Pictures, "thumbnails", id, "image/png"), default)).ExecuteAsync(http);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal([1, 2, 3], ((MemoryStream)http.Response.Body).ToArray());
        Assert.Equal("inline; filename=\"\"", http.Response.Headers.ContentDisposition.ToString());
        Assert.Equal("private, max-age=60", http.Response.Headers.CacheControl.ToString());
        Assert.Equal(stored.LastModified.ToString("R"), http.Response.Headers.LastModified.ToString());
        await Assert.ThrowsAsync<NotFoundException>(() => serving.SendAsync(new StoredFile(Buckets.Pictures, "previews", id, "image/png"), default));
        // The first stored file of a list is sent (a movie's versions in the order a route prefers them).
        http.Response.Body = new MemoryStream();
        await (await serving.SendFirstAsync([
            new StoredFile(Buckets.Pictures, "previews", id, "image/png"),
            new StoredFile(Buckets.Pictures, "thumbnails", id, "image/png"),
        ], default)).ExecuteAsync(http);
        Assert.Equal([1, 2, 3], ((MemoryStream)http.Response.Body).ToArray());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
