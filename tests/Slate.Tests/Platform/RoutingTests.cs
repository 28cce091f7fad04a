using System.Net;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

public class RoutingTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    public static TheoryData<string> IndexPaths => new() { "/", "/status", "/status/influx", "/status.txt", "/config" };

    [Theory]
    [MemberData(nameof(IndexPaths))]
    public async Task Routes_answer_at_the_root_and_under_api_with_or_without_trailing_slash(string path)
    {
        var client = factory.CreateClient();
        foreach (var variant in new[] { path, path.TrimEnd('/') + "/", "/api" + path, "/api" + path.TrimEnd('/') + "/" })
        {
            var response = await client.GetAsync(variant);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{variant}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/data/does-not-exist")]
    [InlineData("/api/data/does-not-exist/")]
    [InlineData("/apii/status")]
    public async Task Unknown_route_is_404_with_Zou_body(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        await response.AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Theory]
    [InlineData("PATCH", "/status")]
    [InlineData("POST", "/config")]
    [InlineData("DELETE", "/api/")]
    [InlineData("PUT", "/api/status.txt/")]
    public async Task Wrong_method_is_405_with_Zou_body(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
        var response = await factory.CreateClient().SendAsync(request);
        await response.AssertZouErrorAsync(HttpStatusCode.MethodNotAllowed, ZouMessages.MethodNotAllowed);
    }
}
