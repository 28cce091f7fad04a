using System.Linq.Expressions;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Bench.Seed;
using Slate.Domain;
using Slate.Security;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;

namespace Slate.Tests.Bench;

/// <summary>The benchmark's dataset builder (bench/Seed) at a tiny scale, and what the API reads from its result.</summary>
public class SeedTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const double Scale = 0.01;

    /// <summary>The test host runs Slate's entry point, whose serve makes the first admin on an empty database: not the seeder's.</summary>
    static readonly Expression<Func<Person, bool>> Seeded = p => p.Email != Accounts.FirstAdminEmail;

    [Fact]
    public async Task Seeds_a_small_studio_the_api_reads_as_the_manifest_says()
    {
        var manifest = await new Dataset(factory.Services, 42, Scale, TextWriter.Null).BuildAsync();

        // 50 assets x 15 asset task types, 1 episode x 10 sequences x 10 shots x 8 shot task types.
        Assert.Equal(new Manifest.Tally(50, 100, 1550, 3100, 60, manifest.Counts.Previews), manifest.Counts);
        var stored = await factory.WithDb(async db => new Manifest.Tally(
            await db.Entities.CountAsync(e => e.ProjectId == manifest.FeatureProjectId),
            await db.Entities.CountAsync(e => e.ProjectId == manifest.TvProjectId && e.NbFrames != null),
            await db.Tasks.CountAsync(), await db.Comments.CountAsync(), await db.Persons.CountAsync(Seeded), await db.PreviewFiles.CountAsync()));
        Assert.Equal(manifest.Counts, stored);
        Assert.InRange(manifest.Counts.Previews, 1, 1549);
        string[] contract = ["seed", "admin", "artist", "feature_project_id", "tv_project_id", "comment_task_id",
            "comment_status_ids", "playlist_project_id", "playlist_id", "counts"];
        Assert.Equal(contract, JsonNode.Parse(manifest.ToJson())!.AsObject().Select(p => p.Key));

        // The artist's to-do list is their open tasks, the one to comment among them.
        var artist = await LoggedInAsync(manifest.Artist.Email, manifest.Artist.Password);
        var tasks = await ArrayAsync(await artist.GetAsync("/api/data/user/tasks"));
        Assert.Equal(5, tasks.Count);
        Assert.Contains(manifest.CommentTaskId.ToString(), Ids(tasks));
        Assert.All(tasks, t => Assert.NotNull((string?)t!["last_comment_date"]));

        // Two comments that moved the task: WIP first, then its current status.
        var task = await factory.WithDb(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == manifest.CommentTaskId));
        var comments = await factory.WithDb(db => db.Comments.AsNoTracking()
            .Where(c => c.ObjectId == task.Id).OrderBy(c => c.CreatedAt).ToListAsync());
        Assert.Equal([manifest.CommentStatusIds[0], task.TaskStatusId!.Value], comments.Select(c => c.TaskStatusId!.Value));
        Assert.Equal(comments[1].CreatedAt, task.LastCommentDate);

        // The playlist holds its shots, each with the shot's main preview.
        var playlist = await factory.WithDb(db => db.Playlists.AsNoTracking().SingleAsync(p => p.Id == manifest.PlaylistId));
        var entries = playlist.Shots!.AsArray();
        Assert.Equal(4, entries.Count);
        foreach (var entry in entries)
        {
            var shotId = Guid.Parse((string)entry!["entity_id"]!);
            var shot = await factory.WithDb(db => db.Entities.AsNoTracking().SingleAsync(e => e.Id == shotId));
            Assert.Equal(shot.PreviewFileId?.ToString(), (string?)entry["preview_file_id"]);
        }

        var admin = await LoggedInAsync(manifest.Admin.Email, manifest.Admin.Password);
        var assets = await ArrayAsync(await admin.GetAsync($"/api/data/assets/with-tasks?project_id={manifest.FeatureProjectId}"));
        Assert.Equal(50, assets.Count);
        Assert.All(assets, a => Assert.Equal(15, a!["tasks"]!.AsArray().Count));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_dataset()
    {
        var first = await SeedElsewhereAsync(7);
        var second = await SeedElsewhereAsync(7);
        // Task statuses come from init-data, with ids of their own: the rest is equal.
        Assert.Equal((first.Manifest with { CommentStatusIds = [] }).ToJson(), (second.Manifest with { CommentStatusIds = [] }).ToJson());
        Assert.Equal(first.Names, second.Names);
    }

    async Task<(Manifest Manifest, List<string> Names)> SeedElsewhereAsync(int seed)
    {
        await using var other = new SlateFactory();
        await other.InitializeAsync();
        var manifest = await new Dataset(other.Services, seed, Scale, TextWriter.Null).BuildAsync();
        // Two reads: a UNION ALL in SQL keeps neither part's order on PostgreSQL.
        var persons = await other.WithDb(db => db.Persons.Where(Seeded).OrderBy(p => p.Email).Select(p => p.FirstName + " " + p.LastName).ToListAsync());
        var entities = await other.WithDb(db => db.Entities.OrderBy(e => e.Id).Select(e => e.Name).ToListAsync());
        var names = persons.Concat(entities).ToList();
        return (manifest, names);
    }

    async Task<HttpClient> LoggedInAsync(string email, string password)
    {
        var client = factory.CreateClient();
        var login = await client.LoginAsync(email, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)login["access_token"]!);
        return client;
    }
}
