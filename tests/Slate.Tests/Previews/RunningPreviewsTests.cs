using System.Net;
using System.Text.Json.Nodes;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Previews;

/// <summary>GET /data/playlists/preview-files/running (behavior-production.md §5.9).</summary>
public class RunningPreviewsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string Route = "/api/data/playlists/preview-files/running";

    static int productions;

    /// <summary>
    /// Previews dated after anything else in the class's database (2099 and later), so they head the list:
    /// processing, broken and missing ones in an open production, a ready one, and a processing
    /// one in a closed production.
    /// </summary>
    async Task<(Production Open, Guid[] Running, Guid Ready, Guid Closed)> PreviewsAsync()
    {
        var open = await factory.CreateProductionAsync();
        var closed = await factory.CreateProductionAsync("Closed");
        var day = new DateTime(2099, 1, 1).AddDays(Interlocked.Increment(ref productions)); // each call's previews are the newest
        var processing = await factory.CreatePreviewAsync(open.TaskId, p => (p.Status, p.CreatedAt) = ("processing", day.AddHours(3)));
        var broken = await factory.CreatePreviewAsync(open.TaskId, p => (p.Status, p.CreatedAt) = ("broken", day.AddHours(2)));
        var missing = await factory.CreatePreviewAsync(open.TaskId, p => (p.Status, p.CreatedAt) = ("missing", day.AddHours(1)));
        var ready = await factory.CreatePreviewAsync(open.TaskId, p => (p.Status, p.CreatedAt) = ("ready", day.AddHours(4)));
        var hidden = await factory.CreatePreviewAsync(closed.TaskId, p => (p.Status, p.CreatedAt) = ("processing", day.AddHours(5)));
        return (open, [processing.Id, broken.Id, missing.Id], ready.Id, hidden.Id);
    }

    static List<Guid> Ids(JsonArray rows) => [.. rows.Select(row => Guid.Parse((string)row!["id"]!))];

    [Fact]
    public async Task Admins_see_the_unfinished_previews_of_open_productions_newest_first_with_their_task_and_entity()
    {
        var (open, running, ready, closed) = await PreviewsAsync();
        var admin = await factory.AdminClientAsync();

        var rows = await Responses.ArrayAsync(await admin.GetAsync(Route));
        Assert.Equal(running, Ids(rows).Take(3));
        Assert.DoesNotContain(ready, Ids(rows));
        Assert.DoesNotContain(closed, Ids(rows));
        var first = rows[0]!.AsObject();
        Assert.Equal(("processing", "PreviewFile"), ((string)first["status"]!, (string)first["type"]!));
        Assert.Equal(open.ProjectId.ToString(), (string)first["project_id"]!);
        Assert.Equal(open.TaskTypeId.ToString(), (string)first["task_type_id"]!);
        Assert.Equal(open.TaskId.ToString(), (string)first["task_id"]!);
        Assert.StartsWith("Type", (string)first["full_entity_name"]!); // "<asset type> / <asset>"
        Assert.Contains(" / Asset", (string)first["full_entity_name"]!);
    }

    [Fact]
    public async Task A_cursor_pages_to_older_previews_and_a_limit_cuts_the_page()
    {
        var (_, running, _, _) = await PreviewsAsync();
        var admin = await factory.AdminClientAsync();

        Assert.Equal(running[..2], Ids(await Responses.ArrayAsync(await admin.GetAsync($"{Route}?limit=2"))));
        Assert.Equal(running[1..], Ids(await Responses.ArrayAsync(await admin.GetAsync($"{Route}?cursor_preview_file_id={running[0]}"))).Take(2));
        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"{Route}?cursor_preview_file_id={unknown}")).AssertWrongParameterAsync($"No preview file found with id: {unknown}");
        await (await admin.GetAsync($"{Route}?cursor_preview_file_id=nope")).AssertWrongParameterAsync("Invalid UUID value: nope");
        await (await admin.GetAsync($"{Route}?limit=many")).AssertWrongParameterAsync("limit must be an integer.");
        await (await admin.GetAsync($"{Route}?limit=-1")).AssertWrongParameterAsync("limit must be a positive integer.");
    }

    [Fact]
    public async Task Only_admins_may_list_them()
    {
        var production = await factory.CreateProductionAsync();
        var manager = await factory.ClientForAsync(await factory.CreateMemberAsync(production, "manager"));
        await (await manager.GetAsync(Route)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
