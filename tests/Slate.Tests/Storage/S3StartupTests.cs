using System.Net;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Storage;

/// <summary>A server whose S3 service does not answer (nothing listens on its endpoint), with its log kept.</summary>
public sealed class UnreachableS3Factory : SlateFactory
{
    public const string Endpoint = "http://127.0.0.1:9";

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["FS_BACKEND"] = "s3", ["FS_S3_ENDPOINT"] = Endpoint, ["FS_S3_ACCESS_KEY"] = "testing", ["FS_S3_SECRET_KEY"] = "testing",
    };

    protected override bool KeepsLog => true;
}

public class S3StartupTests(UnreachableS3Factory factory) : IClassFixture<UnreachableS3Factory>
{
    [Fact]
    public async Task An_unreachable_service_is_logged_and_the_server_runs_on()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api")).StatusCode);
        var logged = await factory.LoggedAsync("cannot be used");
        Assert.StartsWith($"File storage: S3 at {UnreachableS3Factory.Endpoint} cannot be used (", logged);
    }
}
