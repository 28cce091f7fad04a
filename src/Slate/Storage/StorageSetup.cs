namespace Slate.Storage;

/// <summary>The backend FS_BACKEND names, and the sender every file route uses.</summary>
public static class StorageSetup
{
    public static void AddFileStore(this IServiceCollection services, Settings settings)
    {
        switch (settings.FsBackend)
        {
            case "local":
                services.AddSingleton<IFileStore, LocalFileStore>();
                break;
            case "s3":
                services.AddSingleton<S3FileStore>();
                services.AddSingleton<IFileStore>(provider => provider.GetRequiredService<S3FileStore>());
                services.AddHostedService<S3StartupCheck>();
                break;
            default:
                throw new InvalidOperationException($"FS_BACKEND={settings.FsBackend} is not supported: use local or s3.");
        }
        services.AddSingleton<FileServing>();
    }
}

/// <summary>
/// At start, in the background: creates the missing buckets, or says clearly that the S3 service
/// cannot be reached. The server runs on either way (each save tries the buckets again), so an
/// object store that comes up later needs no restart.
/// </summary>
sealed class S3StartupCheck(S3FileStore store, ILogger<S3StartupCheck> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await store.EnsureBucketsAsync(stopping);
            log.LogInformation("File storage: S3 at {Endpoint}, buckets ready", store.Endpoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("File storage: S3 at {Endpoint} cannot be used ({Reason}); files cannot be stored or sent until it answers",
                store.Endpoint, e.Message);
        }
    }
}
