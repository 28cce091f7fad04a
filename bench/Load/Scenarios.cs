using System.Net;
using Slate.Bench.Seed;

namespace Slate.Bench.Load;

/// <summary>The hot requests of issue 7 on the manifest's rows, with the targets.</summary>
public static class Scenarios
{
    public static List<Scenario> For(Manifest manifest, string adminToken, string artistToken)
    {
        List<Scenario> scenarios =
        [
            new("login", HttpMethod.Post, "/auth/login", [])
            {
                Body = () => $$"""{"email": "{{manifest.Artist.Email}}", "password": "{{manifest.Artist.Password}}"}""",
            },
            Project(manifest, adminToken),
            new("user context", HttpMethod.Get, "/data/user/context", [new P50AtMost(50)]) { Token = artistToken },
            new("user tasks", HttpMethod.Get, "/data/user/tasks", [new P50AtMost(40)]) { Token = artistToken },
        ];
        // The stream form first: its memory growth is the one judged, measured before the other forms grew the heap.
        foreach (var (kind, project, p50) in new[]
                 {
                     (WithTasksKind.Assets, manifest.FeatureProjectId, 150.0),
                     (WithTasksKind.Shots, manifest.TvProjectId, 200.0),
                 })
        {
            var path = $"/data/{kind.ToString().ToLowerInvariant()}/with-tasks?project_id={project}";
            var bare = new BareQuery(kind, project);
            Target[] latency = kind == WithTasksKind.Assets ? [new P50AtMost(p50), new MultipleAtMost(2.5)] : [new P50AtMost(p50)];
            var name = $"{kind.ToString().ToLowerInvariant()} with-tasks";
            scenarios.Add(new($"{name} stream", HttpMethod.Get, path + "&stream=true", [.. latency, new MemoryAtMost(40)])
                { Token = adminToken, BareSql = bare });
            scenarios.Add(new($"{name} compact", HttpMethod.Get, path + "&compact=true", latency) { Token = adminToken, BareSql = bare });
            scenarios.Add(new(name, HttpMethod.Get, path, latency) { Token = adminToken, BareSql = bare });
        }
        scenarios.Add(new("playlist (400 shots)", HttpMethod.Get,
            $"/data/projects/{manifest.PlaylistProjectId}/playlists/{manifest.PlaylistId}", [new P50AtMost(100)])
        {
            Token = adminToken,
            MayBeMissing = true,
        });
        // Last, as it changes the data the reads above list.
        scenarios.Add(Comment(manifest, adminToken));
        return scenarios;
    }

    /// <summary>The cheapest authenticated read: the socket burst's latency probe too.</summary>
    public static Scenario Project(Manifest manifest, string adminToken) =>
        new("project", HttpMethod.Get, $"/data/projects/{manifest.FeatureProjectId}", [new RateAtLeast(8000)]) { Token = adminToken };

    /// <summary>A comment on the artist's task whose status alternates between the two ids.</summary>
    public static Scenario Comment(Manifest manifest, string adminToken)
    {
        var comments = 0;
        return new("comment with status change", HttpMethod.Post, $"/actions/tasks/{manifest.CommentTaskId}/comment", [new P50AtMost(15)])
        {
            Token = adminToken,
            Expected = HttpStatusCode.Created,
            Body = () =>
            {
                var count = Interlocked.Increment(ref comments);
                return $$"""{"task_status_id": "{{manifest.CommentStatusIds[count % 2]}}", "comment": "Bench note {{count}}"}""";
            },
            Written = new WrittenRows(manifest.CommentTaskId),
        };
    }
}
