using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

public class SecurityHeadersTests(TestRoutesFactory factory) : IClassFixture<TestRoutesFactory>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/api/status.txt")]
    [InlineData("HEAD", "/config")]
    [InlineData("GET", "/openapi.json")]
    [InlineData("GET", "/apidocs/")]
    [InlineData("GET", "/data/does-not-exist")]
    [InlineData("PATCH", "/status")]
    [InlineData("GET", "/test/throw")]
    public async Task Every_answer_carries_Zou_security_headers(string method, string path)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'self'", Header(response, "Content-Security-Policy"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task A_header_the_route_set_is_kept()
    {
        var response = await factory.CreateClient().GetAsync("/test/framed");
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
