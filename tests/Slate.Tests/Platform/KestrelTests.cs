using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>
/// The test-routes server on real Kestrel, on a free loopback port, for what TestServer does
/// not emulate: dropping HEAD bodies, and capping bodies sent without a length.
/// </summary>
public class KestrelFactory : TestRoutesFactory
{
    public KestrelFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
}

public class KestrelTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/status")]
    [InlineData("/api/config/")]
    public async Task Head_answers_wherever_get_does_with_no_body(string path)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Chunked_body_over_max_content_length_is_413()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/test/fields")
        {
            Content = new StringContent(
                $$"""{"name": "{{new string('x', 2 * TestRoutesFactory.MaxContentLength)}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await factory.CreateClient().SendAsync(request);

        await response.AssertZouErrorAsync(HttpStatusCode.RequestEntityTooLarge, ZouMessages.TooLarge);
    }
}
