using System.Net;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using SixLabors.ImageSharp.PixelFormats;

namespace Slate.Tests.Previews;

/// <summary>Avatars of persons, projects and the organisation: POST and GET /pictures/thumbnails/{type}/{id}[.png].</summary>
public class AvatarTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string PersonPath(Person person, string suffix = "") => $"/api/pictures/thumbnails/persons/{person.Id}{suffix}";

    [Fact]
    public async Task Person_uploads_own_avatar_letterboxed_to_400_square_and_reads_it_back()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);

        var response = await client.PostAsync(PersonPath(artist), PictureData.Upload(PictureData.Png(300, 150), "avatar.png"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Responses.AssertJsonEqual(new System.Text.Json.Nodes.JsonObject { ["thumbnail_path"] = $"pictures/thumbnails/persons/{artist.Id}.png" },
            await response.ReadJsonObjectAsync());
        Assert.True((await factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == artist.Id))).HasAvatar);
        Assert.True(File.Exists(factory.StoredPath("thumbnails", artist.Id)));
        Assert.Contains(await factory.WithDb(db => db.ApiEvents.AsNoTracking().Where(e => e.Name == "person:set-thumbnail").ToListAsync()),
            e => (string?)e.Data!["person_id"] == artist.Id.ToString());

        foreach (var suffix in new[] { "", ".png" })
        {
            var read = await client.GetAsync(PersonPath(artist, suffix));
            Assert.Equal("inline; filename=\"\"", read.Content.Headers.ContentDisposition?.ToString());
            using var avatar = await read.ReadPictureAsync();
            Assert.Equal((400, 400), (avatar.Width, avatar.Height));
            // 300×150 fits as 400×200, centered: transparent bands above and below, red in the middle.
            Assert.Equal(0, avatar[200, 50].A);
            Assert.Equal(0, avatar[200, 350].A);
            Assert.Equal(PictureData.Red, avatar[200, 200]);
        }
    }

    [Fact]
    public async Task A_small_jpeg_is_scaled_up_to_fill_the_box()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsync(PersonPath(artist, ".png"), PictureData.Upload(PictureData.Jpeg(40, 40), "me.jpg", "image/jpeg"))).StatusCode);

        using var avatar = await (await client.GetAsync(PersonPath(artist))).ReadPictureAsync();
        Assert.Equal((400, 400), (avatar.Width, avatar.Height));
        Assert.Equal(255, avatar[0, 0].A);
        Assert.Equal(255, avatar[399, 399].A);
    }

    [Fact]
    public async Task Other_persons_avatar_is_refused_to_non_admins_and_allowed_to_admins()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var before = (await factory.StoredPicturesAsync()).Length;

        await (await (await factory.ClientForAsync(artist)).PostAsync(PersonPath(other), PictureData.Upload(PictureData.Png(10, 10), "a.png")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(before, (await factory.StoredPicturesAsync()).Length);
        Assert.False((await factory.WithDb(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == other.Id))).HasAvatar);

        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(PersonPath(other), PictureData.Upload(PictureData.Png(10, 10), "a.png"))).StatusCode);
    }

    [Fact]
    public async Task Unknown_person_or_missing_avatar_is_404()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var noAvatar = await factory.CreatePersonAsync();

        await (await admin.PostAsync($"/api/pictures/thumbnails/persons/{Guid.NewGuid()}", PictureData.Upload(PictureData.Png(10, 10), "a.png")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/pictures/thumbnails/persons/not-an-id.png")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync(PersonPath(noAvatar))).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Clearing_an_avatar_removes_its_file()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        await client.PostAsync(PersonPath(artist), PictureData.Upload(PictureData.Png(20, 20), "a.png"));
        Assert.True(File.Exists(factory.StoredPath("thumbnails", artist.Id)));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/actions/user/clear-avatar")).StatusCode);

        Assert.False(File.Exists(factory.StoredPath("thumbnails", artist.Id)));
        await (await client.GetAsync(PersonPath(artist))).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Project_avatar_by_its_manager_on_the_plain_path_and_by_admins_on_the_png_path()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var outsider = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var managerClient = await factory.ClientForAsync(manager);
        var path = $"/api/pictures/thumbnails/projects/{project.Id}";

        await (await (await factory.ClientForAsync(artist)).PostAsync(path, PictureData.Upload(PictureData.Png(10, 10), "p.png")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await managerClient.PostAsync(path + ".png", PictureData.Upload(PictureData.Png(10, 10), "p.png")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var created = await managerClient.PostAsync(path, PictureData.Upload(PictureData.Jpeg(64, 32), "p.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"pictures/thumbnails/projects/{project.Id}.png", (string?)(await created.ReadJsonObjectAsync())["thumbnail_path"]);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(path + ".png", PictureData.Upload(PictureData.Png(10, 10), "p.png"))).StatusCode);
        Assert.True((await factory.WithDb(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id))).HasAvatar);

        using (var avatar = await (await (await factory.ClientForAsync(artist)).GetAsync(path + ".png")).ReadPictureAsync())
            Assert.Equal((400, 400), (avatar.Width, avatar.Height));
        await (await (await factory.ClientForAsync(outsider)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Organisation_avatar_by_admins_on_the_studios_own_id()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync());
        var organisation = await factory.WithDb(Organisations.GetOrCreateAsync);
        var path = $"/api/pictures/thumbnails/organisations/{organisation.Id}";

        await (await artist.PostAsync(path, PictureData.Upload(PictureData.Png(10, 10), "o.png")))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.PostAsync($"/api/pictures/thumbnails/organisations/{Guid.NewGuid()}", PictureData.Upload(PictureData.Png(10, 10), "o.png")))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(path + ".png", PictureData.Upload(PictureData.Png(10, 10), "o.png"))).StatusCode);

        using var avatar = await (await artist.GetAsync(path)).ReadPictureAsync();
        Assert.Equal((400, 400), (avatar.Width, avatar.Height));
    }

    [Fact]
    public async Task With_default_limits_a_40000_by_40000_png_is_refused()
    {
        var artist = await factory.CreatePersonAsync();
        var before = (await factory.StoredPicturesAsync());
        var response = await (await factory.ClientForAsync(artist))
            .PostAsync(PersonPath(artist), PictureData.Upload(PictureData.PngClaiming(40_000, 40_000), "bomb.png"));
        await response.AssertWrongParameterAsync("Picture too large: 40000 x 40000 pixels, more than the 400000000 allowed.");
        Assert.Equal(before, (await factory.StoredPicturesAsync()));
    }
}
