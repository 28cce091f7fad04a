using Amazon.S3;
using Amazon.S3.Model;

namespace Slate.Storage;

/// <summary>
/// One S3 object as a read-only, seekable stream of known length: reading fetches the range from
/// the current position to the end, and a seek drops that response, so ASP.NET's Range handling
/// (seek, then read a count) gets only the bytes it sends, without a local copy.
/// </summary>
sealed class S3ObjectStream(IAmazonS3 s3, string bucket, string key, long length) : Stream
{
    GetObjectResponse? response;
    long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != position)
        {
            DropResponse();
            position = target;
        }
        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default)
    {
        if (buffer.Length == 0 || position >= length) return 0;
        response ??= await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket, Key = key, ByteRange = new ByteRange(position, length - 1),
        }, cancel);
        var read = await response.ResponseStream.ReadAsync(buffer, cancel);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
        ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask();

    // The SDK has no synchronous calls on .NET; ASP.NET and the store's callers read asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    void DropResponse()
    {
        response?.Dispose();
        response = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropResponse();
        base.Dispose(disposing);
    }
}
