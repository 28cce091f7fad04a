using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Tests.Infrastructure;

/// <summary>Projects and tasks a test needs, created directly in the database with unique names.</summary>
public static class PeopleData
{
    /// <summary>An open project whose team holds <paramref name="team"/> (with their global roles).</summary>
    public static Task<Project> CreateProjectAsync(this SlateFactory factory, params Person[] team) => factory.WithDb(async db =>
    {
        var project = new Project { Name = TestData.Unique("Prod"), ProjectStatusId = (await ProjectStatusAsync(db, "Open")).Id };
        db.Projects.Add(project);
        db.ProjectPersonLinks.AddRange(team.Select(person => new ProjectPersonLink { ProjectId = project.Id, PersonId = person.Id }));
        await db.SaveChangesAsync();
        return project;
    });

    /// <summary>A task of the project, assigned to <paramref name="assignees"/>.</summary>
    public static Task<ProductionTask> CreateTaskAsync(this SlateFactory factory, Project project, params Person[] assignees) =>
        factory.WithDb(async db =>
        {
            var task = new ProductionTask { Name = "Task " + Guid.NewGuid().ToString("N")[..10], ProjectId = project.Id };
            db.Tasks.Add(task);
            db.TaskPersonLinks.AddRange(assignees.Select(person => new TaskPersonLink { TaskId = task.Id, PersonId = person.Id }));
            await db.SaveChangesAsync();
            return task;
        });

    /// <summary>The project status of that name ("Open", "Closed"), created when missing.</summary>
    public static async Task<ProjectStatus> ProjectStatusAsync(SlateDb db, string name)
    {
        var status = await db.ProjectStatuses.FirstOrDefaultAsync(s => s.Name == name);
        if (status is null)
        {
            db.ProjectStatuses.Add(status = new ProjectStatus { Name = name, Color = "#000000" });
            await db.SaveChangesAsync();
        }
        return status;
    }
}
