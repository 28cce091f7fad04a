using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>
/// A small studio's time sheet: an artist logged time on two projects (a shot under an episode
/// and a sequence, and an asset), in two departments; a manager and a supervisor (of the first
/// department) are in the first project's team only; another artist logged time on the second.
/// </summary>
public sealed record TimeSheet(
    Person Admin, Person Manager, Person Supervisor, Person Artist, Person Other,
    Project First, Project Second, Department Animation, Department Modeling,
    ProductionTask ShotAnimation, ProductionTask ShotModeling, ProductionTask AssetAnimation, ProductionTask OtherTask,
    Entity Shot, Entity Sequence, Entity Episode, Entity Asset)
{
    public static readonly DateOnly Monday = new(2026, 3, 2);

    public static async Task<TimeSheet> CreateAsync(SlateFactory factory)
    {
        var admin = await factory.CreatePersonAsync("admin");
        var manager = await factory.CreatePersonAsync("manager");
        var supervisor = await factory.CreatePersonAsync("supervisor");
        var artist = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var animation = await factory.CreateDepartmentAsync(supervisor);
        var modeling = await factory.CreateDepartmentAsync();
        var animationType = await factory.CreateTaskTypeAsync("Shot", animation);
        var modelingType = await factory.CreateTaskTypeAsync("Shot", modeling);
        var first = await factory.CreateProjectAsync(true, (manager, null), (supervisor, null), (artist, null));
        var second = await factory.CreateProjectAsync(true, (artist, null), (other, null));
        var episode = await factory.CreateEntityAsync(first, "Episode");
        var sequence = await factory.CreateEntityAsync(first, "Sequence", e => e.ParentId = episode.Id);
        var shot = await factory.CreateEntityAsync(first, "Shot", e => e.ParentId = sequence.Id);
        var asset = await factory.CreateEntityAsync(second, "Character");
        var shotAnimation = await factory.CreateTaskAsync(shot, animationType, artist);
        var shotModeling = await factory.CreateTaskAsync(shot, modelingType, artist);
        var assetAnimation = await factory.CreateTaskAsync(asset, animationType, artist, other);
        var otherTask = await factory.CreateTaskAsync(await factory.CreateEntityAsync(second, "Character"), modelingType, other);

        await factory.CreateTimeSpentAsync(shotAnimation, artist, Monday, 60);
        await factory.CreateTimeSpentAsync(shotAnimation, artist, Monday.AddDays(1), 30);
        await factory.CreateTimeSpentAsync(shotModeling, artist, Monday, 45);
        await factory.CreateTimeSpentAsync(assetAnimation, artist, Monday, 15);
        await factory.CreateTimeSpentAsync(assetAnimation, artist, Monday.AddDays(30), 5);
        await factory.CreateTimeSpentAsync(otherTask, other, Monday.AddDays(2), 20);
        return new TimeSheet(admin, manager, supervisor, artist, other, first, second, animation, modeling,
            shotAnimation, shotModeling, assetAnimation, otherTask, shot, sequence, episode, asset);
    }
}
