using System.Buffers;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Slate.Storage;

/// <summary>
/// Zou's S3 backend (FS_BACKEND=s3): the three buckets, created when missing, hold objects under
/// Zou's keys, so a Zou deployment's buckets are read as they are. Uploads go up in parts of
/// <see cref="PartSize"/>, one part in memory at a time; reads are ranged GETs
/// (<see cref="S3ObjectStream"/>), so a Range request fetches only what it sends.
/// </summary>
public sealed class S3FileStore(Settings settings) : IFileStore, IDisposable
{
    /// <summary>Objects up to this size go up in one PUT; larger ones in parts of this size (S3's minimum is 5 MiB).</summary>
    public const int PartSize = 8 * 1024 * 1024;

    readonly AmazonS3Client s3 = ClientFor(settings);
    volatile bool bucketsReady;

    static AmazonS3Client ClientFor(Settings settings)
    {
        var config = new AmazonS3Config
        {
            // The newer checksum headers are not understood by every S3-compatible service; AWS needs none of them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.S3Endpoint is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            // Custom endpoints (MinIO, Ceph, a Scaleway or OVH region...) address buckets by path, like boto3 does for them.
            config.ForcePathStyle = true;
            if (settings.S3Region is { Length: > 0 } region) config.AuthenticationRegion = region;
        }
        else if (settings.S3Region is { Length: > 0 } region)
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        return settings.S3AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, settings.S3SecretKey ?? ""), config)
            : new AmazonS3Client(config); // the SDK's usual chain: AWS_* variables, profile, instance role
    }

    /// <summary>Where the store points, for log lines.</summary>
    public string Endpoint => settings.S3Endpoint is { Length: > 0 } endpoint ? endpoint : $"AWS S3 ({settings.S3Region ?? "default region"})";

    /// <summary>Creates the buckets that do not exist yet (Zou does at start); once it succeeded, it is not asked again.</summary>
    public async Task EnsureBucketsAsync(CancellationToken cancel)
    {
        if (bucketsReady) return;
        foreach (var bucket in Buckets.All)
        {
            var name = Buckets.NameOf(settings, bucket);
            try
            {
                await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = name }, cancel);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    await s3.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancel);
                }
                catch (AmazonS3Exception created) when (created.ErrorCode is "BucketAlreadyOwnedByYou") { }
            }
        }
        bucketsReady = true;
    }

    public async Task<long> SaveAsync(string bucket, string prefix, Guid id, Stream content, CancellationToken cancel)
    {
        await EnsureBucketsAsync(cancel);
        var (name, key) = (Buckets.NameOf(settings, bucket), Buckets.Key(prefix, id));
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancel);
            if (filled < PartSize)
            {
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = name, Key = key, InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                }, cancel);
                return filled;
            }
            return await UploadInPartsAsync(name, key, content, buffer, filled, cancel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A multipart upload whose first part is already in the buffer; aborted (nothing left behind) on failure.</summary>
    async Task<long> UploadInPartsAsync(string name, string key, Stream content, byte[] buffer, int filled, CancellationToken cancel)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = name, Key = key }, cancel);
        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            while (filled > 0)
            {
                var number = parts.Count + 1;
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = name, Key = key, UploadId = upload.UploadId, PartNumber = number, PartSize = filled,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                }, cancel);
                parts.Add(new PartETag(number, part.ETag));
                total += filled;
                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancel);
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = name, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, cancel);
            return total;
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = name, Key = key, UploadId = upload.UploadId },
                CancellationToken.None);
            throw;
        }
    }

    public async Task<StoredObject?> StatAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(Buckets.NameOf(settings, bucket), Buckets.Key(prefix, id), cancel);
            var modified = head.LastModified ?? DateTime.UtcNow;
            // The SDK gives local or UTC times; an unspecified one is the service's UTC.
            return new StoredObject(head.ContentLength, modified.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(modified, TimeSpan.Zero)
                : new DateTimeOffset(modified).ToUniversalTime());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenAsync(string bucket, string prefix, Guid id, CancellationToken cancel) =>
        await StatAsync(bucket, prefix, id, cancel) is { } stored
            ? new S3ObjectStream(s3, Buckets.NameOf(settings, bucket), Buckets.Key(prefix, id), stored.Size)
            : null;

    /// <summary>Downloads the object into TMP_DIR under a name of its own, deleted when the copy is disposed.</summary>
    public async Task<LocalCopy?> LocalCopyAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        await using var stored = await OpenAsync(bucket, prefix, id, cancel);
        if (stored is null) return null;
        Directory.CreateDirectory(settings.TmpDir);
        var copy = new LocalCopy(Path.Combine(settings.TmpDir, $"cache-{Buckets.Key(prefix, id)}-{Guid.NewGuid():N}"), temporary: true);
        try
        {
            await using var file = new FileStream(copy.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await stored.CopyToAsync(file, cancel);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public async Task RemoveAsync(string bucket, string prefix, Guid id, CancellationToken cancel)
    {
        try
        {
            await s3.DeleteObjectAsync(Buckets.NameOf(settings, bucket), Buckets.Key(prefix, id), cancel);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket") { } // then nothing was stored
    }

    public void Dispose() => s3.Dispose();
}
