using Slate.Http;

namespace Slate.Api.Previews;

/// <summary>Zou's previews blueprint, in Zou's order, as far as it is built (issue 8).</summary>
public static class PreviewsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/playlists/preview-files/running", async (HttpRequest request, RunningPreviewsService running) =>
                ZouJson.Result(await running.RunningAsync(request.Query)))
            .WithSummary("Previews of open productions still processing, broken or missing, newest first (admins)");
    }
}
