using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Tasks;

/// <summary>Time spent per task, person and day (behavior-production.md §3.7, §11 check 23).</summary>
public class TaskTimeSpentsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    Task<double?> DurationAsync(Guid taskId) => factory.WithDb(db => db.Tasks.Where(t => t.Id == taskId).Select(t => t.Duration).FirstAsync());

    static async Task<JsonObject> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonObjectAsync();
    }

    [Fact]
    public async Task Setting_and_adding_time_keeps_the_task_duration_in_sync()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (manager, null), (artist, null), (other, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist, other);
        var artistClient = await factory.ClientForAsync(artist);
        var managerClient = await factory.ClientForAsync(manager);
        var path = $"/api/actions/tasks/{task.Id}/time-spents";

        var set = await CreatedAsync(await artistClient.PostAsJsonAsync($"{path}/2017-09-23/persons/{artist.Id}", new { duration = 3600 }));
        Assert.Equal("2017-09-23", (string?)set["date"]);
        Assert.Equal(3600, (double)set["duration"]!);
        Assert.Equal(["duration", "date", "task_id", "person_id", "id", "created_at", "updated_at", "type"], set.Select(p => p.Key));
        var added = await CreatedAsync(await managerClient.PostAsJsonAsync($"{path}/2017-09-23/persons/{artist.Id}/add", new { duration = 10800 }));
        Assert.Equal(14400, (double)added["duration"]!);
        Assert.Equal((string?)set["id"], (string?)added["id"]);
        await CreatedAsync(await managerClient.PostAsJsonAsync($"{path}/2017-09-27/persons/{artist.Id}", new { duration = 3600 }));
        await CreatedAsync(await managerClient.PostAsJsonAsync($"{path}/2017-09-27/persons/{other.Id}", new { duration = 7200 }));
        Assert.Equal(14400 + 3600 + 7200, await DurationAsync(task.Id));
        Assert.Equal(new DateOnly(2017, 9, 27), await factory.WithDb(db => db.Persons.Where(p => p.Id == other.Id).Select(p => p.LastPresence).FirstAsync()));

        var day = await (await artistClient.GetAsync($"{path}/2017-09-27")).ReadJsonObjectAsync();
        Assert.Equal(10800, (double)day["total"]!);
        Assert.Equal(3600, (double)day[artist.Id.ToString()]![0]!["duration"]!);
        Assert.Equal(7200, (double)day[other.Id.ToString()]![0]!["duration"]!);
        var all = await (await artistClient.GetAsync(path)).ReadJsonObjectAsync();
        Assert.Equal(25200, (double)all["total"]!);
        Assert.Equal(2, all[artist.Id.ToString()]!.AsArray().Count);

        // Zou answers the deletion with 201 and the row at a zero duration.
        var deleted = await CreatedAsync(await managerClient.DeleteAsync($"{path}/2017-09-27/persons/{other.Id}"));
        Assert.Equal(0, (double)deleted["duration"]!);
        Assert.Equal(14400 + 3600, await DurationAsync(task.Id));
        await (await managerClient.DeleteAsync($"{path}/2017-09-27/persons/{other.Id}")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        var events = await factory.WithDb(db => db.ApiEvents.Where(e => e.Name.StartsWith("time-spent:")).Select(e => e.Name).ToListAsync());
        Assert.Contains("time-spent:delete", events);
    }

    [Fact]
    public async Task Time_spent_is_refused_for_others_unassigned_people_and_bad_input()
    {
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var project = await factory.CreateProjectAsync(true, (artist, null), (other, null));
        var task = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"), artist, other);
        var unassigned = await factory.CreateTaskAsync(await factory.CreateEntityAsync(project, "Shot"));
        var client = await factory.ClientForAsync(artist);
        var path = $"/api/actions/tasks/{task.Id}/time-spents";

        await (await client.PostAsJsonAsync($"{path}/2017-09-23/persons/{other.Id}", new { duration = 60 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        await (await admin.PostAsJsonAsync($"/api/actions/tasks/{unassigned.Id}/time-spents/2017-09-23/persons/{artist.Id}", new { duration = 60 }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PostAsJsonAsync($"{path}/2017-13-45/persons/{artist.Id}", new { duration = 60 }))
            .AssertWrongParameterAsync("Wrong date format.");
        await (await client.GetAsync($"{path}/not-a-date")).AssertWrongParameterAsync("Wrong date format.");
        await (await client.DeleteAsync($"{path}/nope/persons/{artist.Id}")).AssertWrongParameterAsync("Wrong date format.");
        var negative = await client.PostAsJsonAsync($"{path}/2017-09-23/persons/{artist.Id}", new { duration = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("Input should be greater than 0", (string?)(await negative.JsonAsync())["data"]!["errors"]![0]!["message"]);
        await (await client.PostAsJsonAsync($"/api/actions/tasks/{Guid.NewGuid()}/time-spents/2017-09-23/persons/{artist.Id}", new { duration = 60 }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await client.PostAsJsonAsync($"{path}/2017-09-23/persons/{Guid.NewGuid()}", new { duration = 60 }))
            .AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        Assert.False(await factory.WithDb(db => db.TimeSpents.AnyAsync(t => t.TaskId == task.Id)));

        var outsider = await factory.ClientForAsync(await factory.CreatePersonAsync());
        await (await outsider.GetAsync(path)).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }
}
