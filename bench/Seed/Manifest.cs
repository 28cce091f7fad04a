using System.Text.Json;

namespace Slate.Bench.Seed;

/// <summary>
/// What the load driver needs to know about a seeded database (bench-manifest.json, beside the
/// data): who to log in as, which projects, task, statuses and playlist to hit, and the counts.
/// </summary>
public sealed record Manifest(
    int Seed,
    Manifest.Login Admin,
    Manifest.ArtistLogin Artist,
    Guid FeatureProjectId,
    Guid TvProjectId,
    Guid CommentTaskId,
    Guid[] CommentStatusIds,
    Guid PlaylistProjectId,
    Guid PlaylistId,
    Manifest.Tally Counts)
{
    public const string FileName = "bench-manifest.json";

    public sealed record Login(string Email, string Password);

    public sealed record ArtistLogin(Guid Id, string Email, string Password);

    public sealed record Tally(int Assets, int Shots, int Tasks, int Comments, int Persons, int Previews);

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public async Task WriteAsync(string dataDir) => await File.WriteAllTextAsync(Path.Combine(dataDir, FileName), ToJson() + "\n");
}
