using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Slate.Security;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Auth;

/// <summary>Every way a token is refused, with Zou's exact status and body.</summary>
public class TokenTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Missing_token()
    {
        var response = await factory.CreateClient().GetAsync("/api/auth/authenticated");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)",
            (string?)(await response.JsonAsync())["msg"]);
    }

    [Theory]
    [InlineData("Bearer garbage", 422, "Not enough segments")]
    [InlineData("Bearer None", 422, "Not enough segments")]
    [InlineData("Bearer", 422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'")]
    [InlineData("Basic dXNlcjpwYXNz", 401, "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>')")]
    public async Task Malformed_authorization(string header, int status, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/authenticated");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(message, (string?)(await response.JsonAsync())["msg"]);
    }

    [Fact]
    public async Task Token_signed_with_another_key()
    {
        var person = await factory.CreatePersonAsync();
        var forger = new Tokens(new Settings { DataDir = "/tmp", SecretKey = "another-secret-key-another-secret-key" });
        var (token, _) = forger.Issue(person.Id, Tokens.Access, "person", Tokens.AccessLifetime);

        var response = await Get(token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Signature verification failed", (string?)(await response.JsonAsync())["msg"]);
    }

    [Fact]
    public async Task Expired_token_says_signature_has_expired()
    {
        var person = await factory.CreatePersonAsync();
        var (token, _) = factory.Services.GetRequiredService<Tokens>()
            .Issue(person.Id, Tokens.Access, "person", TimeSpan.FromSeconds(-30));

        var response = await Get(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True((bool)body["error"]!);
        Assert.Equal("Signature has expired", (string?)body["message"]);
    }

    [Fact]
    public async Task Token_of_a_deleted_person()
    {
        var (token, _) = factory.Services.GetRequiredService<Tokens>()
            .Issue(Guid.NewGuid(), Tokens.Access, "person", Tokens.AccessLifetime);

        var response = await Get(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((bool)(await response.JsonAsync())["error"]!);
    }

    [Fact]
    public async Task Bot_token_dies_when_the_person_no_longer_holds_its_id()
    {
        var bot = await factory.CreatePersonAsync(configure: p => p.IsBot = true);
        var (token, _) = factory.Services.GetRequiredService<Tokens>().Issue(bot.Id, Tokens.Access, "bot", null);

        var response = await Get(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Token has been revoked", (string?)(await response.JsonAsync())["msg"]);
    }

    Task<HttpResponseMessage> Get(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/authenticated");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return factory.CreateClient().SendAsync(request);
    }
}
