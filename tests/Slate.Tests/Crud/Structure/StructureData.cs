using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slate.Data;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud.Structure;

/// <summary>Productions, entities and tasks seeded straight into the server's database, with unique names.</summary>
public static class StructureData
{

    /// <summary>A project in the "Open" status (or "Closed"), with the given team members and their project roles.</summary>
    public static Task<Project> CreateProjectAsync(this SlateFactory factory, bool open = true, params (Person Person, string? Role)[] team) =>
        factory.WithDb(async db =>
        {
            var project = new Project { Name = Unique("Prod"), ProjectStatusId = (await PeopleData.ProjectStatusAsync(db, open ? "Open" : "Closed")).Id };
            db.Projects.Add(project);
            db.ProjectPersonLinks.AddRange(team.Select(m => new ProjectPersonLink { ProjectId = project.Id, PersonId = m.Person.Id, Role = m.Role }));
            await db.SaveChangesAsync();
            return project;
        });

    public static Task AddToTeamAsync(this SlateFactory factory, Guid projectId, Person person, string? role = null) =>
        factory.WithDb(async db =>
        {
            db.ProjectPersonLinks.Add(new ProjectPersonLink { ProjectId = projectId, PersonId = person.Id, Role = role });
            return await db.SaveChangesAsync();
        });

    /// <summary>The entity type of that name, created when missing ("Shot", "Episode", or an asset type).</summary>
    public static Task<EntityType> EntityTypeAsync(this SlateFactory factory, string name) => factory.WithDb(async db =>
    {
        var type = await db.EntityTypes.FirstOrDefaultAsync(t => t.Name == name);
        if (type is null)
        {
            db.EntityTypes.Add(type = new EntityType { Name = name });
            await db.SaveChangesAsync();
        }
        return type;
    });

    public static async Task<Entity> CreateEntityAsync(this SlateFactory factory, Project project, string typeName = "Character",
        Action<Entity>? configure = null)
    {
        var type = await factory.EntityTypeAsync(typeName);
        return await factory.WithDb(async db =>
        {
            var entity = new Entity { Name = Unique("Ent"), ProjectId = project.Id, EntityTypeId = type.Id };
            configure?.Invoke(entity);
            db.Entities.Add(entity);
            await db.SaveChangesAsync();
            return entity;
        });
    }

    /// <summary>A task on the entity, assigned to the given people.</summary>
    public static Task<ProductionTask> CreateTaskAsync(this SlateFactory factory, Entity entity, params Person[] assignees) =>
        factory.WithDb(async db =>
        {
            var taskType = new TaskType { Name = Unique("TT") };
            var status = new ProductionTaskStatus { Name = Unique("TS"), ShortName = Unique("s"), Color = "#000000" };
            var task = new ProductionTask
            {
                Name = "main", ProjectId = entity.ProjectId, EntityId = entity.Id, TaskTypeId = taskType.Id, TaskStatusId = status.Id,
            };
            db.AddRange(taskType, status, task);
            db.TaskPersonLinks.AddRange(assignees.Select(p => new TaskPersonLink { TaskId = task.Id, PersonId = p.Id }));
            await db.SaveChangesAsync();
            return task;
        });

    /// <summary>A comment on the task by the author, on the task's current status unless configured otherwise.</summary>
    public static Task<Comment> CreateCommentAsync(this SlateFactory factory, ProductionTask task, Person author, Action<Comment>? configure = null) =>
        factory.WithDb(async db =>
        {
            var comment = new Comment
            {
                ObjectId = task.Id, ObjectType = "Task", Text = Unique("comment"), TaskStatusId = task.TaskStatusId, PersonId = author.Id,
            };
            configure?.Invoke(comment);
            db.Comments.Add(comment);
            await db.SaveChangesAsync();
            return comment;
        });

    /// <summary>A task status with unique names, configured (is_wip, is_retake, is_artist_allowed...).</summary>
    public static Task<ProductionTaskStatus> CreateTaskStatusAsync(this SlateFactory factory, Action<ProductionTaskStatus>? configure = null)
    {
        var status = new ProductionTaskStatus { Name = Unique("Status"), ShortName = Unique("s"), Color = "#000000" };
        configure?.Invoke(status);
        return factory.Save(status);
    }

    /// <summary>Casts the assets in the entity: one entity_link each, with nb_occurences 1.</summary>
    public static Task CastAsync(this SlateFactory factory, Entity entity, params Entity[] assets) => factory.WithDb(db =>
    {
        db.EntityLinks.AddRange(assets.Select(a => new EntityLink { EntityInId = entity.Id, EntityOutId = a.Id }));
        return db.SaveChangesAsync();
    });

