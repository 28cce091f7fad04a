using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Playlists;

/// <summary>The full playlist read (behavior-production.md §6.2): Zou's shape, refusals, query count.</summary>
public class PlaylistReadTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static string Path(Guid projectId, Guid playlistId) => $"/api/data/projects/{projectId}/playlists/{playlistId}";

    static string Time(DateTime? time) => time!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    static JsonObject Entry(string key, Entity entity, Guid? previewId) =>
        new() { [key] = entity.Id.ToString(), ["preview_file_id"] = previewId?.ToString() };

    /// <summary>A preview as the playlist lists it: no annotations, the status label.</summary>
    static JsonObject Light(PreviewFile preview) => new()
    {
            ["id"] = preview.Id.ToString(), ["revision"] = preview.Revision, ["extension"] = preview.Extension,
            ["width"] = preview.Width, ["height"] = preview.Height, ["duration"] = preview.Duration, ["status"] = "Ready",
            ["created_at"] = Time(preview.CreatedAt), ["task_id"] = preview.TaskId.ToString(),
    };

    /// <summary>A revision as the playlist lists it: its first preview, the others nested in "previews".</summary>
    static JsonObject Revision(PreviewFile first, params PreviewFile[] others) =>
        With(Light(first), ("previews", new JsonArray([.. others.Select(Light)])));

    static JsonObject With(JsonObject json, params (string Key, JsonNode? Value)[] more)
    {
        foreach (var (key, value) in more) json[key] = value;
        return json;
    }

    /// <summary>An entry's preview details after its stored keys, "id" and "preview_files".</summary>
    static JsonObject Details(JsonObject entry, PreviewFile preview, params PreviewFile[] nested) => With(entry,
        ("preview_file_extension", preview.Extension), ("preview_file_revision", preview.Revision), ("preview_file_width", preview.Width),
        ("preview_file_height", preview.Height), ("preview_file_duration", preview.Duration), ("preview_file_status", "Ready"),
        ("preview_file_task_id", preview.TaskId.ToString()), ("preview_file_previews", new JsonArray([.. nested.Select(Light)])));

    [Fact]
    public async Task The_playlist_comes_with_its_entries_previews_by_task_type_and_its_build_jobs()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync();
        var layout = await factory.CreateTaskTypeAsync("Shot", configure: t => t.Priority = 2);
        var animation = await factory.CreateTaskTypeAsync("Shot", configure: t => t.Priority = 1);
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var other = await factory.CreateEntityAsync(project, "Shot");
        var layoutTask = await factory.CreateTaskAsync(shot, layout);
        var animationTask = await factory.CreateTaskAsync(shot, animation);
        var blocking = await factory.CreatePreviewAsync(layoutTask, p => (p.Width, p.Height) = (180, 101));
        var firstTake = await factory.CreatePreviewAsync(animationTask, p => (p.Extension, p.Duration) = ("mp4", 1.5));
        var secondTake = await factory.CreatePreviewAsync(animationTask, p => (p.Extension, p.Revision, p.Width, p.Height) = ("mp4", 2, 1920, 1080));
        var secondTakeAlt = await factory.CreatePreviewAsync(animationTask, p => (p.Extension, p.Revision, p.Position) = ("mp4", 2, 2));
        var gone = Guid.NewGuid();
        var playlist = await factory.CreatePlaylistAsync(project,
        [
            Entry("entity_id", shot, secondTake.Id), Entry("shot_id", shot, secondTakeAlt.Id), Entry("id", shot, blocking.Id),
            Entry("entity_id", other, gone),
        ]);
        var older = await factory.CreateBuildJobAsync(playlist, "succeeded", new DateTime(2026, 1, 2, 10, 0, 0));
        var newer = await factory.CreateBuildJobAsync(playlist, "running", new DateTime(2026, 1, 3, 10, 0, 0));

        var response = await admin.GetAsync(Path(project.Id, playlist.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject PreviewFiles() => new()
        {
            [layout.Id.ToString()] = new JsonArray(Revision(blocking)),
            [animation.Id.ToString()] = new JsonArray(Revision(secondTake, secondTakeAlt), Revision(firstTake)),
        };
        var expected = new JsonObject
        {
            ["name"] = playlist.Name,
            ["shots"] = new JsonArray(
                Details(With(Entry("entity_id", shot, secondTake.Id), ("id", shot.Id.ToString()), ("preview_files", PreviewFiles())),
                    secondTake, secondTakeAlt),
                Details(With(Entry("shot_id", shot, secondTakeAlt.Id), ("id", shot.Id.ToString()), ("preview_files", PreviewFiles())),
                    secondTakeAlt),
                Details(With(Entry("id", shot, blocking.Id), ("preview_files", PreviewFiles())), blocking),
                new JsonObject { ["entity_id"] = other.Id.ToString(), ["id"] = other.Id.ToString(), ["preview_files"] = new JsonArray() }),
            ["project_id"] = project.Id.ToString(),
            ["episode_id"] = null,
            ["task_type_id"] = null,
            ["for_client"] = false,
            ["for_entity"] = "shot",
            ["is_for_all"] = false,
            ["created_by"] = null,
            ["id"] = playlist.Id.ToString(),
            ["created_at"] = Time(playlist.CreatedAt),
            ["updated_at"] = Time(playlist.UpdatedAt),
            ["type"] = "Playlist",
            ["build_jobs"] = new JsonArray(
                new JsonObject { ["id"] = newer.Id.ToString(), ["status"] = "running", ["created_at"] = Time(newer.CreatedAt) },
                new JsonObject { ["id"] = older.Id.ToString(), ["status"] = "succeeded", ["created_at"] = Time(older.CreatedAt) }),
        };
        // Key order included, as Zou's dicts keep it.
        Assert.Equal(expected.ToJsonString(), (await response.JsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task An_empty_playlist_has_no_entries()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var project = await factory.CreateProjectAsync();
        var playlist = await factory.CreatePlaylistAsync(project, [], p => p.Shots = null);

        var body = await (await admin.GetAsync(Path(project.Id, playlist.Id))).ReadJsonObjectAsync();

        Assert.Equal(new JsonArray(), body["shots"], JsonNode.DeepEquals);
        Assert.Equal(new JsonArray(), body["build_jobs"], JsonNode.DeepEquals);
    }

    [Fact]
    public async Task The_team_but_its_vendors_reads_a_playlist_of_the_project_given()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.CreatePersonAsync("client");
        var vendor = await factory.CreatePersonAsync("vendor");
        var project = await factory.CreateProjectAsync(true, (artist, null), (client, null), (vendor, null));
        var otherProject = await factory.CreateProjectAsync(true, (artist, null));
        var playlist = await factory.CreatePlaylistAsync(project, []);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(artist)).GetAsync(Path(project.Id, playlist.Id))).StatusCode);
        // Zou does not check for_client here.
        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientForAsync(client)).GetAsync(Path(project.Id, playlist.Id))).StatusCode);
        await (await (await factory.ClientForAsync(vendor)).GetAsync(Path(project.Id, playlist.Id)))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await outsider.GetAsync(Path(project.Id, playlist.Id))).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        // A playlist read through another project than its own is not found, even by its team.
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientForAsync(artist)).GetAsync(Path(otherProject.Id, playlist.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Path(Guid.NewGuid(), playlist.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Path(project.Id, Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_entries()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var layout = await factory.CreateTaskTypeAsync("Shot");
        var animation = await factory.CreateTaskTypeAsync("Shot");

        async Task<int> CountAsync(int shots)
        {
            var project = await factory.CreateProjectAsync(true, (artist, null));
            var entries = new List<JsonObject>();
            for (var i = 0; i < shots; i++)
            {
                var shot = await factory.CreateEntityAsync(project, "Shot");
                var layoutPreview = await factory.CreatePreviewAsync(await factory.CreateTaskAsync(shot, layout));
                var animationTask = await factory.CreateTaskAsync(shot, animation);
                await factory.CreatePreviewAsync(animationTask);
                var latest = await factory.CreatePreviewAsync(animationTask, p => p.Revision = 2);
                entries.Add(Entry("entity_id", shot, i % 2 == 0 ? latest.Id : layoutPreview.Id));
            }
            var playlist = await factory.CreatePlaylistAsync(project, entries);
            await factory.CreateBuildJobAsync(playlist, "succeeded", new DateTime(2026, 1, 1));

            using var counter = await SqlCommandCounter.StartAsync(factory);
            var response = await client.GetAsync(Path(project.Id, playlist.Id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(shots, (await response.ReadJsonObjectAsync())["shots"]!.AsArray().Count);
            return counter.Count;
        }

        var few = await CountAsync(5);
        // The login checks and the caller's role, then the playlist, the previews of its entities, its build jobs.
        Assert.InRange(few, 4, 7);
        Assert.Equal(few, await CountAsync(50));
    }
}
