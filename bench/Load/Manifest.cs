using System.Text.Json;

namespace Slate.Bench.Load;

/// <summary>
/// What the dataset builder (bench/Seed) wrote beside the database, <c>bench-manifest.json</c>:
/// the accounts to sign in with and the rows the scenarios read and write.
/// </summary>
public sealed record Manifest(
    int Seed,
    Account Admin,
    Artist Artist,
    Guid FeatureProjectId,
    Guid TvProjectId,
    Guid CommentTaskId,
    Guid[] CommentStatusIds,
    Guid PlaylistProjectId,
    Guid PlaylistId,
    Dictionary<string, long> Counts)
{
    public const string FileName = "bench-manifest.json";

    public static Manifest Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json.Options)
                       ?? throw new InvalidDataException($"{path} is empty.");
        if (manifest.CommentStatusIds is not { Length: 2 })
            throw new InvalidDataException($"{path}: comment_status_ids must hold two task status ids.");
        return manifest;
    }
}

public record Account(string Email, string Password);

public sealed record Artist(Guid Id, string Email, string Password) : Account(Email, Password);
