using System.Text.Json.Nodes;
using Slate.Media;

namespace Slate.Tests.Media;

/// <summary>The size and frame rate a movie preview is normalized to (§5.5 step 3).</summary>
public class MovieTargetTests
{
    [Fact]
    public void Without_settings_movies_are_25_fps_and_1080_high_with_the_source_ratio()
    {
        var target = MovieTarget.For(null, null, null);
        Assert.Equal(new MovieTarget("25.000", null, 1080), target);
        Assert.Equal((1440, 1080), target.SizeFor(320, 240));
        Assert.Equal((1920, 1080), target.SizeFor(1920, 1080));
    }

    [Fact]
    public void The_project_sets_the_rate_and_size()
    {
        Assert.Equal(new MovieTarget("24.000", 1920, 1080), MovieTarget.For(new JsonObject(), "24", "1920x1080"));
        Assert.Equal("23.976", MovieTarget.For(null, "23,976", "1920x1080").Fps);
    }

    [Fact]
    public void The_entity_data_wins_over_the_project()
    {
        var data = new JsonObject { ["fps"] = 30, ["resolution"] = "1280x720" };
        Assert.Equal(new MovieTarget("30.000", 1280, 720), MovieTarget.For(data, "24", "1920x1080"));
        Assert.Equal("12.500", MovieTarget.For(new JsonObject { ["fps"] = "12.5" }, "24", null).Fps);
    }

    [Fact]
    public void Unset_or_unreadable_values_fall_back()
    {
        // An entity's resolution counts only as WxH, as in Zou; an empty or wrong fps is unset.
        var data = new JsonObject { ["fps"] = "", ["resolution"] = "x720" };
        Assert.Equal(new MovieTarget("24.000", 2048, 858), MovieTarget.For(data, "24", "2048x858"));
        Assert.Equal(new MovieTarget("25.000", null, 1080), MovieTarget.For(new JsonObject { ["fps"] = "fast" }, "nope", "big"));
        Assert.Equal(new MovieTarget("25.000", null, 1080), MovieTarget.For(new JsonArray(), null, "19200x1080"));
    }

    [Fact]
    public void A_height_only_resolution_takes_the_width_from_the_source()
    {
        var target = MovieTarget.For(null, "25", "x720");
        Assert.Equal(new MovieTarget("25.000", null, 720), target);
        Assert.Equal((960, 720), target.SizeFor(320, 240));
        Assert.Equal((1720, 720), target.SizeFor(2390, 1000)); // floor(2.39 × 720)
    }

    [Fact]
    public void Sizes_are_rounded_up_to_even_numbers()
    {
        Assert.Equal((1000, 502), new MovieTarget("25.000", 999, 501).SizeFor(10, 10));
        Assert.Equal((856, 480), new MovieTarget("25.000", null, 480).SizeFor(1283, 720)); // floor(855.3) = 855, odd
    }

    [Fact]
    public void Low_definition_is_1280_wide_with_an_even_height()
    {
        Assert.Equal((1280, 720), MovieTarget.LowDef(1920, 1080));
        Assert.Equal((1280, 960), MovieTarget.LowDef(320, 240));
        Assert.Equal((1280, 536), MovieTarget.LowDef(2048, 858)); // floor(536.25) = 536
        Assert.Equal((1280, 694), MovieTarget.LowDef(1998, 1083)); // floor(693.79) = 693, odd
    }
}
