using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Slate.Http;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

public class ApiDocsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Document_is_valid_OpenAPI_3_with_Slate_info()
    {
        var response = await factory.CreateClient().GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        var document = JsonNode.Parse(text)!.AsObject();
        Assert.StartsWith("3", (string?)document["openapi"]);
        Assert.Equal("Slate API (Zou-compatible)", (string?)document["info"]!["title"]);
        Assert.Equal("1.0.67", (string?)document["info"]!["version"]);
        foreach (var path in new[] { "/", "/status", "/status.txt", "/config" })
            Assert.NotNull(document["paths"]![path]?["get"]);
        Assert.Equal("Index", (string?)document["paths"]!["/status"]!["get"]!["tags"]![0]);

        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
    }

    [Fact]
    public async Task Document_is_served_under_api_too()
    {
        var response = await factory.CreateClient().GetAsync("/api/openapi.json/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.EndsWith("/api", (string?)document["servers"]![0]!["url"]);
    }

    /// <summary>
    /// Every route the server maps is in the document, with each of its methods (HEAD aside: it
    /// mirrors GET), a summary and its area's tag. Only the docs' own routes stay out.
    /// </summary>
    [Fact]
    public async Task Document_lists_every_mapped_route()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var (hidden, documented) = Split(endpoints);
        Assert.All(hidden, endpoint => Assert.True(
            IsLeftOutOfDocs(endpoint), $"{endpoint.RoutePattern.RawText} is mapped but left out of the document"));

        foreach (var endpoint in documented)
        {
            var path = DocumentPath(endpoint.RoutePattern);
            Assert.True(paths.ContainsKey(path), $"{path} is mapped but not in the document");
            foreach (var method in Methods(endpoint).Where(method => method != HttpMethods.Head))
            {
                var operation = paths[path]![method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is mapped but not in the document");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {path} has no summary");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["tags"]?[0]), $"{method} {path} has no tag");
            }
        }
    }

    [Fact]
    public void Every_get_route_answers_head()
    {
        var (_, documented) = Split(factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>());
        Assert.All(documented.Where(endpoint => Methods(endpoint).Contains(HttpMethods.Get)), endpoint =>
            Assert.True(Methods(endpoint).Contains(HttpMethods.Head), $"GET {endpoint.RoutePattern.RawText} does not answer HEAD"));
    }

    [Theory]
    [InlineData("/apidocs")]
    [InlineData("/apidocs/")]
    [InlineData("/api/apidocs/")]
    public async Task Docs_page_is_html_using_the_local_script_bundle(string path)
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"scalar.js\"></script>", html);
        Assert.DoesNotContain("https://", html);

        // The bundle the page loads comes from this server, relative to the page's folder.
        var bundle = await client.GetAsync(path.TrimEnd('/') + "/scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    /// <summary>The conventions on routes the product does not have yet: parameters in paths.</summary>
    [Fact]
    public async Task Path_parameters_are_documented()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddApiDocs();
        await using var app = builder.Build();
        app.MapArea(Samples.SampleRoutes.Map);
        app.MapApiDocs();
        await app.StartAsync();

        var text = await app.GetTestClient().GetStringAsync("/openapi.json");

        Assert.Empty(OpenApiDocument.Parse(text, "json").Diagnostic?.Errors ?? []);
        var paths = JsonNode.Parse(text)!["paths"]!.AsObject();
        Assert.Equal(["/things/{id}", "/things/{thingId}/parts/{partId}"], paths.Select(pair => pair.Key));
        var thing = paths["/things/{id}"]!.AsObject();
        Assert.Equal(["get", "delete"], thing.Select(pair => pair.Key));
        Assert.Equal("Samples", (string?)thing["delete"]!["tags"]![0]);
        Assert.Equal(["id"], ParameterNames(thing["get"]!));
        Assert.Equal(["thingId", "partId"], ParameterNames(paths["/things/{thingId}/parts/{partId}"]!["get"]!));
    }

    static IEnumerable<string> ParameterNames(JsonNode operation) =>
        operation["parameters"]!.AsArray().Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!);

    async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi.json"))!.AsObject();

    static (List<RouteEndpoint> Hidden, List<RouteEndpoint> Documented) Split(IEnumerable<RouteEndpoint> endpoints)
    {
        var all = endpoints.ToList();
        bool Hidden(RouteEndpoint e) => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
        return (all.Where(Hidden).ToList(), all.Where(e => !Hidden(e)).ToList());
    }

    // The docs themselves, and /socket.io: a protocol endpoint (Engine.IO), not an API route.
    static bool IsLeftOutOfDocs(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is { } raw && (raw.StartsWith("/openapi.json") || raw.StartsWith("/apidocs") || raw == "/socket.io");

    static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>The document's key for a route: parameters by name, without constraints or markers.</summary>
    static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
