using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Crud;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Entities;

/// <summary>
/// Speed never changes an answer (issue 7): the with-tasks listings read their tasks a chunk of
/// entities at a time and order them in memory; here their answers are compared with the
/// straightforward query, one join sorted by the database, on a production larger than a chunk,
/// with equal creation dates, several assignees and subscriptions.
/// </summary>
public class WithTasksEquivalenceTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    /// <summary>More entities than the listing reads at a time (1,000), so chunk boundaries are crossed.</summary>
    const int AssetCount = 1100, ShotCount = 1050;

    sealed record Production(Project Project, Person Admin);

    /// <summary>
    /// Assets of two types whose names interleave, shots in sequences of two episodes, tasks created
    /// out of name order with shared creation dates, zero to two assignees, some tasks subscribed.
    /// </summary>
    async Task<Production> CreateProductionAsync()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var artists = new[] { await factory.CreatePersonAsync("user"), await factory.CreatePersonAsync("user") };
        var project = await factory.CreateProjectAsync();
        await factory.WithDb(async db =>
        {
            var random = new Random(7);
            var start = new DateTime(2026, 3, 1, 9, 0, 0);
            var assetTypes = new[] { new EntityType { Name = TestData.Unique("Prop ") }, new EntityType { Name = TestData.Unique("Char ") } };
            db.EntityTypes.AddRange(assetTypes);
            var taskTypes = Enumerable.Range(0, 3).Select(_ => new TaskType { Name = TestData.Unique("Type ") }).ToArray();
            db.TaskTypes.AddRange(taskTypes);
            var kinds = await db.EntityTypes.Where(t => t.Name == "Episode" || t.Name == "Sequence" || t.Name == "Shot")
                .ToDictionaryAsync(t => t.Name, t => t.Id);
            foreach (var kind in new[] { "Episode", "Sequence", "Shot" }.Where(k => !kinds.ContainsKey(k)))
                kinds[kind] = db.EntityTypes.Add(new EntityType { Name = kind }).Entity.Id;

            Entity Add(string name, Guid typeId, Guid? parentId = null) =>
                db.Entities.Add(new Entity { Name = name, ProjectId = project.Id, EntityTypeId = typeId, ParentId = parentId }).Entity;

            void AddTasks(Entity entity)
            {
                foreach (var taskType in taskTypes.Take(random.Next(0, 4)))
                {
                    var task = db.Tasks.Add(new ProductionTask
                    {
                        Name = "main", ProjectId = project.Id, EntityId = entity.Id, TaskTypeId = taskType.Id,
                        CreatedAt = start.AddMinutes(random.Next(0, 3)), DueDate = start.AddDays(random.Next(0, 30)),
                        RetakeCount = random.Next(0, 3),
                    }).Entity;
                    foreach (var artist in artists.Where(_ => random.Next(0, 2) == 0))
                        db.TaskPersonLinks.Add(new TaskPersonLink { TaskId = task.Id, PersonId = artist.Id });
                    if (random.Next(0, 5) == 0) db.Subscriptions.Add(new Subscription { PersonId = admin.Id, TaskId = task.Id });
                }
            }

            for (var i = 0; i < AssetCount; i++)
                AddTasks(Add($"Asset {random.Next(0, 400):D3}-{i}", assetTypes[i % 2].Id));
            var episodes = new[] { Add("E02", kinds["Episode"]), Add("E01", kinds["Episode"]) };
            var sequences = Enumerable.Range(0, 6).Select(i => Add($"SQ{i % 3:D2}", kinds["Sequence"], episodes[i % 2].Id)).ToArray();
            for (var i = 0; i < ShotCount; i++)
                AddTasks(Add($"SH{random.Next(0, 300):D4}-{i}", kinds["Shot"], sequences[i % sequences.Length].Id));
            return await db.SaveChangesAsync();
        });
        return new Production(project, admin);
    }

    /// <summary>What a row must hold: the entity, its tasks in order, each with its assignees and subscription.</summary>
    sealed record ExpectedTask(Guid Id, List<Guid> Assignees, bool IsSubscribed);

    /// <summary>
    /// The straightforward answer: the project's entities of the kind joined with their parents, their
    /// tasks and the tasks' assignees in one query, sorted by the database in display order.
    /// </summary>
    async Task<List<(Guid Entity, List<ExpectedTask> Tasks)>> StraightforwardAsync(Production production, bool shots) =>
        await factory.WithDb(async db =>
        {
            var lines = await (
                from e in db.Entities
                join type in db.EntityTypes on e.EntityTypeId equals type.Id
                from parent in db.Entities.Where(p => p.Id == e.ParentId).DefaultIfEmpty()
                from grandparent in db.Entities.Where(g => g.Id == parent!.ParentId).DefaultIfEmpty()
                from t in db.Tasks.Where(t => t.EntityId == e.Id).DefaultIfEmpty()
                from link in db.TaskPersonLinks.Where(l => l.TaskId == t!.Id).DefaultIfEmpty()
                where e.ProjectId == production.Project.Id
                    && (shots ? type.Name == "Shot" : !EntityKinds.TemporalTypeNames.Contains(type.Name))
                orderby type.Name, grandparent!.Name, parent!.Name, e.Name, e.Id, t!.CreatedAt, t.Id, link!.PersonId
                select new
                {
                    Entity = e.Id, Task = (Guid?)t!.Id, Person = (Guid?)link!.PersonId,
                    Subscribed = db.Subscriptions.Any(s => s.PersonId == production.Admin.Id && s.TaskId == t.Id),
                }).ToListAsync();
            var rows = new List<(Guid Entity, List<ExpectedTask> Tasks)>();
            foreach (var line in lines)
            {
                if (rows.Count == 0 || rows[^1].Entity != line.Entity) rows.Add((line.Entity, []));
                if (line.Task is not { } taskId) continue;
                var tasks = rows[^1].Tasks;
                if (tasks.Count == 0 || tasks[^1].Id != taskId) tasks.Add(new ExpectedTask(taskId, [], line.Subscribed));
                if (line.Person is { } person) tasks[^1].Assignees.Add(person);
            }
            return rows;
        });

    static void AssertSameRows(List<(Guid Entity, List<ExpectedTask> Tasks)> expected, IEnumerable<JsonNode?> rows)
    {
        var actual = rows.Select(row => (
            Entity: Guid.Parse((string)row!["id"]!),
            Tasks: row["tasks"]!.AsArray().Select(task => new ExpectedTask(
                Guid.Parse((string)task!["id"]!),
                [.. task["assignees"]!.AsArray().Select(id => Guid.Parse((string)id!))],
                (bool)task["is_subscribed"]!)).ToList())).ToList();
        Assert.Equal(expected.Select(row => row.Entity), actual.Select(row => row.Entity));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Tasks.Select(t => t.Id), actual[i].Tasks.Select(t => t.Id));
            for (var j = 0; j < expected[i].Tasks.Count; j++)
            {
                Assert.Equal(expected[i].Tasks[j].Assignees, actual[i].Tasks[j].Assignees);
                Assert.Equal(expected[i].Tasks[j].IsSubscribed, actual[i].Tasks[j].IsSubscribed);
            }
        }
    }

    [Fact]
    public async Task Assets_and_shots_with_tasks_answer_as_the_straightforward_query_in_every_form()
    {
        var production = await CreateProductionAsync();
        var admin = await factory.ClientForAsync(production.Admin);
        foreach (var (path, shots) in new[] { ("assets", false), ("shots", true) })
        {
            var expected = await StraightforwardAsync(production, shots);
            Assert.Equal(shots ? ShotCount : AssetCount, expected.Count);
            Assert.Contains(expected, row => row.Tasks.Count >= 2 && row.Tasks.Any(t => t.Assignees.Count == 2));
            var url = $"/api/data/{path}/with-tasks?project_id={production.Project.Id}";

            AssertSameRows(expected, await Responses.ArrayAsync(await admin.GetAsync(url)));

            var lines = (await admin.GetStringAsync(url + "&stream=true")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.False((bool)JsonNode.Parse(lines[0])!["compact"]!);
            AssertSameRows(expected, lines.Skip(1).Select(line => JsonNode.Parse(line)));
        }
    }
}
