using System.Net;
using System.Text;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>Failures through the whole pipeline, on the test-only routes of <see cref="TestRoutesFactory"/>.</summary>
public class ErrorTests(TestRoutesFactory factory) : IClassFixture<TestRoutesFactory>
{
    static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Well_formed_body_is_read()
    {
        var response = await factory.CreateClient().PostAsync("/api/test/fields", Json("""{"name": "Hero"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hero", (string?)(await response.ReadJsonObjectAsync())["name"]);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    [InlineData("{\"name\": \"Hero\",}")]
    public async Task Malformed_json_is_400_not_500(string body)
    {
        var response = await factory.CreateClient().PostAsync("/test/fields", Json(body));
        await response.AssertZouErrorAsync(HttpStatusCode.BadRequest, ZouMessages.BadRequest);
    }

    [Fact]
    public async Task Json_that_is_not_an_object_is_400()
    {
        var response = await factory.CreateClient().PostAsync("/test/fields", Json("[1, 2]"));
        await response.AssertZouErrorAsync(HttpStatusCode.BadRequest, "Request body must be a JSON object.");
    }

    [Fact]
    public async Task Body_over_max_content_length_is_413()
    {
        var text = $$"""{"name": "{{new string('x', TestRoutesFactory.MaxContentLength)}}"}""";
        var response = await factory.CreateClient().PostAsync("/test/fields", Json(text));
        await response.AssertZouErrorAsync(HttpStatusCode.RequestEntityTooLarge, ZouMessages.TooLarge);
    }

    [Fact]
    public async Task Body_at_max_content_length_is_accepted()
    {
        var padding = new string('x', TestRoutesFactory.MaxContentLength - """{"name": ""}""".Length);
        var content = Json($$"""{"name": "{{padding}}"}""");
        Assert.Equal(TestRoutesFactory.MaxContentLength, (await content.ReadAsByteArrayAsync()).Length);
        var response = await factory.CreateClient().PostAsync("/test/fields", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unhandled_exception_is_500_without_its_text()
    {
        var response = await factory.CreateClient().GetAsync("/test/throw");
        await response.AssertZouErrorAsync(HttpStatusCode.InternalServerError, ZouMessages.InternalError);
        Assert.DoesNotContain(TestRoutesFactory.SecretText, await response.Content.ReadAsStringAsync());
    }
}
