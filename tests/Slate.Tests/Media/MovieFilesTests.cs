using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using Slate.Media;
using Slate.Storage;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Media;

/// <summary>A movie preview's files on the local backend, with the settings that change what is stored.</summary>
public sealed class LocalMovieFilesTests(SampleMovies samples) : MovieFilesContract(samples), IClassFixture<SampleMovies>, IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("slate-movie-store-").FullName;

    protected override IDictionary<string, string> StoreSettings => new Dictionary<string, string> { ["PREVIEW_FOLDER"] = root };

    /// <summary>"bucket/prefix" of every stored file (root/bucket/prefix/abc/def/id).</summary>
    protected override Task<string[]> StoredAsync() => Task.FromResult(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar))
        .Select(parts => $"{parts[0]}/{parts[1]}").Order().ToArray());

    [Fact]
    public async Task Without_high_definition_the_low_definition_movie_is_the_preview()
    {
        var (files, _) = Build(new() { ["SKIP_NORMALIZATION_HIGHDEF"] = "true" });
        var stored = await files.SaveMovieAsync(Guid.NewGuid(), Samples.Silent, Target, normalize: true, default);
        Assert.Equal((1280, 720), (stored.Width, stored.Height));
        Assert.Equal(PictureKeys.Append("movies/lowdef").Order(), await StoredAsync());
    }

    [Fact]
    public async Task A_kept_source_is_the_only_movie_when_normalization_is_off()
    {
        var (files, _) = Build(new() { ["PREVIEW_SAVE_SOURCE_FILE"] = "true", ["SKIP_NORMALIZATION_FULL"] = "true" });
        var stored = await files.SaveMovieAsync(Guid.NewGuid(), Samples.Silent, Target, normalize: true, default);
        Assert.Equal((320, 240, 2.0), (stored.Width, stored.Height, stored.Duration));
        Assert.Equal(PictureKeys.Append("movies/source").Order(), await StoredAsync());
    }

    [Fact]
    public async Task A_cancelled_save_removes_what_it_stored()
    {
        var (files, _) = Build(new() { ["PREVIEW_SAVE_SOURCE_FILE"] = "true" });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        // The source is stored at once; a 4K encode at preset slow outlasts the 300 ms.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            files.SaveMovieAsync(Guid.NewGuid(), Samples.Silent, new MovieTarget("25.000", 3840, 2160), normalize: true, cancel.Token));
        Assert.Empty(await StoredAsync());
        Assert.Empty(Directory.GetFileSystemEntries(TmpDir));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

/// <summary>A movie preview's files on the S3 backend (moto).</summary>
public sealed class S3MovieFilesTests(SampleMovies samples) : MovieFilesContract(samples), IClassFixture<SampleMovies>, IAsyncLifetime
{
    IDictionary<string, string> s3 = new Dictionary<string, string>();

    protected override IDictionary<string, string> StoreSettings => s3;

    public async Task InitializeAsync() => s3 = (await MotoServer.SharedAsync()).Settings();

    protected override async Task<string[]> StoredAsync()
    {
        var settings = TestSettings.With(s3);
        using var client = new AmazonS3Client("testing", "testing", new AmazonS3Config { ServiceURL = settings.S3Endpoint, ForcePathStyle = true });
        var keys = new List<string>();
        foreach (var bucket in Buckets.All)
        {
            try
            {
                var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Buckets.NameOf(settings, bucket) });
                keys.AddRange((listing.S3Objects ?? []).Select(o => $"{bucket}/{o.Key[..^37]}")); // the key less "-<id>"
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket") { } // not made yet: nothing stored
        }
        return [.. keys.Order()];
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>What <see cref="MovieFiles"/> stores on every backend.</summary>
public abstract class MovieFilesContract(SampleMovies samples)
{
    protected SampleMovies Samples { get; } = samples;

    /// <summary>16:9 at 24 fps, from the 4:3 samples: the high definition movie is padded.</summary>
    protected static readonly MovieTarget Target = new("24.000", 640, 360);

    protected static readonly string[] PictureKeys =
        ["pictures/original", "pictures/previews", "pictures/thumbnails", "pictures/thumbnails-square", "pictures/tiles"];

    /// <summary>TMP_DIR, inside the samples' folder so it goes with them.</summary>
    protected string TmpDir { get; } = Path.Combine(samples.Folder, $"tmp-{Guid.NewGuid():N}");

    protected abstract IDictionary<string, string> StoreSettings { get; }

    /// <summary>"bucket/prefix" of every stored object, in order.</summary>
    protected abstract Task<string[]> StoredAsync();

    protected (MovieFiles Files, IFileStore Store) Build(Dictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string>(StoreSettings) { ["TMP_DIR"] = TmpDir };
        foreach (var (key, value) in extra ?? []) values[key] = value;
        var settings = TestSettings.With(values);
        IFileStore store = settings.FsBackend == "s3" ? new S3FileStore(settings) : new LocalFileStore(settings);
        var files = new MovieFiles(new Movies(settings), new PictureFiles(new Pictures(settings), store), store, settings, NullLogger<MovieFiles>.Instance);
        return (files, store);
    }

    [Fact]
    public async Task A_normalized_movie_stores_both_definitions_the_first_frame_pictures_and_the_tile_strip()
    {
        var (files, store) = Build();
        var id = Guid.NewGuid();
        var stored = await files.SaveMovieAsync(id, Samples.Silent, Target, normalize: true, default);

        Assert.Equal(PictureKeys.Concat(["movies/lowdef", "movies/previews"]).Order(), await StoredAsync());
        Assert.Equal((640, 360, 320, 240, 2.0), (stored.Width, stored.Height, stored.OriginalWidth, stored.OriginalHeight, stored.OriginalDuration));
        Assert.Equal(new FileInfo(Samples.Silent).Length, stored.OriginalFileSize);
        Assert.Equal((await store.StatAsync(Buckets.Movies, MovieFiles.Previews, id, default))!.Size, stored.FileSize);
        Assert.True(stored.Duration > 1.9);
        Assert.Equal(
            """{"original_width":320,"original_height":240,"original_duration":2,"original_file_size":""" + stored.OriginalFileSize + "}",
            stored.OriginalData().ToJsonString());

        Assert.Equal((1280, 720), await MovieSizeAsync(store, MovieFiles.LowDef, id));
        Assert.Equal((640, 360), await PictureSizeAsync(store, PictureFiles.Original, id));
        Assert.Equal((150, 100), await PictureSizeAsync(store, PictureFiles.Thumbnails, id));
        Assert.Equal((100, 100), await PictureSizeAsync(store, PictureFiles.ThumbnailsSquare, id));
        Assert.Equal((1200, 675), await PictureSizeAsync(store, PictureFiles.Previews, id));
        // 50 frames of the 16:9 movie: 7 rows of 8 cells, ceil(100 × 16/9) = 178 px wide.
        Assert.Equal((8 * 178, 700), await PictureSizeAsync(store, PictureFiles.Tiles, id));
        Assert.True(File.Exists(Samples.Silent));
        Assert.Empty(Directory.GetFileSystemEntries(TmpDir));
    }

    [Fact]
    public async Task Without_normalization_the_upload_is_the_movie_as_it_is()
    {
        var (files, store) = Build();
        var id = Guid.NewGuid();
        var stored = await files.SaveMovieAsync(id, Samples.WithSound, Target, normalize: false, default);

        Assert.Equal(PictureKeys.Append("movies/previews").Order(), await StoredAsync());
        await using var movie = await store.OpenAsync(Buckets.Movies, MovieFiles.Previews, id, default);
        using var copy = new MemoryStream();
        await movie!.CopyToAsync(copy);
        Assert.Equal(await File.ReadAllBytesAsync(Samples.WithSound), copy.ToArray());
        Assert.Equal((320, 240, 1.0, copy.Length), (stored.Width, stored.Height, stored.Duration, stored.FileSize));
        Assert.Equal((320, 240), await PictureSizeAsync(store, PictureFiles.Original, id));
    }

    [Fact]
    public async Task A_broken_upload_is_refused_with_a_reason_and_nothing_stored()
    {
        var (files, _) = Build(new() { ["PREVIEW_SAVE_SOURCE_FILE"] = "true" });
        var truncated = await Assert.ThrowsAsync<MovieException>(() =>
            files.SaveMovieAsync(Guid.NewGuid(), Samples.Truncated, Target, normalize: true, default));
        Assert.Contains("Invalid data", truncated.Message);
        var empty = await Assert.ThrowsAsync<MovieException>(() =>
            files.SaveMovieAsync(Guid.NewGuid(), Samples.Empty, Target, normalize: false, default));
        Assert.Equal("The movie file is empty.", empty.Message);
        Assert.Empty(await StoredAsync());
        Assert.Empty(Directory.GetFileSystemEntries(TmpDir));
    }

    [Fact]
    public async Task Removing_a_movie_preview_removes_every_file()
    {
        var (files, store) = Build();
        var id = Guid.NewGuid();
        await files.SaveMovieAsync(id, Samples.WithSound, Target, normalize: false, default);
        await new Slate.Api.Previews.PreviewFileStorage(store).RemoveAsync(id, "mp4");
        Assert.Empty(await StoredAsync());
    }

    static async Task<(int, int)> PictureSizeAsync(IFileStore store, string prefix, Guid id)
    {
        await using var png = await store.OpenAsync(PictureFiles.Bucket, prefix, id, default);
        var info = await Image.IdentifyAsync(png!);
        return (info.Width, info.Height);
    }

    async Task<(int, int)> MovieSizeAsync(IFileStore store, string prefix, Guid id)
    {
        var path = Path.Combine(Samples.Folder, $"{Guid.NewGuid():N}.mp4");
        await using (var movie = await store.OpenAsync(Buckets.Movies, prefix, id, default))
        await using (var file = File.Create(path))
            await movie!.CopyToAsync(file);
        var video = (await SampleMovies.StreamsAsync(path)).First(s => s.GetProperty("codec_type").GetString() == "video");
        return (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32());
    }
}
