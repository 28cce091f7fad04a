using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Slate.Storage;

namespace Slate.Tests.Infrastructure;

/// <summary>A Slate server storing its files in S3 (moto), in buckets of its own.</summary>
public sealed class S3SlateFactory : SlateFactory, IAsyncLifetime
{
    IDictionary<string, string> s3Settings = new Dictionary<string, string>();

    protected override IDictionary<string, string> ExtraSettings => s3Settings;

    public new async Task InitializeAsync()
    {
        s3Settings = (await MotoServer.SharedAsync()).Settings();
        await base.InitializeAsync();
    }

    /// <summary>"bucket/key" of every object in the server's buckets.</summary>
    public async Task<string[]> StoredKeysAsync()
    {
        var settings = Services.GetRequiredService<Settings>();
        using var s3 = new AmazonS3Client("testing", "testing",
            new AmazonS3Config { ServiceURL = settings.S3Endpoint, ForcePathStyle = true });
        var keys = new List<string>();
        foreach (var bucket in Buckets.All)
        {
            var name = Buckets.NameOf(settings, bucket);
            try
            {
                var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name });
                keys.AddRange((listing.S3Objects ?? []).Select(o => $"{name}/{o.Key}"));
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket") { } // not made yet: nothing stored

        }
        return [.. keys];
    }
}