    /// <summary>A preview of the task (revision 1, position 1, unless configured otherwise).</summary>
    public static Task<PreviewFile> CreatePreviewAsync(this SlateFactory factory, ProductionTask task, Action<PreviewFile>? configure = null) =>
        factory.WithDb(async db =>
        {
            var preview = new PreviewFile { Name = Unique("preview"), Extension = "png", Status = "ready", TaskId = task.Id };
            configure?.Invoke(preview);
            db.PreviewFiles.Add(preview);
            await db.SaveChangesAsync();
            return preview;
        });

    /// <summary>A task type for that kind of entity, of a department when given, configured (priority...).</summary>
    public static Task<TaskType> CreateTaskTypeAsync(this SlateFactory factory, string forEntity = "Asset", Department? department = null,
        Action<TaskType>? configure = null) =>
        factory.WithDb(async db =>
        {
            var taskType = new TaskType { Name = Unique("TT"), ForEntity = forEntity, DepartmentId = department?.Id };
            configure?.Invoke(taskType);
            db.TaskTypes.Add(taskType);
            await db.SaveChangesAsync();
            return taskType;
        });

    /// <summary>A task of that type on the entity, assigned to the given people.</summary>
    public static Task<ProductionTask> CreateTaskAsync(this SlateFactory factory, Entity entity, TaskType taskType, params Person[] assignees) =>
        factory.WithDb(async db =>
        {
            var task = new ProductionTask { Name = Unique("task"), ProjectId = entity.ProjectId, EntityId = entity.Id, TaskTypeId = taskType.Id };
            db.Tasks.Add(task);
            db.TaskPersonLinks.AddRange(assignees.Select(p => new TaskPersonLink { TaskId = task.Id, PersonId = p.Id }));
            await db.SaveChangesAsync();
            return task;
        });

    /// <summary>A playlist of the project with these stored entries (its "shots" column), configured.</summary>
    public static Task<Playlist> CreatePlaylistAsync(this SlateFactory factory, Project project, IEnumerable<JsonObject> entries,
        Action<Playlist>? configure = null)
    {
        var playlist = new Playlist { Name = Unique("Dailies"), ProjectId = project.Id, Shots = new JsonArray([.. entries]) };
        configure?.Invoke(playlist);
        return factory.Save(playlist);
    }

    /// <summary>A build job of the playlist in that status, created at that time.</summary>
    public static Task<BuildJob> CreateBuildJobAsync(this SlateFactory factory, Playlist playlist, string status, DateTime createdAt) =>
        factory.Save(new BuildJob { PlaylistId = playlist.Id, Status = status, CreatedAt = createdAt });

    /// <summary>Time a person logged on a task that day (in minutes, as Zou counts).</summary>
    public static Task<TimeSpent> CreateTimeSpentAsync(this SlateFactory factory, ProductionTask task, Person person, DateOnly date, double duration) =>
        factory.WithDb(async db =>
        {
            var timeSpent = new TimeSpent { TaskId = task.Id, PersonId = person.Id, Date = date, Duration = duration };
            db.TimeSpents.Add(timeSpent);
            await db.SaveChangesAsync();
            return timeSpent;
        });

    /// <summary>A person's day off, from date to end (the same day when not given).</summary>
    public static Task<DayOff> CreateDayOffAsync(this SlateFactory factory, Person person, DateOnly date, DateOnly? end = null, string? description = null) =>
        factory.WithDb(async db =>
        {
            var dayOff = new DayOff { PersonId = person.Id, Date = date, EndDate = end ?? date, Description = description };
            db.DayOffs.Add(dayOff);
            await db.SaveChangesAsync();
            return dayOff;
        });

    public static Task<Department> CreateDepartmentAsync(this SlateFactory factory, params Person[] members) => factory.WithDb(async db =>
    {
        var department = new Department { Name = Unique("Dept"), Color = "#000000" };
        db.Departments.Add(department);
        db.DepartmentLinks.AddRange(members.Select(p => new DepartmentLink { DepartmentId = department.Id, PersonId = p.Id }));
        await db.SaveChangesAsync();
        return department;
    });

    /// <summary>The names of the events recorded with this payload key and value, in name order.</summary>
    public static Task<List<string>> EventsAsync(this SlateFactory factory, string key, Guid id) => factory.WithDb(async db =>
        (await db.ApiEvents.ToListAsync())
            .Where(e => (string?)e.Data?[key] == id.ToString())
            .Select(e => e.Name)
            .Order()
            .ToList());
}
