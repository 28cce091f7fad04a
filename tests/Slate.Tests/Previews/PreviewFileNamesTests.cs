using System.Net;
using Slate.Api.Previews;
using Slate.Data;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>Zou's download name of a preview file (names_service.get_preview_file_name).</summary>
public class PreviewFileNamesTests(SlateFactory factory) : IClassFixture<SlateFactory>
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

    [Fact]
    public async Task The_download_route_names_the_file_so()
    {
        var scene = await factory.CreateAnnotationSceneAsync(p => { p.Position = 2; p.OriginalName = "sketch final"; });
        await factory.StoreWhitePictureAsync(scene.Preview, 20, 10);
        async Task<string?> NameAsync()
        {
            var download = await scene.ManagerClient.GetAsync($"/api/pictures/originals/preview-files/{scene.Preview.Id}/download");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            return download.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        }

        Assert.Equal($"{scene.Project.Name}_character_{scene.Asset.Name}_{scene.TaskType.Name}_v1-2.png".ToLowerInvariant(), await NameAsync());
        await factory.WithDb(async db =>
        {
            (await Organisations.GetOrCreateAsync(db)).UseOriginalFileName = true;
            return await db.SaveChangesAsync();
        });
        Assert.Equal("sketch final-2.png", await NameAsync());
    }
}
