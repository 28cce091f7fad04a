namespace Slate.Storage;

/// <summary>
/// Zou's local backend: &lt;PREVIEW_FOLDER&gt;/&lt;bucket&gt;/&lt;prefix&gt;/&lt;id[0:3]&gt;/&lt;id[3:6]&gt;/&lt;id&gt;,
/// so a Zou preview folder can be served as it is.
/// </summary>
public sealed class LocalFileStore(Settings settings) : IFileStore
{
    public string PathOf(string bucket, string prefix, Guid id)
    {
        var name = id.ToString("D");
        return Path.Combine(settings.PreviewFolder, Buckets.NameOf(settings, bucket), prefix, name[..3], name[3..6], name);
    }

    public async Task<long> SaveAsync(string bucket, string prefix, Guid id, Stream content, CancellationToken cancel)
    {
        var path = PathOf(bucket, prefix, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the final name, then moved: a reader never sees half a file.
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await content.CopyToAsync(file, cancel);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return new FileInfo(path).Length;
    }

    public Task<StoredObject?> StatAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        var file = new FileInfo(PathOf(bucket, prefix, id));
        return Task.FromResult(file.Exists ? new StoredObject(file.Length, new DateTimeOffset(file.LastWriteTimeUtc)) : null);
    }

    public Task<Stream?> OpenAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        try
        {
            // FileShare.Delete: removing a file being downloaded is not refused.
            return Task.FromResult<Stream?>(new FileStream(PathOf(bucket, prefix, id), FileMode.Open, FileAccess.Read,
                FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <summary>The stored file itself: nothing is copied.</summary>
    public Task<LocalCopy?> LocalCopyAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        var path = PathOf(bucket, prefix, id);
        return Task.FromResult(File.Exists(path) ? new LocalCopy(path, temporary: false) : null);
    }

    public Task RemoveAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        var path = PathOf(bucket, prefix, id);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }
}
