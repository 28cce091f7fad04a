using System.Net;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>The test-routes server with two allowed origins, so failed answers are checked too.</summary>
public class CorsFactory : TestRoutesFactory
{
    public const string Allowed = "https://kitsu.example.com";

    protected override IDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string>(base.ExtraSettings) { ["CORS_ALLOWED_ORIGINS"] = $"{Allowed};https://other.example.com" };
}

public class CorsTests(SlateFactory plain, CorsFactory cors) : IClassFixture<SlateFactory>, IClassFixture<CorsFactory>
{
    static HttpRequestMessage From(string origin, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        return request;
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Off_by_default()
    {
        var response = await plain.CreateClient().SendAsync(From(CorsFactory.Allowed, HttpMethod.Get, "/status"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/status")]
    [InlineData("/api/config/")]
    [InlineData("/data/does-not-exist")]
    [InlineData("/test/throw")]
    public async Task Allowed_origin_is_echoed_with_credentials_on_every_path(string path)
    {
        var response = await cors.CreateClient().SendAsync(From(CorsFactory.Allowed, HttpMethod.Get, path));
        Assert.Equal(CorsFactory.Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Other_origin_gets_no_grant()
    {
        var response = await cors.CreateClient().SendAsync(From("https://evil.example.com", HttpMethod.Get, "/status"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_allows_the_asked_method_and_headers()
    {
        var request = From(CorsFactory.Allowed, HttpMethod.Options, "/api/data/projects");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await cors.CreateClient().SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(CorsFactory.Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers"));
    }
}
