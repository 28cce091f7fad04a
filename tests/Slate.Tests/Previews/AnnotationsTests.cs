using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Previews.AnnotationData;

namespace Slate.Tests.Previews;

/// <summary>PUT /actions/preview-files/{id}/update-annotations (behavior-production.md §5.8).</summary>
public class AnnotationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static JsonObject Shape(string? id, string color = "#ff0000")
    {
        var shape = new JsonObject { ["type"] = "rect", ["left"] = 1, ["top"] = 2, ["width"] = 3, ["height"] = 4, ["stroke"] = color };
        if (id is not null) shape["id"] = id;
        return shape;
    }

    static async Task<JsonArray> AnnotationsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadJsonObjectAsync();
        Assert.Equal("PreviewFile", (string?)preview["type"]);
        return preview["annotations"]!.AsArray();
    }

    static List<string?> Ids(JsonNode? annotation) => [.. annotation!["drawing"]!["objects"]!.AsArray().Select(o => (string?)o!["id"])];

    [Fact]
    public async Task Additions_updates_and_deletions_merge_by_time_and_object_id()
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        var client = scene.ManagerClient;

        var first = await AnnotationsOf(await client.UpdateAnnotationsAsync(scene.Preview,
            Body(additions: [At(0, Shape("a"), Shape(null)), At(1.04, Shape("b"))])));
        Assert.Equal([0.0, 1.04], first.Select(a => (double)a!["time"]!));
        var given = Ids(first[0])[1];
        Assert.True(Guid.TryParse(given, out _), "an object without id gets one");

        // Adding at a known time: only the objects whose id is new; an existing one is not overwritten.
        var second = await AnnotationsOf(await client.UpdateAnnotationsAsync(scene.Preview,
            Body(additions: [At(0, Shape("a", "#00ff00"), Shape("c"))])));
        Assert.Equal(["a", given, "c"], Ids(second[0]));
        Assert.Equal("#ff0000", (string?)second[0]!["drawing"]!["objects"]![0]!["stroke"]);

        // Updates replace known ids (moved last) and ignore unknown ids and times; deletions drop ids, then empty times.
        var third = await AnnotationsOf(await client.UpdateAnnotationsAsync(scene.Preview, Body(
            updates: [At(0, Shape("a", "#0000ff"), Shape("unknown")), At(5, Shape("b"))],
            deletions: [Deleting(0, "c"), Deleting(1.04, "b")])));
        Assert.Single(third);
        Assert.Equal([given, "a"], Ids(third[0]));
        Assert.Equal("#0000ff", (string?)third[0]!["drawing"]!["objects"]![1]!["stroke"]);

        var stored = await factory.WithDb(db => db.PreviewFiles.AsNoTracking().SingleAsync(p => p.Id == scene.Preview.Id));
        Responses.AssertJsonEqual(third, stored.Annotations);
    }

    [Fact]
    public async Task The_change_is_recorded_as_an_annotation_update_event()
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        var answer = await (await scene.ManagerClient.UpdateAnnotationsAsync(scene.Preview, Body(additions: [At(0, Shape("a"))]))).ReadJsonObjectAsync();

        var events = await factory.WithDb(db => db.ApiEvents.AsNoTracking()
            .Where(e => e.Name == "preview-file:annotation-update" && e.ProjectId == scene.Project.Id).ToListAsync());
        var data = Assert.Single(events).Data!;
        Assert.Equal(scene.Preview.Id.ToString(), (string?)data["preview_file_id"]);
        Assert.Equal(scene.Manager.Id.ToString(), (string?)data["person_id"]);
        Assert.Equal((string?)answer["updated_at"], (string?)data["updated_at"]);
        Assert.Equal(scene.Project.Id.ToString(), (string?)data["project_id"]);
    }

    [Fact]
    public async Task Managers_clients_and_supervisors_of_the_department_annotate_artists_and_vendors_do_not()
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        var otherDepartment = await factory.CreateDepartmentAsync();
        async Task<HttpClient> MemberAsync(string role, Department? department = null, bool inTeam = true)
        {
            var person = await factory.CreatePersonAsync(role);
            if (inTeam) await factory.AddToTeamAsync(scene.Project.Id, person);
            if (department is not null)
                await factory.Save(new DepartmentLink { DepartmentId = department.Id, PersonId = person.Id });
            return await factory.ClientForAsync(person);
        }
        var allowed = new Dictionary<string, HttpClient>
        {
            ["client"] = await MemberAsync("client"),
            ["supervisor of the department"] = await MemberAsync("supervisor", scene.Department),
            ["supervisor of no department"] = await MemberAsync("supervisor"),
            ["admin outside the team"] = await MemberAsync("admin", inTeam: false),
        };
        var refused = new Dictionary<string, HttpClient>
        {
            ["artist"] = await MemberAsync("user", scene.Department),
            ["vendor"] = await MemberAsync("vendor"),
            ["supervisor of another department"] = await MemberAsync("supervisor", otherDepartment),
            ["manager outside the team"] = await MemberAsync("manager", inTeam: false),
        };

        foreach (var (role, client) in refused)
        {
            var response = await client.UpdateAnnotationsAsync(scene.Preview, Body(additions: [At(0, Shape(role))]));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, role);
        }
        foreach (var (role, client) in allowed)
        {
            var response = await client.UpdateAnnotationsAsync(scene.Preview, Body(additions: [At(0, Shape(role))]));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {(int)response.StatusCode}");
        }
        var stored = await factory.WithDb(db => db.PreviewFiles.AsNoTracking().SingleAsync(p => p.Id == scene.Preview.Id));
        Assert.Equal(allowed.Keys.Order(), Ids(stored.Annotations![0]).Order());
    }

    [Fact]
    public async Task Bodies_zou_could_not_read_are_refused_with_400_naming_the_field()
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        var client = scene.ManagerClient;
        async Task AssertRefusedAsync(string json, string? field)
        {
            var response = await client.PutAsync($"/api/actions/preview-files/{scene.Preview.Id}/update-annotations",
                new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, json);
            var body = await response.ReadJsonObjectAsync();
            if (field is not null) Assert.Equal(field, (string?)body["data"]!["errors"]![0]!["field"]);
        }

        await AssertRefusedAsync("{\"additions\": {}}", "additions");
        await AssertRefusedAsync("{\"updates\": null}", "updates");
        await AssertRefusedAsync("{\"additions\": [3]}", "additions.0");
        await AssertRefusedAsync("{\"additions\": [{\"drawing\": {\"objects\": []}}]}", "additions.0.time");
        await AssertRefusedAsync("{\"additions\": [{\"time\": 0, \"drawing\": []}]}", "additions.0.drawing");
        await AssertRefusedAsync("{\"updates\": [{\"time\": 0, \"drawing\": {\"objects\": {}}}]}", "updates.0.drawing.objects");
        await AssertRefusedAsync("{\"additions\": [{\"time\": 0, \"drawing\": {\"objects\": [\"x\"]}}]}", "additions.0.drawing.objects.0");
        await AssertRefusedAsync("{\"deletions\": [{\"objects\": [\"a\"]}]}", "deletions.0.time");
        await AssertRefusedAsync("{\"deletions\": [{\"time\": 0, \"objects\": \"a\"}]}", "deletions.0.objects");
        await AssertRefusedAsync("[1, 2]", null);
        await AssertRefusedAsync("{\"additions\": [", null);

        // Numbers out of a double's range are kept as sent, not a 500.
        var huge = await AnnotationsOf(await client.PutAsync($"/api/actions/preview-files/{scene.Preview.Id}/update-annotations",
            new StringContent("{\"additions\": [{\"time\": 1e400, \"drawing\": {\"objects\": [{\"id\": 1e400}]}}]}", Encoding.UTF8, "application/json")));
        Assert.Single(huge);
        await AnnotationsOf(await client.UpdateAnnotationsAsync(scene.Preview, new { deletions = new[] { new { time = 1e300, objects = new[] { 1 } } } }));

        // An empty body changes nothing more; an unknown preview is a 404.
        Assert.Single(await AnnotationsOf(await client.UpdateAnnotationsAsync(scene.Preview, new { })));
        var unknown = await client.PutAsJsonAsync($"/api/actions/preview-files/{Guid.NewGuid()}/update-annotations", Body());
        await unknown.AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Concurrent_additions_on_one_preview_are_all_kept()
    {
        var scene = await factory.CreateAnnotationSceneAsync();
        var ids = Enumerable.Range(0, 8).Select(i => $"object-{i}").ToList();

        var responses = await Task.WhenAll(ids.Select(id =>
            scene.ManagerClient.UpdateAnnotationsAsync(scene.Preview, Body(additions: [At(0, Shape(id))]))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await factory.WithDb(db => db.PreviewFiles.AsNoTracking().SingleAsync(p => p.Id == scene.Preview.Id));
        Assert.Equal(ids, Ids(stored.Annotations![0]).Order());
    }
}
