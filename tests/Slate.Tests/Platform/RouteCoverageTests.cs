using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Platform;

/// <summary>
/// Every route of Zou's blueprints that Slate serves whole (Fixtures/routes.tsv, copied from the
/// reference) is mapped, with its method. A blueprint joins the list when its issue is done.
/// </summary>
public partial class RouteCoverageTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Theory]
    [InlineData("crud")]
    [InlineData("projects")]
    [InlineData("assets")]
    [InlineData("shots")]
    [InlineData("entities")]
    [InlineData("tasks")]
    [InlineData("comments")]
    [InlineData("departments")]
    [InlineData("persons")]
    [InlineData("user")]
    [InlineData("previews")]
    [InlineData("events")]
    [InlineData("index")]
    public void Every_route_of_the_blueprint_is_mapped(string blueprint)
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, Shape(e.RoutePattern.RawText!))))
            .ToHashSet();
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "routes.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells[2] == blueprint)
            .ToList();

        Assert.NotEmpty(rows);
        Assert.Empty(rows.Where(cells => !mapped.Contains((cells[0], Shape(cells[1])))).Select(cells => $"{cells[0]} {cells[1]}"));
    }

    /// <summary>A path with its parameters blanked, whatever their names or markers.</summary>
    static string Shape(string path) => Parameter().Replace(path, "{}").TrimEnd('/');

    [GeneratedRegex(@"[<{][^>}]+[>}]")]
    private static partial Regex Parameter();
}
