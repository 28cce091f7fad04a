namespace Slate.Storage;

/// <summary>
/// Where uploaded binaries live (Zou's file_store): objects in one of three buckets ("pictures",
/// "movies", "files", each named FS_BUCKET_PREFIX + name) under the key "&lt;prefix&gt;-&lt;id&gt;",
/// without extension. Services write only after their database checks pass, and remove what
/// they wrote when the save then fails. Files are sent over HTTP by <see cref="FileServing"/>.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the content under the key, read as a stream, and returns its size in bytes.</summary>
    Task<long> SaveAsync(string bucket, string prefix, Guid id, Stream content, CancellationToken cancel);

    /// <summary>The object's size and time, or null when it is missing.</summary>
    Task<StoredObject?> StatAsync(string bucket, string prefix, Guid id, CancellationToken cancel);

    /// <summary>The object for reading, seekable and of known length, or null when it is missing.</summary>
    Task<Stream?> OpenAsync(string bucket, string prefix, Guid id, CancellationToken cancel);

    /// <summary>Removes the object; a missing one is not an error.</summary>
    Task RemoveAsync(string bucket, string prefix, Guid id, CancellationToken cancel);

    /// <summary>
    /// The object as a file on this machine, for tools that read paths (ffmpeg), or null when it
    /// is missing. Disposing the copy removes it when it was made for the caller.
    /// </summary>
    Task<LocalCopy?> LocalCopyAsync(string bucket, string prefix, Guid id, CancellationToken cancel);
}

/// <summary>A stored object readable at <see cref="Path"/>; a temporary download is deleted on dispose.</summary>
public sealed class LocalCopy(string path, bool temporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary) File.Delete(Path);
    }
}

public sealed record StoredObject(long Size, DateTimeOffset LastModified);

/// <summary>Zou's three buckets and its object keys, the same for every backend.</summary>
public static class Buckets
{
    public const string Pictures = "pictures";
    public const string Movies = "movies";
    public const string Files = "files";

    public static readonly string[] All = [Pictures, Movies, Files];

    /// <summary>The bucket's real name: FS_BUCKET_PREFIX + name.</summary>
    public static string NameOf(Settings settings, string bucket) =>
        All.Contains(bucket) ? settings.FsBucketPrefix + bucket : throw new ArgumentException($"Unknown bucket: {bucket}", nameof(bucket));

    public static string Key(string prefix, Guid id) => $"{prefix}-{id:D}";
}
