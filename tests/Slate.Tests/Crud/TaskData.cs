using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// Productions for the task tests, seeded straight into the server's database: projects with
/// their team, entities of each kind, task types, statuses and tasks, all with unique names.
/// </summary>
public static class TaskData
{

    public static Task<Project> CreateProjectAsync(this SlateFactory factory, bool open = true, bool botsAllowed = false) =>
        factory.WithDb(async db =>
        {
            var statusName = open ? "Open" : "Closed";
            var status = await db.ProjectStatuses.FirstOrDefaultAsync(s => s.Name == statusName)
                ?? db.ProjectStatuses.Add(new ProjectStatus { Name = statusName, Color = "#000000" }).Entity;
            var project = new Project { Name = Unique("Project "), ProjectStatusId = status.Id, IsBotCollaborationEnabled = botsAllowed };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project;
        });

    /// <summary>Adds the person to the project's team, with a project role when given.</summary>
    public static Task JoinTeamAsync(this SlateFactory factory, Project project, Person person, string? role = null) =>
        factory.WithDb(async db =>
        {
            db.ProjectPersonLinks.Add(new ProjectPersonLink { ProjectId = project.Id, PersonId = person.Id, Role = role });
            return await db.SaveChangesAsync();
        });

    /// <summary>A person of that role in the project's team.</summary>
    public static async Task<Person> CreateMemberAsync(this SlateFactory factory, Project project, string role, string? projectRole = null)
    {
        var person = await factory.CreatePersonAsync(role);
        await factory.JoinTeamAsync(project, person, projectRole);
        return person;
    }

    /// <summary>An entity of the kind ("Shot", "Sequence", "Episode", or an asset type name such as "Character").</summary>
    public static Task<Entity> CreateEntityAsync(this SlateFactory factory, Project project, string kind, Entity? parent = null) =>
        factory.WithDb(async db =>
        {
            var type = await db.EntityTypes.FirstOrDefaultAsync(t => t.Name == kind)
                ?? db.EntityTypes.Add(new EntityType { Name = kind }).Entity;
            var entity = new Entity { Name = Unique(kind), ProjectId = project.Id, EntityTypeId = type.Id, ParentId = parent?.Id };
            db.Entities.Add(entity);
            await db.SaveChangesAsync();
            return entity;
        });

    public static Task<Department> CreateDepartmentAsync(this SlateFactory factory, params Person[] members) =>
        factory.WithDb(async db =>
        {
            var department = new Department { Name = Unique("Department "), Color = "#123456" };
            db.Departments.Add(department);
            foreach (var member in members) db.DepartmentLinks.Add(new DepartmentLink { PersonId = member.Id, DepartmentId = department.Id });
            await db.SaveChangesAsync();
            return department;
        });

    public static Task<TaskType> CreateTaskTypeAsync(this SlateFactory factory, string forEntity = "Asset", Department? department = null) =>
        factory.WithDb(async db =>
        {
            var taskType = new TaskType { Name = Unique("Type "), ForEntity = forEntity, DepartmentId = department?.Id };
            db.TaskTypes.Add(taskType);
            await db.SaveChangesAsync();
            return taskType;
        });

    /// <summary>A task of the type on the entity (a new asset task type when none is given), assigned to the persons.</summary>
    public static async Task<ProductionTask> CreateTaskAsync(this SlateFactory factory, Entity entity, TaskType? taskType = null,
        ProductionTaskStatus? status = null, params Person[] assignees)
    {
        taskType ??= await factory.CreateTaskTypeAsync();
        return await factory.WithDb(async db =>
        {
            var task = new ProductionTask
            {
                Name = "main", ProjectId = entity.ProjectId, EntityId = entity.Id, TaskTypeId = taskType.Id, TaskStatusId = status?.Id,
            };
            db.Tasks.Add(task);
            foreach (var person in assignees) db.TaskPersonLinks.Add(new TaskPersonLink { TaskId = task.Id, PersonId = person.Id });
            await db.SaveChangesAsync();
            return task;
        });
    }

    /// <summary>The events recorded with that name whose data names the id under the key.</summary>
    public static Task<List<ApiEvent>> EventsAsync(this SlateFactory factory, string name, string key, Guid id) =>
        factory.WithDb(async db => (await db.ApiEvents.AsNoTracking().Where(e => e.Name == name).ToListAsync())
            .Where(e => (string?)e.Data?[key] == id.ToString()).ToList());
}
