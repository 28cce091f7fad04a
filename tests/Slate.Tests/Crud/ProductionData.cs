using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// A small production for the permission tests, written straight into the database: an open
/// project, an asset of a new type, a task type of a new department, a task on the asset and a
/// status. Names are unique, so tests of one class never see each other's rows.
/// </summary>
public sealed record Production(Guid ProjectId, Guid EntityId, Guid TaskTypeId, Guid DepartmentId, Guid TaskId, Guid StatusId);

public static class ProductionData
{

    public static Task<Production> CreateProductionAsync(this SlateFactory factory, string projectStatus = "Open") => factory.WithDb(async db =>
    {
        var status = await db.ProjectStatuses.FirstOrDefaultAsync(s => s.Name == projectStatus);
        if (status is null)
        {
            status = new ProjectStatus { Name = projectStatus, Color = "#000000" };
            db.Add(status);
        }
        var project = new Project { Name = Unique("Project"), ProjectStatusId = status.Id };
        var entityType = new EntityType { Name = Unique("Type") };
        var entity = new Entity { Name = Unique("Asset"), ProjectId = project.Id, EntityTypeId = entityType.Id };
        var department = new Department { Name = Unique("Dept"), Color = "#000000" };
        var taskType = new TaskType { Name = Unique("Modeling"), DepartmentId = department.Id };
        var taskStatus = new ProductionTaskStatus { Name = Unique("Status"), ShortName = Unique("s"), Color = "#000000" };
        var task = new ProductionTask
        {
            Name = "main", ProjectId = project.Id, EntityId = entity.Id, TaskTypeId = taskType.Id, TaskStatusId = taskStatus.Id,
        };
        db.AddRange(project, entityType, entity, department, taskType, taskStatus, task);
        await db.SaveChangesAsync();
        return new Production(project.Id, entity.Id, taskType.Id, department.Id, task.Id, taskStatus.Id);
    });

    /// <summary>A person of the given global role, in the production's team (with a project role when given).</summary>
    public static async Task<Person> CreateMemberAsync(this SlateFactory factory, Production production, string role, string? projectRole = null)
    {
        var person = await factory.CreatePersonAsync(role);
        await factory.AddToTeamAsync(production.ProjectId, person.Id, projectRole);
        return person;
    }

    public static Task AddToTeamAsync(this SlateFactory factory, Guid projectId, Guid personId, string? projectRole = null) =>
        factory.Save(new ProjectPersonLink { ProjectId = projectId, PersonId = personId, Role = projectRole });

    public static Task AssignAsync(this SlateFactory factory, Guid taskId, Guid personId) =>
        factory.Save(new TaskPersonLink { TaskId = taskId, PersonId = personId });

    public static Task AddToDepartmentAsync(this SlateFactory factory, Guid personId, Guid departmentId) =>
        factory.Save(new DepartmentLink { PersonId = personId, DepartmentId = departmentId });

    /// <summary>Another task of the production's task type, on a new entity of the same project.</summary>
    public static Task<ProductionTask> CreateTaskAsync(this SlateFactory factory, Production production) => factory.WithDb(async db =>
    {
        var typeId = await db.Entities.Where(e => e.Id == production.EntityId).Select(e => e.EntityTypeId).SingleAsync();
        var entity = new Entity { Name = Unique("Asset"), ProjectId = production.ProjectId, EntityTypeId = typeId };
        var task = new ProductionTask
        {
            Name = "main", ProjectId = production.ProjectId, EntityId = entity.Id, TaskTypeId = production.TaskTypeId,
            TaskStatusId = production.StatusId,
        };
        db.AddRange(entity, task);
        await db.SaveChangesAsync();
        return task;
    });

    public static Task<ProductionTaskStatus> CreateTaskStatusAsync(this SlateFactory factory, Action<ProductionTaskStatus>? configure = null)
    {
        var status = new ProductionTaskStatus { Name = Unique("Status"), ShortName = Unique("s"), Color = "#000000" };
        configure?.Invoke(status);
        return factory.Save(status);
    }

    public static Task<Comment> CreateCommentAsync(this SlateFactory factory, Production production, Guid authorId, Action<Comment>? configure = null)
    {
        var comment = new Comment
        {
            ObjectId = production.TaskId, ObjectType = "Task", PersonId = authorId, TaskStatusId = production.StatusId,
            Text = Unique("Comment "),
        };
        configure?.Invoke(comment);
        return factory.Save(comment);
    }

    public static Task<PreviewFile> CreatePreviewAsync(this SlateFactory factory, Guid taskId, Action<PreviewFile>? configure = null)
    {
        var preview = new PreviewFile { Name = Unique("preview"), TaskId = taskId, Extension = "png", Status = "ready" };
        configure?.Invoke(preview);
        return factory.Save(preview);
    }

    public static async Task<HttpClient> AdminClientAsync(this SlateFactory factory) =>
        await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
}
