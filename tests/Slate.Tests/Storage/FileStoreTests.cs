using System.Security.Cryptography;
using Amazon.S3;
using Slate.Storage;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Storage;

/// <summary>The local store: the contract, and Zou's folder layout.</summary>
public sealed class LocalFileStoreTests : FileStoreContract, IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("slate-store-").FullName;
    readonly LocalFileStore local;

    public LocalFileStoreTests() => Store = local = new LocalFileStore(SettingsWith(new Dictionary<string, string> { ["PREVIEW_FOLDER"] = root, ["FS_BUCKET_PREFIX"] = "studio-" }));

    protected override IFileStore Store { get; }

    [Fact]
    public async Task Files_are_laid_out_as_zou_lays_them_out()
    {
        var id = Guid.Parse("63e453f1-9655-49ad-acba-ff7f27c49e9d");
        await Store.SaveAsync(Buckets.Pictures, "thumbnails", id, new MemoryStream([1, 2, 3]), default);
        var path = Path.Combine(root, "studio-pictures", "thumbnails", "63e", "453", "63e453f1-9655-49ad-acba-ff7f27c49e9d");
        Assert.Equal(path, local.PathOf(Buckets.Pictures, "thumbnails", id));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
        Assert.Equal([path], Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

/// <summary>The S3 store against moto: the contract, Zou's bucket names and keys, buckets made when missing.</summary>
public sealed class S3FileStoreTests : FileStoreContract, IAsyncLifetime
{
    S3FileStore? s3;
    Settings settings = null!;

    protected override IFileStore Store => s3!;

    public async Task InitializeAsync()
    {
        settings = SettingsWith((await MotoServer.SharedAsync()).Settings());
        s3 = new S3FileStore(settings);
    }

    [Fact]
    public async Task Objects_are_in_zou_buckets_under_zou_keys()
    {
        var id = Guid.NewGuid();
        await Store.SaveAsync(Buckets.Movies, "lowdef", id, new MemoryStream([1, 2, 3]), default);
        using var client = new AmazonS3Client("testing", "testing", new AmazonS3Config { ServiceURL = settings.S3Endpoint, ForcePathStyle = true });
        var buckets = (await client.ListBucketsAsync()).Buckets!.Select(b => b.BucketName).ToList();
        Assert.Superset(Buckets.All.Select(b => settings.FsBucketPrefix + b).ToHashSet(), buckets.ToHashSet());
        var stored = await client.GetObjectMetadataAsync(settings.FsBucketPrefix + "movies", $"lowdef-{id}");
        Assert.Equal(3, stored.ContentLength);
    }

    [Fact]
    public async Task An_unreachable_service_fails_the_call_with_the_reason()
    {
        var values = (await MotoServer.SharedAsync()).Settings();
        values["FS_S3_ENDPOINT"] = "http://127.0.0.1:9"; // nothing listens there
        using var closed = new S3FileStore(SettingsWith(values));
        await Assert.ThrowsAnyAsync<Exception>(() => closed.EnsureBucketsAsync(default));
        await Assert.ThrowsAnyAsync<Exception>(() => closed.SaveAsync(Buckets.Files, "attachments", Guid.NewGuid(), new MemoryStream([1]), default));
    }

    public Task DisposeAsync()
    {
        s3?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>What every backend of <see cref="IFileStore"/> does, the same way.</summary>
public abstract class FileStoreContract
{
    protected abstract IFileStore Store { get; }

    protected static Settings SettingsWith(IDictionary<string, string> values) => TestSettings.With(values);

    [Fact]
    public async Task Saved_objects_are_stat_opened_replaced_and_removed()
    {
        var id = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(1000);
        Assert.Equal(1000, await Store.SaveAsync(Buckets.Files, "attachments", id, new MemoryStream(bytes), default));
        var stored = await Store.StatAsync(Buckets.Files, "attachments", id, default);
        Assert.Equal(1000, stored?.Size);
        Assert.InRange(stored!.LastModified, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(2));
        await using (var content = await Store.OpenAsync(Buckets.Files, "attachments", id, default))
        {
            Assert.NotNull(content);
            Assert.True(content.CanSeek);
            Assert.Equal(1000, content.Length);
            Assert.Equal(bytes, await ReadAllAsync(content));
            content.Seek(990, SeekOrigin.Begin);
            Assert.Equal(bytes[990..], await ReadAllAsync(content));
        }
        // Other buckets and prefixes are other objects.
        Assert.Null(await Store.StatAsync(Buckets.Pictures, "attachments", id, default));
        Assert.Null(await Store.StatAsync(Buckets.Files, "previews", id, default));

        Assert.Equal(3, await Store.SaveAsync(Buckets.Files, "attachments", id, new MemoryStream([7, 8, 9]), default));
        await using (var replaced = await Store.OpenAsync(Buckets.Files, "attachments", id, default))
            Assert.Equal([7, 8, 9], await ReadAllAsync(replaced!));

        await Store.RemoveAsync(Buckets.Files, "attachments", id, default);
        Assert.Null(await Store.StatAsync(Buckets.Files, "attachments", id, default));
        Assert.Null(await Store.OpenAsync(Buckets.Files, "attachments", id, default));
    }

    [Fact]
    public async Task A_missing_object_is_null_and_removing_it_is_no_error()
    {
        var id = Guid.NewGuid();
        Assert.Null(await Store.StatAsync(Buckets.Movies, "previews", id, default));
        Assert.Null(await Store.OpenAsync(Buckets.Movies, "previews", id, default));
        await Store.RemoveAsync(Buckets.Movies, "previews", id, default);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StatAsync("documents", "previews", id, default));
    }

    [Fact]
    public async Task A_large_object_is_streamed_in_and_out()
    {
        var id = Guid.NewGuid();
        long size = 2L * S3FileStore.PartSize + 12345; // three parts on S3
        Assert.Equal(size, await Store.SaveAsync(Buckets.Movies, "source", id, new Generated(size), default));
        Assert.Equal(size, (await Store.StatAsync(Buckets.Movies, "source", id, default))?.Size);
        await using var content = (await Store.OpenAsync(Buckets.Movies, "source", id, default))!;
        Assert.Equal(size, content.Length);
        content.Seek(S3FileStore.PartSize - 5, SeekOrigin.Begin);
        var across = new byte[10];
        await content.ReadExactlyAsync(across);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Generated.ByteAt(S3FileStore.PartSize - 5 + i)), across);
        content.Seek(0, SeekOrigin.Begin);
        using var hash = SHA256.Create();
        Assert.Equal(await SHA256.HashDataAsync(new Generated(size)), await hash.ComputeHashAsync(content));
        await Store.RemoveAsync(Buckets.Movies, "source", id, default);
    }

    [Fact]
    public async Task A_failed_upload_leaves_nothing_behind()
    {
        var id = Guid.NewGuid();
        await Store.SaveAsync(Buckets.Files, "working", id, new MemoryStream([1, 2, 3]), default);
        var broken = new Generated(3L * S3FileStore.PartSize, failAt: S3FileStore.PartSize + 100);
        await Assert.ThrowsAsync<IOException>(() => Store.SaveAsync(Buckets.Files, "working", id, broken, default));
        await using var kept = await Store.OpenAsync(Buckets.Files, "working", id, default);
        Assert.Equal([1, 2, 3], await ReadAllAsync(kept!));

        var fresh = Guid.NewGuid();
        await Assert.ThrowsAsync<IOException>(() => Store.SaveAsync(Buckets.Files, "working", fresh,
            new Generated(100, failAt: 50), default));
        Assert.Null(await Store.StatAsync(Buckets.Files, "working", fresh, default));
    }

    [Fact]
    public async Task A_local_copy_is_readable_as_a_file_and_a_downloaded_one_goes_away_with_it()
    {
        var id = Guid.NewGuid();
        Assert.Null(await Store.LocalCopyAsync(Buckets.Movies, "previews", id, default));
        await Store.SaveAsync(Buckets.Movies, "previews", id, new MemoryStream([4, 5, 6]), default);
        string path;
        using (var copy = (await Store.LocalCopyAsync(Buckets.Movies, "previews", id, default))!)
        {
            path = copy.Path;
            Assert.Equal([4, 5, 6], await File.ReadAllBytesAsync(path));
        }
        // The local backend lends the stored file itself; a download is removed with its copy.
        Assert.Equal(Store is LocalFileStore, File.Exists(path));
        await Store.RemoveAsync(Buckets.Movies, "previews", id, default);
    }

    static async Task<byte[]> ReadAllAsync(Stream content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A forward-only stream of known bytes that is never whole in memory; it may fail part way, like a dropped upload.</summary>
    sealed class Generated(long length, long failAt = -1) : Stream
    {
        long position;

        public static byte ByteAt(long position) => (byte)(position % 251);

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (failAt >= 0 && position >= failAt) throw new IOException("The upload was cut.");
            var n = (int)Math.Min(count, length - position);
            if (failAt >= 0) n = (int)Math.Min(n, Math.Max(1, failAt - position));
            for (var i = 0; i < n; i++) buffer[offset + i] = ByteAt(position + i);
            position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>FS_BACKEND names a backend Slate has, or the server does not start.</summary>
public sealed class FileStoreChoiceTests
{
    [Fact]
    public void An_unknown_backend_stops_the_start_with_the_reason()
    {
        var data = Directory.CreateTempSubdirectory("slate-store-").FullName;
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => Server.Build([], new Dictionary<string, string?>
            {
                ["SLATE_DATA_DIR"] = data, ["SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-hs256", ["FS_BACKEND"] = "swift",
            }));
            Assert.Equal("FS_BACKEND=swift is not supported: use local or s3.", refused.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
