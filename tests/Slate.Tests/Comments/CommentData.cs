using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Crud.Structure;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Comments;

/// <summary>Zou's init-data statuses, made with unique names for one test.</summary>
public sealed record Statuses(ProductionTaskStatus Todo, ProductionTaskStatus Wip, ProductionTaskStatus Wfa, ProductionTaskStatus Retake,
    ProductionTaskStatus Done);

/// <summary>A production where an admin comments on a task assigned to an artist.</summary>
public sealed record CommentScene(Project Project, Entity Entity, ProductionTask Task, Person AdminPerson, HttpClient Admin,
    Person Artist, HttpClient ArtistClient, Statuses Statuses);

/// <summary>What the comment tests share: the scene, posting, and reading rows back.</summary>
public static class CommentData
{
    public static async Task<Statuses> CreateStatusesAsync(this SlateFactory factory) => new(
        await factory.CreateTaskStatusAsync(),
        await factory.CreateTaskStatusAsync(s => s.IsWip = true),
        await factory.CreateTaskStatusAsync(s => s.IsFeedbackRequest = true),
        await factory.CreateTaskStatusAsync(s => s.IsRetake = true),
        await factory.CreateTaskStatusAsync(s => s.IsDone = true));

    public static async Task<CommentScene> CreateCommentSceneAsync(this SlateFactory factory, string entityType = "Character")
    {
        var admin = await factory.CreatePersonAsync("admin");
        var artist = await factory.CreatePersonAsync("user");
        var project = await factory.CreateProjectAsync(true, (admin, null), (artist, null));
        var entity = await factory.CreateEntityAsync(project, entityType);
        var task = await factory.CreateTaskAsync(entity, artist);
        return new CommentScene(project, entity, task, admin, await factory.ClientForAsync(admin), artist, await factory.ClientForAsync(artist),
            await factory.CreateStatusesAsync());
    }

    public static Task<HttpResponseMessage> CommentAsync(this HttpClient client, ProductionTask task, ProductionTaskStatus status, string text = "",
        object? extra = null) =>
        client.PostAsJsonAsync($"/api/actions/tasks/{task.Id}/comment", extra ?? new { task_status_id = status.Id, comment = text });

    public static Task<ProductionTask> ReloadAsync(this SlateFactory factory, ProductionTask task) =>
        factory.WithDb(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));

    public static Task<List<Notification>> NotificationsAsync(this SlateFactory factory, Guid commentId) =>
        factory.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.CommentId == commentId).ToListAsync());

    public static Task<int> CommentCountAsync(this SlateFactory factory, ProductionTask task) =>
        factory.WithDb(db => db.Comments.CountAsync(c => c.ObjectId == task.Id));

    /// <summary>Every object the server stored: files under its preview folder, or keys in its S3 buckets.</summary>
    public static async Task<string[]> StoredFilesAsync(this SlateFactory factory)
    {
        if (factory is S3SlateFactory s3) return await s3.StoredKeysAsync();
        var root = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Settings>(factory.Services).PreviewFolder;
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
    }
}
