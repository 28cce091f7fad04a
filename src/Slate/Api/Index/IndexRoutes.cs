using System.Text.Json.Nodes;
using Slate.Http;

namespace Slate.Api.Index;

/// <summary>Zou's index blueprint: version, status probes, configuration for the web app.</summary>
public static class IndexRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/", Root).AllowAnonymous();
    }

    static IResult Root() => ZouJson.Result(new JsonObject { ["api"] = "Zou", ["version"] = Settings.Version });
}
