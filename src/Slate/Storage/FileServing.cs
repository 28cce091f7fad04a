using Microsoft.Net.Http.Headers;
using Slate.Http;

namespace Slate.Storage;

/// <summary>
/// What a route sends from the store: the object, its content type, the time Zou gives it (the
/// row's updated_at; the object's own time when null), the name it is sent under, and whether it
/// is a download.
/// </summary>
public sealed record StoredFile(string Bucket, string Prefix, Guid Id, string ContentType)
{
    public DateTime? LastModified { get; init; }
    public string FileName { get; init; } = "";
    public bool AsAttachment { get; init; }
}

/// <summary>
/// Sends stored files, the one way every file route does (Zou's send_storage_file): the body
/// streamed from the store, Cache-Control private for CLIENT_CACHE_MAX_AGE, Last-Modified and an
/// ETag with their conditional requests (304, 412), Range requests (206, 416), and a
/// Content-Disposition. Only types a browser cannot run as a page are shown inline: anything
/// else (HTML, SVG, XML...) is always a download, whatever the route asks.
/// </summary>
public sealed class FileServing(IFileStore store, Settings settings)
{
    static readonly HashSet<string> InlineTypes =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif", "image/vnd.radiance",
        "video/mp4", "application/pdf",
    ];

    /// <summary>The answer for the file, or a 404 when the object is missing.</summary>
    public async Task<IResult> SendAsync(StoredFile file, CancellationToken cancel) =>
        await TrySendAsync(file, cancel) ?? throw new NotFoundException();

    /// <summary>The first of the files that is stored (a movie's versions in the order a route prefers them), or a 404.</summary>
    public async Task<IResult> SendFirstAsync(IEnumerable<StoredFile> files, CancellationToken cancel)
    {
        foreach (var file in files)
            if (await TrySendAsync(file, cancel) is { } answer) return answer;
        throw new NotFoundException();
    }

    /// <summary>The answer for the file, or null when the object is missing (the route may fall back on another).</summary>
    async Task<IResult?> TrySendAsync(StoredFile file, CancellationToken cancel)
    {
        var content = await store.OpenAsync(file.Bucket, file.Prefix, file.Id, cancel);
        if (content is null) return null;
        var lastModified = file.LastModified is { } updated
            ? new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc))
            : (await store.StatAsync(file.Bucket, file.Prefix, file.Id, cancel))?.LastModified ?? DateTimeOffset.UtcNow;
        var inline = !file.AsAttachment && InlineTypes.Contains(file.ContentType.Split(';')[0].Trim().ToLowerInvariant());
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        if (file.FileName.Length > 0) disposition.SetHttpFileName(file.FileName);
        else disposition.FileName = "\"\""; // Zou's answer for a file sent without a name
        return new Answer(content, file.ContentType, lastModified, disposition.ToString(), settings.ClientCacheMaxAge);
    }

    sealed class Answer(Stream content, string contentType, DateTimeOffset lastModified, string disposition, int maxAge) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            // Files are behind a token: browsers may keep them, shared proxies may not.
            headers.CacheControl = $"private, max-age={maxAge}";
            headers.ContentDisposition = disposition;
            headers.XContentTypeOptions = "nosniff";
            var tag = new EntityTagHeaderValue($"\"{content.Length:x}-{lastModified.ToUnixTimeSeconds():x}\"");
            return Results.Stream(content, contentType, lastModified: lastModified, entityTag: tag, enableRangeProcessing: true)
                .ExecuteAsync(http);
        }
    }
}
