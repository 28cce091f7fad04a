namespace Slate.Storage;

/// <summary>
/// Where uploaded binaries live (Zou's file_store): objects in a bucket ("pictures", "movies",
/// "files") under the key "&lt;prefix&gt;-&lt;id&gt;", without extension. Services write only after
/// their database checks pass, and remove what they wrote when the save then fails.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the content under the key and returns its size in bytes.</summary>
    Task<long> SaveAsync(string bucket, string prefix, Guid id, Stream content, CancellationToken cancel);

    /// <summary>The stored object for reading, or null when it is missing.</summary>
    Stream? Open(string bucket, string prefix, Guid id);

    /// <summary>Removes the object; a missing one is not an error.</summary>
    void Remove(string bucket, string prefix, Guid id);
}

/// <summary>
/// Zou's local backend: &lt;PREVIEW_FOLDER&gt;/&lt;bucket&gt;/&lt;prefix&gt;/&lt;id[0:3]&gt;/&lt;id[3:6]&gt;/&lt;id&gt;,
/// so a Zou preview folder can be served as it is.
/// </summary>
public sealed class LocalFileStore(Settings settings) : IFileStore
{
    public string PathOf(string bucket, string prefix, Guid id)
    {
        var name = id.ToString("D");
        return Path.Combine(settings.PreviewFolder, bucket, prefix, name[..3], name[3..6], name);
    }

    public async Task<long> SaveAsync(string bucket, string prefix, Guid id, Stream content, CancellationToken cancel)
    {
        var path = PathOf(bucket, prefix, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the final name, then moved: a reader never sees half a file.
        var partial = path + ".part";
        try
        {
            await using (var file = File.Create(partial))
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

    public Stream? Open(string bucket, string prefix, Guid id)
    {
        var path = PathOf(bucket, prefix, id);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Remove(string bucket, string prefix, Guid id)
    {
        // File.Delete ignores a missing file but not a missing folder.
        var path = PathOf(bucket, prefix, id);
        if (File.Exists(path)) File.Delete(path);
    }
}
