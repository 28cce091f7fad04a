using System.Net;
using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.EventLog;

/// <summary>Zou's events blueprint: the api_event log with its filters and scoping, its names, and the login log.</summary>
public class EventLogTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly DateTime Noon = new(2031, 3, 4, 12, 0, 0);

    /// <summary>An event of the project (or of none) by the author, created <paramref name="minutes"/> after noon.</summary>
    static ApiEvent Event(string name, Guid? project, Guid author, int minutes) => new()
    {
        Name = name, ProjectId = project, UserId = author, CreatedAt = Noon.AddMinutes(minutes),
        Data = new JsonObject { ["x"] = minutes },
    };

    static List<string?> Names(JsonArray rows) => [.. rows.Select(r => (string?)r!["name"])];

    [Fact]
    public async Task Admins_read_the_log_newest_first_with_every_filter()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var client = await factory.ClientForAsync(admin);
        var author = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync();
        var first = Event("asset:new", project.Id, author.Id, 0);
        var third = Event("preview-file:add-file", project.Id, author.Id, 2);
        await factory.Save(first, Event("task:update", project.Id, author.Id, 1), third, Event("person:update", null, author.Id, 3));
        var byAuthor = $"/api/data/events/last?person_ids={author.Id}";

        var all = await Responses.ArrayAsync(await client.GetAsync(byAuthor));
        Assert.Equal(["person:update", "preview-file:add-file", "task:update", "asset:new"], Names(all));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["id"] = first.Id.ToString(), ["created_at"] = "2031-03-04T12:00:00", ["name"] = "asset:new",
            ["user_id"] = author.Id.ToString(), ["project_id"] = project.Id.ToString(), ["data"] = new JsonObject { ["x"] = 0 },
        }, all[3]);

        async Task<List<string?>> NamesFor(string filters) => Names(await Responses.ArrayAsync(await client.GetAsync(byAuthor + filters)));
        Assert.Equal(["preview-file:add-file", "task:update", "asset:new"], await NamesFor($"&project_id={project.Id}"));
        Assert.Equal(["task:update"], await NamesFor("&name=task:update"));
        Assert.Equal(["task:update", "asset:new"], await NamesFor("&name_prefixes=asset&name_prefixes=task"));
        Assert.Equal(["person:update", "task:update"], await NamesFor("&name_suffixes=update"));
        Assert.Equal(["task:update"], await NamesFor("&name_prefixes=task&name_suffixes=update"));
        Assert.Equal(["preview-file:add-file"], await NamesFor("&only_files=true"));
        Assert.Equal(["preview-file:add-file", "task:update"], await NamesFor("&after=2031-03-04T12:00:00&before=2031-03-04T12:03:00"));
        Assert.Equal(["person:update", "preview-file:add-file"], await NamesFor("&limit=2"));
        Assert.Equal(["task:update", "asset:new"], await NamesFor($"&cursor_event_id={third.Id}"));
        Assert.Empty(await NamesFor("&before=2031-03-04"));
        Assert.Empty(await Responses.ArrayAsync(await client.GetAsync($"{byAuthor}&person_ids={Guid.NewGuid()}&project_id={Guid.NewGuid()}")));
    }

    [Theory]
    [InlineData("project_id=nope", "The project_id parameter is not a valid id")]
    [InlineData("cursor_event_id=nope", "The cursor_event_id parameter is not a valid id")]
    [InlineData("cursor_event_id=9f0c1b0e-3c1a-4f7e-9a51-1f2d3c4b5a69", "No event found with id: 9f0c1b0e-3c1a-4f7e-9a51-1f2d3c4b5a69")]
    [InlineData("person_ids=nope", "The person_ids parameter contains an invalid id")]
    [InlineData("name_prefixes=task%25", "The name_prefixes parameter contains an invalid value")]
    [InlineData("name_suffixes=Update", "The name_suffixes parameter contains an invalid value")]
    [InlineData("limit=-5", "limit must be a positive integer.")]
    [InlineData("limit=many", "limit must be an integer.")]
    [InlineData("after=04/03/2031", "Wrong date format for before argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05")]
    public async Task Malformed_filters_are_refused(string filter, string message)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.GetAsync($"/api/data/events/last?{filter}")).AssertWrongParameterAsync(message);
    }

    [Fact]
    public async Task Managers_read_only_the_events_of_their_projects()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var client = await factory.ClientForAsync(manager);
        var author = await factory.CreatePersonAsync();
        var own = await factory.CreateProjectAsync(manager);
        var other = await factory.CreateProjectAsync();
        await factory.Save(Event("shot:new", own.Id, author.Id, 10), Event("shot:delete", other.Id, author.Id, 11),
            Event("person:new", null, author.Id, 12));

        Assert.Equal(["shot:new"], Names(await Responses.ArrayAsync(await client.GetAsync($"/api/data/events/last?person_ids={author.Id}"))));
        await (await client.GetAsync($"/api/data/events/last?project_id={other.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/events/last?project_id={Guid.NewGuid()}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task A_project_manager_reads_that_project_only_and_artists_nothing()
    {
        var artist = await factory.CreatePersonAsync();
        var client = await factory.ClientForAsync(artist);
        var project = await factory.CreateProjectAsync();
        var watched = await factory.CreateProjectAsync(artist);
        await factory.Save(new ProjectPersonLink { ProjectId = project.Id, PersonId = artist.Id, Role = "manager" },
            Event("edit:new", project.Id, artist.Id, 20));

        Assert.Equal(["edit:new"], Names(await Responses.ArrayAsync(await client.GetAsync($"/api/data/events/last?project_id={project.Id}"))));
        foreach (var path in new[] { "/api/data/events/last", $"/api/data/events/last?project_id={watched.Id}", "/api/data/events/names", "/api/data/events/login-logs/last" })
            await (await client.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        // The denial comes before any validation: nothing is learnt from a malformed filter.
        await (await client.GetAsync("/api/data/events/last?after=nope")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Managers_list_every_event_name_sorted()
    {
        var client = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));
        var author = await factory.CreatePersonAsync();
        var word = TestData.Unique("zz").ToLowerInvariant();
        await factory.Save(Event($"{word}:update", null, author.Id, 30), Event($"{word}:new", (await factory.CreateProjectAsync()).Id, author.Id, 31),
            Event($"{word}:new", null, author.Id, 32));

        var names = (await Responses.ArrayAsync(await client.GetAsync("/api/data/events/names"))).Select(n => (string)n!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal([$"{word}:new", $"{word}:update"], names.Where(n => n.StartsWith(word)));
    }

    [Fact]
    public async Task Admins_read_the_login_log_newest_first()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var person = await factory.CreatePersonAsync();
        var older = new LoginLog { PersonId = person.Id, IpAddress = "10.0.0.1", Origin = "web", CreatedAt = Noon };
        var newer = new LoginLog { PersonId = person.Id, IpAddress = "10.0.0.2", Origin = "script", CreatedAt = Noon.AddMinutes(1) };
        await factory.Save(older, newer);
        var path = $"/api/data/events/login-logs/last?person_ids={person.Id}";

        var logs = await Responses.ArrayAsync(await admin.GetAsync(path));
        Assert.Equal([newer.Id.ToString(), older.Id.ToString()], logs.Select(l => (string?)l!["id"]));
        Responses.AssertJsonEqual(new JsonObject
        {
            ["id"] = older.Id.ToString(), ["created_at"] = "2031-03-04T12:00:00", ["ip_address"] = "10.0.0.1",
            ["person_id"] = person.Id.ToString(), ["origin"] = "web",
        }, logs[1]);
        Assert.Single(await Responses.ArrayAsync(await admin.GetAsync($"{path}&cursor_login_log_id={newer.Id}")));
        Assert.Single(await Responses.ArrayAsync(await admin.GetAsync($"{path}&limit=1")));
        Assert.Single(await Responses.ArrayAsync(await admin.GetAsync($"{path}&after=2031-03-04T12:00:00")));
        Assert.Empty(await Responses.ArrayAsync(await admin.GetAsync($"{path}&before=2031-03-04T12:00:00")));
        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"{path}&cursor_login_log_id={unknown}")).AssertWrongParameterAsync($"No login log found with id: {unknown}");
        await (await admin.GetAsync($"{path}&cursor_login_log_id=nope")).AssertWrongParameterAsync("The cursor_login_log_id parameter is not a valid id");
    }
}
