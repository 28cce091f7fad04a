using System.Net;
using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Infrastructure.Responses;
using static Slate.Tests.Infrastructure.TestData;

namespace Slate.Tests.User;

/// <summary>GET /data/user/context, Kitsu's first call (behavior-production.md §10).</summary>
public class UserContextTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] ContextKeys =
    [
        "asset_types", "custom_actions", "status_automations", "departments", "studios", "notification_count", "persons",
        "project_status", "project_roles", "projects", "task_types", "task_status", "search_filters", "search_filter_groups",
        "preview_background_files", "plugins",
    ];

    [Fact]
    public async Task An_artist_gets_their_two_open_team_projects_and_the_studios_reference_data()
    {
        var artist = await factory.CreatePersonAsync();
        var colleague = await factory.CreatePersonAsync();
        var first = await factory.CreateProjectAsync(true, (artist, null), (colleague, null));
        var second = await factory.CreateProjectAsync(true, (artist, "supervisor"), (colleague, null));
        var closed = await factory.CreateProjectAsync(false, (artist, null));
        var elsewhere = await factory.CreateProjectAsync(true, (colleague, null));
        var department = await factory.CreateDepartmentAsync(artist);
        var studio = await factory.Save(new Studio { Name = Unique("Studio"), Color = "#000000" });
        var taskType = await factory.CreateTaskTypeAsync("Shot", department);
        var taskStatus = await factory.CreateTaskStatusAsync();
        var action = await factory.Save(new CustomAction { Name = Unique("Farm"), Url = "https://example.com" });
        var plugin = await factory.Save(new Plugin { PluginId = Unique("plugin"), Name = "Plugin", Version = "1.0", MaintainerName = "Me", License = "MIT" });
        await factory.EntityTypeAsync(Unique("Prop"));
        await factory.Save(
            new Notification { PersonId = artist.Id, AuthorId = colleague.Id, Type = "comment" },
            new Notification { PersonId = artist.Id, AuthorId = colleague.Id, Type = "mention" },
            new Notification { PersonId = artist.Id, AuthorId = colleague.Id, Type = "assignation", Read = true },
            new Notification { PersonId = colleague.Id, AuthorId = artist.Id, Type = "comment" });

        var context = await (await (await factory.ClientForAsync(artist)).GetAsync("/api/data/user/context")).ReadJsonObjectAsync();

        Assert.Equal(ContextKeys, context.Select(p => p.Key));
        Assert.Equal(Ids(first, second), Ids(context["projects"]!.AsArray()));
        var project = context["projects"]!.AsArray().Single(p => (string?)p!["id"] == first.Id.ToString())!;
        Assert.NotNull(project["descriptors"]);
        Assert.NotNull(project["task_statuses_link"]);
        Assert.DoesNotContain(closed.Id.ToString(), context["projects"]!.ToJsonString());
        Assert.DoesNotContain(elsewhere.Id.ToString(), context["projects"]!.ToJsonString());
        AssertJsonEqual(new JsonObject { [second.Id.ToString()] = "supervisor" }, context["project_roles"]);
        Assert.Equal(2, (int)context["notification_count"]!);
        Assert.Contains(department.Id.ToString(), Ids(context["departments"]!.AsArray()));
        Assert.Contains(studio.Id.ToString(), Ids(context["studios"]!.AsArray()));
        Assert.Contains(taskType.Id.ToString(), Ids(context["task_types"]!.AsArray()));
        Assert.Contains(action.Id.ToString(), Ids(context["custom_actions"]!.AsArray()));
        Assert.Contains("Open", context["project_status"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Contains(taskStatus.Id.ToString(), Ids(context["task_status"]!.AsArray()));
        Assert.All(context["asset_types"]!.AsArray(), t =>
        {
            Assert.Equal("AssetType", (string?)t!["type"]);
            Assert.NotNull(t["task_types"]);
        });
        var pluginRow = context["plugins"]!.AsArray().Single(p => (string?)p!["id"] == plugin.Id.ToString())!.AsObject();
        Assert.Equal(
            ["id", "plugin_id", "name", "description", "version", "maintainer_name", "maintainer_email", "frontend_project_enabled", "frontend_studio_enabled", "icon"],
            pluginRow.Select(p => p.Key));

        // People as an artist sees them: the minimal form, departments included, nothing secret.
        var me = context["persons"]!.AsArray().Single(p => (string?)p!["id"] == artist.Id.ToString())!.AsObject();
        Assert.Equal(
            ["id", "type", "first_name", "last_name", "full_name", "has_avatar", "active", "departments", "studio_id", "role", "desktop_login", "is_bot"],
            me.Select(p => p.Key));
        Assert.Equal([department.Id.ToString()], me["departments"]!.AsArray().Select(d => (string?)d));
        Assert.DoesNotContain("\"password\"", context.ToJsonString());
        Assert.DoesNotContain("\"email\"", context["persons"]!.ToJsonString());
    }

    [Fact]
    public async Task Guests_are_left_out_and_an_admin_gets_safe_people_and_the_user_limit()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var guest = await factory.CreatePersonAsync(configure: p => p.IsGuest = true);
        await factory.CreatePersonAsync(configure: p => { p.TotpSecret = "secret"; p.TotpEnabled = true; });

        var context = await (await (await factory.ClientForAsync(admin)).GetAsync("/api/data/user/context")).ReadJsonObjectAsync();

        Assert.Equal([.. ContextKeys, "user_limit"], context.Select(p => p.Key));
        Assert.Equal(100, (int)context["user_limit"]!);
        var persons = context["persons"]!.AsArray();
        Assert.DoesNotContain(guest.Id.ToString(), Ids(persons));
        var me = persons.Single(p => (string?)p!["id"] == admin.Id.ToString())!.AsObject();
        Assert.Equal(admin.Email, (string?)me["email"]);
        Assert.True(me.ContainsKey("daily_salary"));
        Assert.All(persons, p => Assert.DoesNotContain(p!.AsObject(), pair => Presentations.PersonSecrets.Contains(pair.Key)));
    }

    [Fact]
    public async Task A_vendor_gets_only_the_projects_they_work_in_and_no_studio_automations()
    {
        var vendor = await factory.CreatePersonAsync("vendor");
        var artist = await factory.CreatePersonAsync();
        var theirs = await factory.CreateProjectAsync(true, (vendor, null), (artist, null));
        await factory.CreateProjectAsync(true, (artist, null));
        await factory.Save(new CustomAction { Name = Unique("Farm") });

        var context = await (await (await factory.ClientForAsync(vendor)).GetAsync("/api/data/user/context")).ReadJsonObjectAsync();

        Assert.Equal(ContextKeys, context.Select(p => p.Key));
        Assert.Equal(Ids(theirs), Ids(context["projects"]!.AsArray()));
        Assert.Empty(context["custom_actions"]!.AsArray());
        Assert.Empty(context["status_automations"]!.AsArray());
        Assert.All(context["persons"]!.AsArray(), p => Assert.Equal(Presentations.PersonMinimalKeys.Order(), p!.AsObject().Select(k => k.Key).Order()));
    }

    [Fact]
    public async Task The_callers_filters_come_by_list_type_and_project_without_other_peoples_private_ones()
    {
        var artist = await factory.CreatePersonAsync();
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(true, (artist, null), (manager, null));
        var closed = await factory.CreateProjectAsync(false, (artist, null), (manager, null));
        var elsewhere = await factory.CreateProjectAsync(true, (manager, null));
        var otherDepartment = await factory.CreateDepartmentAsync(manager);
        SearchFilter Filter(Person owner, Project? of, bool shared = false, Department? department = null) => new()
        {
            ListType = "asset", Name = Unique("filter"), SearchQuery = "modeling=wfa", PersonId = owner.Id, ProjectId = of?.Id,
            IsShared = shared, DepartmentId = department?.Id,
        };
        var mine = Filter(artist, project);
        var everywhere = Filter(artist, null);
        var sharedWithTeam = Filter(manager, project, shared: true);
        await factory.Save(mine, everywhere, sharedWithTeam,
            Filter(manager, project), Filter(artist, closed), Filter(manager, elsewhere, shared: true),
            Filter(manager, project, shared: true, department: otherDepartment));
        var group = await factory.Save(new SearchFilterGroup { ListType = "todo", Name = Unique("group"), Color = "#ffffff", PersonId = artist.Id });
        await factory.Save(new SearchFilterGroup { ListType = "todo", Name = Unique("group"), Color = "#ffffff", PersonId = manager.Id });

        var context = await (await (await factory.ClientForAsync(artist)).GetAsync("/api/data/user/context")).ReadJsonObjectAsync();

        var filters = context["search_filters"]!.AsObject();
        Assert.Equal(["asset"], filters.Select(p => p.Key));
        Assert.Equal([project.Id.ToString(), "all"], filters["asset"]!.AsObject().Select(p => p.Key).OrderBy(k => k == "all"));
        Assert.Equal(Ids(mine, sharedWithTeam), Ids(filters["asset"]![project.Id.ToString()]!.AsArray()));
        Assert.Equal(Ids(everywhere), Ids(filters["asset"]!["all"]!.AsArray()));
        var row = filters["asset"]!["all"]![0]!.AsObject();
        Assert.Equal("SearchFilter", (string?)row["type"]);
        Assert.Equal("modeling=wfa", (string?)row["search_query"]);
        var groups = context["search_filter_groups"]!.AsObject();
        Assert.Equal(Ids(group), Ids(groups["todo"]!["all"]!.AsArray()));
        Assert.Equal("SearchFilterGroup", (string?)groups["todo"]!["all"]![0]!["type"]);
    }

    [Fact]
    public async Task The_context_takes_the_same_number_of_queries_however_many_projects_and_people()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var client = await factory.ClientForAsync(manager);
        await factory.CreateProjectAsync(true, (manager, null));

        async Task<int> CountAsync()
        {
            using var counter = await SqlCommandCounter.StartAsync(factory);
            var response = await client.GetAsync("/api/data/user/context");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
            return counter.Count;
        }

        var few = await CountAsync();
        for (var i = 0; i < 3; i++)
        {
            var member = await factory.CreatePersonAsync();
            var project = await factory.CreateProjectAsync(true, (manager, i == 0 ? "supervisor" : null), (member, null));
            await factory.CreateDepartmentAsync(member);
            await factory.Save(new SearchFilter { ListType = "asset", Name = Unique("f"), SearchQuery = "q", PersonId = manager.Id, ProjectId = project.Id });
        }
        Assert.Equal(few, await CountAsync());
    }

    [Fact]
    public async Task Bots_are_refused()
    {
        var bot = await factory.BotClientAsync("admin");

        await (await bot.GetAsync("/api/data/user/context")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
