using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Cli;

public sealed class InitDataCommandTests : IAsyncLifetime
{
    readonly CommandRunner slate = new();
    public Task InitializeAsync() => slate.InitializeAsync();
    public Task DisposeAsync() => slate.DisposeAsync();

    [Fact]
    public async Task Init_data_creates_Zous_statuses_and_types()
    {
        Assert.Equal(0, (await slate.Run("init-data")).ExitCode);

        await slate.WithDb(async db =>
        {
            Assert.Equal(["Closed", "Open"], await db.ProjectStatuses.Select(s => s.Name).OrderBy(n => n).ToListAsync());
            Assert.Equal(
                ["Character", "Concept", "Edit", "Environment", "Episode", "FX", "Prop", "Scene", "Sequence", "Shot"],
                await db.EntityTypes.Select(t => t.Name).OrderBy(n => n).ToListAsync());
            Assert.Equal(
                ["Animation", "Compositing", "Concept", "FX", "Layout", "Modeling"],
                await db.Departments.Select(d => d.Name).OrderBy(n => n).ToListAsync());

            var statuses = await db.TaskStatuses.ToDictionaryAsync(s => s.ShortName);
            Assert.Equal(["approved", "done", "neutral", "ready", "rejected", "retake", "todo", "wfa", "wip"], statuses.Keys.Order());
            Assert.Equal(("Todo", "#f5f5f5", true), (statuses["todo"].Name, statuses["todo"].Color, statuses["todo"].IsDefault));
            Assert.Equal(("Work In Progress", true), (statuses["wip"].Name, statuses["wip"].IsWip));
            Assert.Equal(("Waiting For Approval", "#ab26ff", true), (statuses["wfa"].Name, statuses["wfa"].Color, statuses["wfa"].IsFeedbackRequest));
            Assert.True(statuses["retake"].IsRetake);
            Assert.True(statuses["done"].IsDone);
            Assert.Equal("Ready To Start", statuses["ready"].Name);
            Assert.Equal((true, true), (statuses["neutral"].IsDefault, statuses["neutral"].ForConcept));
            Assert.All(statuses.Values, s => Assert.Equal(s.ShortName is "neutral" or "approved" or "rejected", s.ForConcept));
            Assert.Single(statuses.Values, s => s.IsDefault == true && s.ForConcept == false);

            var compositing = await db.Departments.SingleAsync(d => d.Name == "Compositing");
            var shotCompositing = await db.TaskTypes.SingleAsync(t => t.Name == "Compositing" && t.ForEntity == "Shot");
            Assert.Equal(("#ff5252", 7, compositing.Id, ""), (shotCompositing.Color, shotCompositing.Priority, shotCompositing.DepartmentId, shotCompositing.ShortName));
            Assert.Equal(2, await db.TaskTypes.CountAsync(t => t.Name == "Concept"));
            Assert.Equal(13, await db.TaskTypes.CountAsync());
            return 0;
        });
    }

    [Fact]
    public async Task Init_data_twice_creates_nothing_new()
    {
        await slate.Run("init-data");
        var before = await Counts();

        var again = await slate.Run("init-data");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nothing was missing.", again.Output);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Init_data_keeps_what_the_studio_renamed()
    {
        await slate.Run("init-data");
        await slate.WithDb(async db =>
        {
            var todo = await db.TaskStatuses.SingleAsync(s => s.ShortName == "todo");
            todo.Name = "To Do";
            return await db.SaveChangesAsync();
        });

        await slate.Run("init-data");

        Assert.Equal(["To Do"], await slate.WithDb(db => db.TaskStatuses.Where(s => s.IsDefault == true && s.ForConcept == false).Select(s => s.Name).ToListAsync()));
    }

    [Theory]
    [InlineData("2d", "Background", "Clean-up", "Shot")]
    [InlineData("vfx", "Vehicle", "Matchmove", "Shot")]
    [InlineData("games", "UI", "QA", "Shot")]
    [InlineData("GAMES", "UI", "Level Design", "Asset")]
    public async Task Each_domain_adds_its_own_types(string domain, string assetType, string taskType, string forEntity)
    {
        Assert.Equal(0, (await slate.Run("init-data", "--domain", domain)).ExitCode);

        Assert.True(await slate.WithDb(db => db.EntityTypes.AnyAsync(t => t.Name == assetType)));
        Assert.True(await slate.WithDb(db => db.TaskTypes.AnyAsync(t => t.Name == taskType && t.ForEntity == forEntity)));
        Assert.Equal(9, await slate.WithDb(db => db.TaskStatuses.CountAsync()));
    }

    Task<(int, int, int, int, int)> Counts() => slate.WithDb(async db => (
        await db.ProjectStatuses.CountAsync(), await db.EntityTypes.CountAsync(), await db.Departments.CountAsync(),
        await db.TaskTypes.CountAsync(), await db.TaskStatuses.CountAsync()));
}
