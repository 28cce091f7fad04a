using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>No route is public by accident: each one says whether it needs a login.</summary>
public class RouteAccessTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public void Every_route_requires_a_token_or_is_explicitly_public()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint => Assert.True(
            endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null,
            $"{endpoint.DisplayName} neither requires a token nor is marked AllowAnonymous"));
    }

    [Theory]
    [InlineData("/auth/authenticated")]
    [InlineData("/auth/logout")]
    public async Task Protected_route_without_token_is_401(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
