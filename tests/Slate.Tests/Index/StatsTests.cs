using System.Net;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Index;

public class StatsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_reads_preview_and_comment_counts()
    {
        var admin = await factory.CreatePersonAsync("admin");
        await factory.WithDb(async db =>
        {
            foreach (var (extension, number) in new[] { ("mp4", 1), ("png", 2), ("obj", 3) })
                for (var i = 0; i < number; i++)
                    db.PreviewFiles.Add(new PreviewFile { Name = "main", Extension = extension });
            db.Comments.Add(new Comment { ObjectId = Guid.NewGuid(), ObjectType = "Task", PersonId = admin.Id, Text = "ok" });
            return await db.SaveChangesAsync();
        });
        var client = await factory.ClientForAsync(admin);

        var response = await client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.ReadJsonObjectAsync();
        Assert.Equal(1, (int)stats["number_of_video_previews"]!);
        Assert.Equal(2, (int)stats["number_of_picture_previews"]!);
        Assert.Equal(3, (int)stats["number_of_model_previews"]!);
        Assert.Equal(1, (int)stats["number_of_comments"]!);
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("supervisor")]
    [InlineData("user")]
    [InlineData("client")]
    [InlineData("vendor")]
    public async Task Other_roles_are_refused(string role)
    {
        var client = await factory.ClientForAsync(await factory.CreatePersonAsync(role));

        var response = await client.GetAsync("/api/stats");

        await response.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Anonymous_is_refused()
    {
        var response = await factory.CreateClient().GetAsync("/stats");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
