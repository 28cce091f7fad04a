using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Slate.Api.Index;
using Slate.Data;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Index;

public class StatusTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Status_reports_each_service()
    {
        var response = await factory.CreateClient().GetAsync("/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = new JsonObject
        {
            ["name"] = "Zou",
            ["version"] = "1.0.67",
            ["database-up"] = true,
            ["key-value-store-up"] = true,
            ["event-stream-up"] = true,
            ["job-queue-up"] = false,
            ["indexer-up"] = false,
        };
        Responses.AssertJsonEqual(expected, await response.ReadJsonObjectAsync());
    }

    [Fact]
    public async Task Influx_status_gives_flags_as_integers_and_the_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var response = await factory.CreateClient().GetAsync("/status/influx");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();
        Assert.Equal(6, body.Count);
        Assert.Equal(1, (int)body["database-up"]!);
        Assert.Equal(1, (int)body["key-value-store-up"]!);
        Assert.Equal(1, (int)body["event-stream-up"]!);
        Assert.Equal(0, (int)body["job-queue-up"]!);
        Assert.Equal(0, (int)body["indexer-up"]!);
        Assert.InRange((double)body["time"]!, before - 1, after + 1);
    }

    [Fact]
    public async Task Text_status_has_Zou_lines_and_bare_text_type()
    {
        var response = await factory.CreateClient().GetAsync("/status.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text", string.Join(",", response.Content.Headers.NonValidated["Content-Type"]));
        Assert.Equal(
            "name: Zou\nversion: 1.0.67\ndatabase-up: up\nevent-stream-up: up\nkey-value-store-up: up\njob-queue-up: down\nindexer-up: down\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resources_report_cpu_memory_and_jobs()
    {
        var response = await factory.CreateClient().GetAsync("/status/resources");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonObjectAsync();

        Assert.True(DateTime.TryParseExact((string?)body["date"], "yyyy-MM-ddTHH:mm:ss.ffffff",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date));
        Assert.InRange(date, DateTime.Now.AddMinutes(-1), DateTime.Now.AddMinutes(1));

        var percents = body["cpu"]!["percent"]!.AsArray().Select(p => (double)p!).ToList();
        Assert.NotEmpty(percents);
        Assert.All(percents, p => Assert.InRange(p, 0, 100));
        var load = body["cpu"]!["loadavg"]!.AsObject();
        Assert.Equal(["last 1 min", "last 5 min", "last 10 min"], load.Select(pair => pair.Key));
        Assert.All(load, pair => Assert.True((double)pair.Value! >= 0));

        var memory = body["memory"]!.AsObject();
        var total = (long)memory["total"]!;
        Assert.True(total > 0);
        Assert.InRange((long)memory["used"]!, 1, total);
        Assert.InRange((long)memory["available"]!, 1, total);
        Assert.InRange((double)memory["percent"]!, 0, 100);

        Assert.Equal(0, (int)body["jobs"]!["running_jobs"]!);
    }

    [Fact]
    public async Task Database_without_Zou_schema_is_reported_down()
    {
        // An empty in-memory database: reachable, but no project_status table.
        var options = new DbContextOptionsBuilder<SqliteSlateDb>().UseSqlite("Data Source=:memory:").Options;
        await using var db = new SqliteSlateDb(options);
        var settings = Settings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SLATE_DATA_DIR"] = Path.GetTempPath(), ["SECRET_KEY"] = "unused" })
            .Build());
        var index = new IndexService(db, settings, NullLogger<IndexService>.Instance);

        var probes = await index.ProbeAsync(CancellationToken.None);

        Assert.False(probes.Database);
        Assert.True(probes.KeyValueStore);
    }
}
