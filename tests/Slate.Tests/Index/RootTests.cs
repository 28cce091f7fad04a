using System.Net;
using System.Text.Json.Nodes;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Index;

public class RootTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/")]
    public async Task Root_answers_Zou_version(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("Zou", (string?)body["api"]);
        Assert.Equal("1.0.67", (string?)body["version"]);
        Assert.Equal(2, body.Count);
    }
}
