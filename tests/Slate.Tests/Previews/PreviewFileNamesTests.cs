using Slate.Api.Previews;

namespace Slate.Tests.Previews;

/// <summary>Zou's download name of a preview file (names_service.get_preview_file_name).</summary>
public class PreviewFileNamesTests
{
    [Fact]
    public void The_name_is_project_entity_task_type_and_revision_slugified_with_underscores() =>
        Assert.Equal("sample_show_e01_sq01_sh010_animation_v3.mp4",
            PreviewFileNames.Compose(false, "take 2", "Sample Show", "E01 / SQ01 / SH010", "Animation", 3, 1, "mp4"));

    [Fact]
    public void Accents_and_apostrophes_are_dropped_and_a_position_above_one_follows_the_revision() =>
        Assert.Equal("heros_journey_character_elodie_modeling_v1-2.png",
            PreviewFileNames.Compose(false, null, "Hero's Journey", "Character / Élodie", "Modeling", 1, 2, "png"));

    [Fact]
    public void The_organisation_may_keep_the_uploaded_name_as_it_is()
    {
        Assert.Equal("My Take (final)-3.png", PreviewFileNames.Compose(true, "My Take (final)", "P", "E", "T", 1, 3, "png"));
        // Without an original name the built name stands.
        Assert.Equal("p_e_t_v1.png", PreviewFileNames.Compose(true, null, "P", "E", "T", 1, 1, "png"));
    }
}
