using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slate.Media;

/// <summary>
/// What a movie preview is normalized to (behavior-production.md §5.5 step 3): the frame rate and
/// size the shot or asset asks for in its data, else its project's, else 25 fps and 1080 px high.
/// </summary>
/// <param name="Fps">The frame rate as ffmpeg is given it, with three decimals ("25.000").</param>
/// <param name="Width">Null when only the height is set ("x1080"): the source's aspect ratio gives the width.</param>
public sealed partial record MovieTarget(string Fps, int? Width, int Height)
{
    const double DefaultFps = 25;
    const int DefaultHeight = 1080;

    /// <summary>The target from the entity's data (fps, resolution) and the project's fps and resolution columns.</summary>
    public static MovieTarget For(JsonNode? entityData, string? projectFps, string? projectResolution)
    {
        var data = entityData as JsonObject;
        var fps = new[] { Text(data?["fps"]), projectFps }.Select(ParseFps).FirstOrDefault(value => value > 0, DefaultFps);
        var entityResolution = Text(data?["resolution"]);
        // As Zou: an entity's resolution counts only in the full "WxH" form.
        var resolution = entityResolution is not null && FullResolution().IsMatch(entityResolution) ? entityResolution : projectResolution;
        var (width, height) = Size(resolution);
        return new MovieTarget(fps.ToString("F3", CultureInfo.InvariantCulture), width, height);
    }

    /// <summary>The size to encode a source of this size to: the target's, both sides rounded up to even numbers.</summary>
    public (int Width, int Height) SizeFor(int sourceWidth, int sourceHeight)
    {
        var width = Width ?? (int)Math.Floor((double)sourceWidth / sourceHeight * Height);
        return (Even(width), Even(Height));
    }

    /// <summary>The low definition size for a high definition one: 1280 wide, the height keeping the ratio, even.</summary>
    public static (int Width, int Height) LowDef(int width, int height) =>
        (LowDefWidth, Even((int)Math.Floor((double)height / width * LowDefWidth)));

    public const int LowDefWidth = 1280;

    static (int? Width, int Height) Size(string? resolution)
    {
        if (resolution is null) return (null, DefaultHeight);
        if (FullResolution().IsMatch(resolution))
        {
            var parts = resolution.Split('x');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        return HeightOnly().IsMatch(resolution) ? (null, int.Parse(resolution[1..], CultureInfo.InvariantCulture)) : (null, DefaultHeight);
    }

    /// <summary>Decimal commas are accepted; anything else that is not a number counts as unset (0).</summary>
    static double ParseFps(string? fps) =>
        double.TryParse(fps?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : 0;

    static string? Text(JsonNode? value) => value is JsonValue json && json.TryGetValue<string>(out var text) ? text : value?.ToJsonString();

    static int Even(int value) => value % 2 == 1 ? value + 1 : value;

    [GeneratedRegex("^[0-9]{3,4}x[0-9]{3,4}$")]
    private static partial Regex FullResolution();

    [GeneratedRegex("^x[0-9]{3,4}$")]
    private static partial Regex HeightOnly();
}
