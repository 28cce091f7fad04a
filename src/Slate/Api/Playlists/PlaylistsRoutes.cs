using Slate.Http;

namespace Slate.Api.Playlists;

/// <summary>
/// Zou's playlists blueprint, in Zou's order; only the full read of a playlist so far. Rules live
/// in <see cref="PlaylistsService"/>.
/// </summary>
public static class PlaylistsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/data/projects/{project_id}/playlists/{playlist_id}", async (string project_id, string playlist_id, PlaylistsService playlists) =>
                await playlists.FullPlaylistAsync(project_id, playlist_id))
            .WithSummary("Get a playlist of a project: each entry with its entity's previews by task type, and the build jobs");
    }
}
