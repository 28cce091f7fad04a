using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Projects;

/// <summary>Production schedule versions' task links, filled, copied and applied (behavior-production.md §8.2).</summary>
public class ScheduleVersionsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0);

    Task<ProductionScheduleVersion> VersionAsync(Project project) => factory.WithDb(async db =>
    {
        var version = new ProductionScheduleVersion { ProjectId = project.Id, Name = TestData.Unique("v") };
        db.ProductionScheduleVersions.Add(version);
        await db.SaveChangesAsync();
        return version;
    });

    Task<ProductionScheduleVersionTaskLink> LinkAsync(ProductionScheduleVersion version, ProductionTask task, DateTime? start, params Person[] assignees) =>
        factory.WithDb(async db =>
        {
            var link = new ProductionScheduleVersionTaskLink
            {
                ProductionScheduleVersionId = version.Id, TaskId = task.Id, StartDate = start, DueDate = start?.AddDays(5), Estimation = 3,
            };
            db.ProductionScheduleVersionTaskLinks.Add(link);
            db.ProductionScheduleVersionTaskLinkPersonLinks.AddRange(assignees.Select(p =>
                new ProductionScheduleVersionTaskLinkPersonLink { ProductionScheduleVersionTaskLinkId = link.Id, PersonId = p.Id }));
            await db.SaveChangesAsync();
            return link;
        });

    Task<List<(ProductionScheduleVersionTaskLink Link, List<Guid> Assignees)>> LinksAsync(ProductionScheduleVersion version) => factory.WithDb(async db =>
    {
        var links = await db.ProductionScheduleVersionTaskLinks.AsNoTracking().Where(l => l.ProductionScheduleVersionId == version.Id).ToListAsync();
        var ids = links.Select(l => l.Id).ToList();
        var people = await db.ProductionScheduleVersionTaskLinkPersonLinks.AsNoTracking().Where(p => ids.Contains(p.ProductionScheduleVersionTaskLinkId)).ToListAsync();
        return links.Select(l => (l, people.Where(p => p.ProductionScheduleVersionTaskLinkId == l.Id).Select(p => p.PersonId).Order().ToList())).ToList();
    });

    Task<ProductionTask> TaskAsync(ProductionTask task) => factory.WithDb(db => db.Tasks.AsNoTracking().FirstAsync(t => t.Id == task.Id));

    async Task<JsonObject> PostOkAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonObjectAsync();
    }

    [Fact]
    public async Task The_team_but_vendors_and_clients_reads_a_versions_task_links()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var client = await factory.CreatePersonAsync("client");
        var project = await factory.CreateProjectAsync(true, (artist, null), (vendor, null), (client, null));
        var animation = await factory.CreateTaskTypeAsync("Shot");
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var animated = await factory.CreateTaskAsync(shot, animation);
        var other = await factory.CreateTaskAsync(shot);
        var version = await VersionAsync(project);
        var link = await LinkAsync(version, animated, Start, artist);
        await LinkAsync(version, other, null);
        var http = await factory.ClientForAsync(artist);
        var path = $"/api/data/production-schedule-versions/{version.Id}/task-links";

        var rows = (await (await http.GetAsync(path)).JsonAsync()).AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.False(r!.AsObject().ContainsKey("assignees")));
        var filtered = (await (await http.GetAsync($"{path}?task_type_id={animation.Id}&relations=true")).JsonAsync()).AsArray();
        var row = Assert.Single(filtered)!;
        Assert.Equal(link.Id.ToString(), (string?)row["id"]);
        Assert.Equal("ProductionScheduleVersionTaskLink", (string?)row["type"]);
        Assert.Equal("2026-12-01T09:00:00", (string?)row["start_date"]);
        Assert.Equal([artist.Id.ToString()], row["assignees"]!.AsArray().Select(a => (string)a!).ToList());

        await (await http.GetAsync($"{path}?task_type_id=nope")).AssertWrongParameterAsync("Wrong UUID format.");
        foreach (var refused in new[] { vendor, client, await factory.CreatePersonAsync("manager") })
            await (await (await factory.ClientForAsync(refused)).GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await http.GetAsync($"/api/data/production-schedule-versions/{Guid.NewGuid()}/task-links")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await http.GetAsync("/api/data/production-schedule-versions/nope/task-links")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
    }

    [Fact]
    public async Task Managers_fill_a_version_from_the_tasks_of_its_project()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var stranger = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var planned = await factory.CreateTaskAsync(shot, artist);
        await factory.WithDb(db => db.Tasks.Where(t => t.Id == planned.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.StartDate, Start).SetProperty(t => t.DueDate, Start.AddDays(2)).SetProperty(t => t.Estimation, 4.5)));
        var unplanned = await factory.CreateTaskAsync(shot);
        var third = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project), artist);
        await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot"));
        var version = await VersionAsync(project);
        var stale = await LinkAsync(version, planned, new DateTime(2020, 1, 1), stranger);
        var path = $"/api/actions/production-schedule-versions/{version.Id}/set-task-links-from-production";

        await (await (await factory.ClientForAsync(artist)).PostAsJsonAsync(path, new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Single(await LinksAsync(version));

        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["task_link_count"] = 3 }, await PostOkAsync(await factory.ClientForAsync(manager), path));
        var links = await LinksAsync(version);
        Assert.Equal(new[] { planned.Id, unplanned.Id, third.Id }.Order(), links.Select(l => l.Link.TaskId).Order());
        var refreshed = links.Single(l => l.Link.TaskId == planned.Id);
        Assert.Equal(stale.Id, refreshed.Link.Id);
        Assert.Equal(Start, refreshed.Link.StartDate);
        Assert.Equal(Start.AddDays(2), refreshed.Link.DueDate);
        Assert.Equal(4.5, refreshed.Link.Estimation);
        Assert.Equal([artist.Id], refreshed.Assignees);
        Assert.Empty(links.Single(l => l.Link.TaskId == unplanned.Id).Assignees);
        Assert.Equal([artist.Id], links.Single(l => l.Link.TaskId == third.Id).Assignees);

        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["task_link_count"] = 3 }, await PostOkAsync(await factory.ClientForAsync(manager), path));
        Assert.Equal(3, (await LinksAsync(version)).Count);
    }

    [Fact]
    public async Task Managers_copy_the_links_of_another_version_of_the_project()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var copied = await factory.CreateTaskAsync(shot);
        var kept = await factory.CreateTaskAsync(shot);
        var source = await VersionAsync(project);
        var target = await VersionAsync(project);
        await LinkAsync(source, copied, Start, artist);
        await LinkAsync(target, copied, new DateTime(2020, 1, 1));
        await LinkAsync(target, kept, new DateTime(2020, 1, 1), manager);
        var http = await factory.ClientForAsync(manager);
        var path = $"/api/actions/production-schedule-versions/{target.Id}/set-task-links-from-production-schedule-version";

        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["task_link_count"] = 1 },
            await PostOkAsync(http, path, new { production_schedule_version_id = source.Id }));
        var links = await LinksAsync(target);
        Assert.Equal(2, links.Count);
        var copy = links.Single(l => l.Link.TaskId == copied.Id);
        Assert.Equal(Start, copy.Link.StartDate);
        Assert.Equal([artist.Id], copy.Assignees);
        Assert.Equal([manager.Id], links.Single(l => l.Link.TaskId == kept.Id).Assignees);
        var version = await factory.WithDb(db => db.ProductionScheduleVersions.AsNoTracking().FirstAsync(v => v.Id == target.Id));
        Assert.Equal(source.Id, version.ProductionScheduleFrom);
        Assert.Equal(["production_schedule_version:update"], await factory.EventsAsync("production_schedule_version_id", target.Id));

        await (await http.PostAsJsonAsync(path, new { production_schedule_version_id = target.Id }))
            .AssertWrongParameterAsync("A production schedule version cannot be copied onto itself.");
        var foreign = await VersionAsync(await factory.CreateProjectAsync(true, (manager, null)));
        await (await http.PostAsJsonAsync(path, new { production_schedule_version_id = foreign.Id }))
            .AssertWrongParameterAsync("Production schedule versions must belong to the same project.");
        await (await http.PostAsJsonAsync(path, new { production_schedule_version_id = Guid.NewGuid() })).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var missing = await http.PostAsJsonAsync(path, new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Validation error.", (string?)(await missing.ReadJsonObjectAsync())["message"]);
        await (await (await factory.ClientForAsync(artist)).PostAsJsonAsync(path, new { production_schedule_version_id = source.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Applying_a_version_writes_its_plan_onto_the_tasks_and_locks_it()
    {
        var manager = await factory.CreatePersonAsync();
        var artist = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, "manager"), (artist, null));
        var shot = await factory.CreateEntityAsync(project, "Shot");
        var planned = await factory.CreateTaskAsync(shot, artist);
        var untouched = await factory.CreateTaskAsync(shot);
        var foreignTask = await factory.CreateTaskAsync(await factory.CreateEntityAsync(await factory.CreateProjectAsync(true), "Shot"));
        var version = await VersionAsync(project);
        await LinkAsync(version, planned, Start, manager);
        await LinkAsync(version, foreignTask, Start);
        var path = $"/api/actions/production-schedule-versions/{version.Id}/apply-to-production";

        await (await (await factory.ClientForAsync(artist)).PostAsJsonAsync(path, new { })).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Null((await TaskAsync(planned)).StartDate);

        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["task_count"] = 1 }, await PostOkAsync(await factory.ClientForAsync(manager), path));
        var task = await TaskAsync(planned);
        Assert.Equal(Start, task.StartDate);
        Assert.Equal(Start.AddDays(5), task.DueDate);
        Assert.Equal(3, task.Estimation);
        Assert.Null((await TaskAsync(untouched)).StartDate);
        Assert.Null((await TaskAsync(foreignTask)).StartDate);
        Assert.Equal([artist.Id], await factory.WithDb(db => db.TaskPersonLinks.Where(l => l.TaskId == planned.Id).Select(l => l.PersonId).ToListAsync()));
        Assert.Equal(["task:update"], await factory.EventsAsync("task_id", planned.Id));
        Assert.True((await factory.WithDb(db => db.ProductionScheduleVersions.AsNoTracking().FirstAsync(v => v.Id == version.Id))).Locked);
        Assert.Equal(version.Id, (await factory.WithDb(db => db.Projects.AsNoTracking().FirstAsync(p => p.Id == project.Id))).FromScheduleVersionId);
        Assert.Contains("project:update", await factory.EventsAsync("project_id", project.Id));
    }
}
