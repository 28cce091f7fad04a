using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Bench.Load;
using Slate.Bench.Seed;

// slate-bench-load --url URL --data-dir DIR [--postgres CONN] [--server-pid PID] [--duration S] [--warmup S]
//                  [--sql-runs N] [--sockets N] [--events N] --out FILE
//   measures every scenario against one running server and writes its figures (JSON) to FILE.
// slate-bench-load report --out-dir DIR --commit SHA FILE...
//   puts the figures of each database together in DIR/results.json and DIR/results.md, and prints the tables.
try
{
    var options = Options.Parse(args);
    if (options.Positional is ["report", .. var files]) return await Report(options, files);
    if (options.Positional.Count > 0) throw new ArgumentException($"Unknown argument {options.Positional[0]}.");
    return await Measure(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or JsonException or HttpRequestException or InvalidOperationException)
{
    // No manifest, no server, no sign-in: nothing to measure.
    Console.Error.WriteLine($"slate-bench-load: {e.Message}");
    return 1;
}

static async Task<int> Measure(Options options)
{
    var dataDir = options.Required("data-dir");
    var manifest = Manifest.Read(dataDir);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = new Uri(options.Required("url").TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromMinutes(5),
    };
    await using var database = await Database.OpenAsync(dataDir, options.Text("postgres"));
    var (warmup, duration) = (options.Number("warmup", 1), options.Number("duration", 5));
    var runner = new LoadRunner(http, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(duration));
    var memory = options.Text("server-pid") is { } pid ? new MemorySampler(int.Parse(pid)) : null;
    var benchmark = new Benchmark(runner, database, memory, [1, 16], (int)options.Number("sql-runs", 5));

    Console.WriteLine($"== {database.Name}: {manifest.Counts}");
    var (adminToken, artistToken) = (await LogInAsync(http, manifest.Admin), await LogInAsync(http, manifest.Artist));
    var scenarios = Scenarios.For(manifest, adminToken, artistToken);
    var serverWarmup = options.Number("server-warmup", 10);
    Console.WriteLine($"Warming the server up: {serverWarmup} s of the read scenarios, unmeasured.");
    await runner.WarmUpServerAsync(scenarios, TimeSpan.FromSeconds(serverWarmup));
    List<ScenarioResult> results = [];
    foreach (var scenario in scenarios) results.Add(await benchmark.RunAsync(scenario));

    var burst = new SocketBurst(http, runner, database, manifest.TvProjectId, (int)options.Number("sockets", 500), (int)options.Number("events", 1000),
        TimeSpan.FromSeconds(duration));
    SocketBurstResult? sockets = null;
    string? socketsFailure = null;
    try
    {
        sockets = await burst.RunAsync(Scenarios.Project(manifest, adminToken), adminToken, artistToken);
    }
    catch (Exception e) when (e is ScenarioFailedException or WebSocketException or HttpRequestException or InvalidOperationException)
    {
        socketsFailure = e.Message;
        Console.Error.WriteLine($"  FAILED: {e.Message}");
    }

    var output = new DatabaseResult(database.Name, await database.DescribeAsync(), manifest.Counts, serverWarmup, warmup, duration, results,
        sockets, socketsFailure);
    await File.WriteAllTextAsync(options.Required("out"), JsonSerializer.Serialize(output, Json.Options));
    var failed = results.Where(r => r.Outcome == Outcome.Failed).Select(r => r.Name).ToList();
    if (sockets is null || sockets.Targets.Any(t => t.Target == SocketBurst.NoneLost && !t.Met)) failed.Add("socket burst");
    if (failed.Count == 0) return 0;
    Console.Error.WriteLine($"FAILED on {database.Name}: {string.Join(", ", failed)}");
    return 1;
}

static async Task<string> LogInAsync(HttpClient http, Manifest.Login account)
{
    using var response = await http.PostAsJsonAsync("api/auth/login", new { email = account.Email, password = account.Password });
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || JsonNode.Parse(body)?["access_token"]?.GetValue<string>() is not { } token)
        throw new InvalidOperationException($"Logging in as {account.Email} answered {(int)response.StatusCode}: {body}");
    return token;
}

static async Task<int> Report(Options options, IEnumerable<string> files)
{
    List<DatabaseResult> databases = [];
    foreach (var file in files)
        databases.Add(JsonSerializer.Deserialize<DatabaseResult>(await File.ReadAllTextAsync(file), Json.Options)
                      ?? throw new InvalidDataException($"{file} is empty."));
    var report = new BenchReport(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"), options.Required("commit"), MachineInfo.Read(), databases);
    var outDir = options.Required("out-dir");
    var notes = options.Text("notes") is { } notesFile ? await File.ReadAllTextAsync(notesFile) : null;
    var markdown = ReportWriter.Markdown(report, notes);
    await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(report, Json.Options));
    await File.WriteAllTextAsync(Path.Combine(outDir, "results.md"), markdown);
    Console.WriteLine(markdown);
    return 0;
}
