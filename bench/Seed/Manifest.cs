using System.Text.Json;

namespace Slate.Bench.Seed;

/// <summary>
/// What the load driver needs to know about a seeded database (bench-manifest.json, beside the
/// data): who to log in as, which projects, task, statuses and playlist to hit, and the counts.
/// The one definition of the contract: bench/Load compiles this file too.
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

    public record Login(string Email, string Password);

    public sealed record ArtistLogin(Guid Id, string Email, string Password) : Login(Email, Password);

    public sealed record Tally(int Assets, int Shots, int Tasks, int Comments, int Persons, int Previews)
    {
        public override string ToString() =>
            $"{Assets:N0} assets, {Shots:N0} shots, {Tasks:N0} tasks, {Comments:N0} comments, {Persons:N0} persons, {Previews:N0} previews";
    }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public async Task WriteAsync(string dataDir) => await File.WriteAllTextAsync(Path.Combine(dataDir, FileName), ToJson() + "\n");

    public static Manifest Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json)
                       ?? throw new InvalidDataException($"{path} is empty.");
        if (manifest.CommentStatusIds is not { Length: 2 })
            throw new InvalidDataException($"{path}: comment_status_ids must hold two task status ids.");
        return manifest;
    }
}
