namespace Slate.Bench.Seed;

/// <summary>
/// How big the dataset is at a scale: 1.0 is issue 7's studio (5,000 assets; 20 episodes x 10
/// sequences x 50 shots; an artist with 500 open tasks; a 400-shot playlist). Smaller scales
/// shrink every count but the 60 people, who are cheap and give each role and department.
/// </summary>
public sealed record Sizes(int Assets, int Episodes, int SequencesPerEpisode, int ShotsPerSequence, int ArtistOpenTasks, int PlaylistShots)
{
    public static Sizes At(double scale)
    {
        int Scaled(double count) => Math.Max(1, (int)Math.Round(count * scale));
        var episodes = Scaled(20);
        const int sequences = 10;
        return new Sizes(Scaled(5000), episodes, sequences, Math.Max(1, (int)Math.Round(10000 * scale / (episodes * sequences))),
            Scaled(500), Scaled(400));
    }
}
