using Microsoft.EntityFrameworkCore;
using Slate.Data;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Everything a project owns, removed for `DELETE /data/projects/{id}?force=true` (Zou's
/// deletion_service.remove_project): previews, tasks and what hangs on them, budgets, casting,
/// playlists, entities, descriptors, schedules, filters, news and events. One statement per
/// table, children first, inside the delete's transaction; the project row and its own link rows
/// go last, with the ordinary delete. Stored files are not touched.
/// </summary>
static class ProjectRemoval
{
    public static async Task RemoveContentAsync(Guid projectId, SlateDb db)
    {
        var tasks = db.Tasks.Where(t => t.ProjectId == projectId).Select(t => (Guid?)t.Id);
        var entities = db.Entities.Where(e => e.ProjectId == projectId).Select(e => (Guid?)e.Id);
        var previews = db.PreviewFiles.Where(p => tasks.Contains(p.TaskId)).Select(p => (Guid?)p.Id);
        var comments = db.Comments.Where(c => tasks.Contains(c.ObjectId)).Select(c => (Guid?)c.Id);
        var playlists = db.Playlists.Where(p => p.ProjectId == projectId).Select(p => (Guid?)p.Id);
        var workingFiles = db.WorkingFiles.Where(w => tasks.Contains(w.TaskId) || entities.Contains(w.EntityId)).Select(w => (Guid?)w.Id);
        var assetInstances = db.AssetInstances.Where(a => entities.Contains(a.AssetId) || entities.Contains(a.SceneId)
            || entities.Contains(a.TargetAssetId) || entities.Contains(a.EntityId)).Select(a => (Guid?)a.Id);
        var outputFiles = db.OutputFiles.Where(o => entities.Contains(o.EntityId) || entities.Contains(o.TemporalEntityId)
            || workingFiles.Contains(o.SourceFileId) || assetInstances.Contains(o.AssetInstanceId)).Select(o => (Guid?)o.Id);
        var chats = db.Chats.Where(c => entities.Contains(c.ObjectId)).Select(c => (Guid?)c.Id);
        var budgets = db.Budgets.Where(b => b.ProjectId == projectId).Select(b => (Guid?)b.Id);
        var versions = db.ProductionScheduleVersions.Where(v => v.ProjectId == projectId).Select(v => (Guid?)v.Id);
        var versionTaskLinks = db.ProductionScheduleVersionTaskLinks
            .Where(l => versions.Contains(l.ProductionScheduleVersionId) || tasks.Contains(l.TaskId)).Select(l => (Guid?)l.Id);
        var descriptors = db.MetadataDescriptors.Where(d => d.ProjectId == projectId).Select(d => (Guid?)d.Id);
        var filterGroups = db.SearchFilterGroups.Where(g => g.ProjectId == projectId).Select(g => (Guid?)g.Id);

        // What points at comments, previews, tasks and playlists.
        await db.Notifications.Where(n => tasks.Contains(n.TaskId) || comments.Contains(n.CommentId) || playlists.Contains(n.PlaylistId)).ExecuteDeleteAsync();
        await db.News.Where(n => tasks.Contains(n.TaskId) || comments.Contains(n.CommentId) || previews.Contains(n.PreviewFileId)).ExecuteDeleteAsync();
        await db.Subscriptions.Where(s => tasks.Contains(s.TaskId) || entities.Contains(s.EntityId)).ExecuteDeleteAsync();
        await db.TimeSpents.Where(t => tasks.Contains(t.TaskId)).ExecuteDeleteAsync();
        await db.TaskPersonLinks.Where(l => tasks.Contains(l.TaskId)).ExecuteDeleteAsync();
        await db.ProductionScheduleVersionTaskLinkPersonLinks.Where(l => versionTaskLinks.Contains(l.ProductionScheduleVersionTaskLinkId)).ExecuteDeleteAsync();
        await db.ProductionScheduleVersionTaskLinks.Where(l => versionTaskLinks.Contains(l.Id)).ExecuteDeleteAsync();
        await db.CommentMentions.Where(m => comments.Contains(m.Comment)).ExecuteDeleteAsync();
        await db.CommentDepartmentMentions.Where(m => comments.Contains(m.Comment)).ExecuteDeleteAsync();
        await db.CommentAcknowledgments.Where(a => comments.Contains(a.Comment)).ExecuteDeleteAsync();
        await db.CommentPreviewLinks.Where(l => comments.Contains(l.Comment) || previews.Contains(l.PreviewFile)).ExecuteDeleteAsync();
        await db.AttachmentFiles.Where(a => comments.Contains(a.CommentId)).ExecuteDeleteAsync();
        await db.Comments.Where(c => comments.Contains(c.Id)).ExecuteDeleteAsync();

        // Previews, then the files they come from, then the tasks.
        await db.Entities.Where(e => previews.Contains(e.PreviewFileId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.PreviewFileId, (Guid?)null));
        await db.PreviewFiles.Where(p => previews.Contains(p.Id)).ExecuteDeleteAsync();
        await db.PreviewFiles.Where(p => outputFiles.Contains(p.SourceFileId)).ExecuteUpdateAsync(s => s.SetProperty(p => p.SourceFileId, (Guid?)null));
        await db.OutputFiles.Where(o => outputFiles.Contains(o.Id)).ExecuteDeleteAsync();
        await db.WorkingFiles.Where(w => workingFiles.Contains(w.Id)).ExecuteDeleteAsync();
        await db.Tasks.Where(t => t.ProjectId == projectId).ExecuteDeleteAsync();

        await db.BudgetEntries.Where(e => budgets.Contains(e.BudgetId)).ExecuteDeleteAsync();
        await db.Budgets.Where(b => b.ProjectId == projectId).ExecuteDeleteAsync();

        // Casting, instances, versions and chats of the entities, then the entities.
        await db.EntityLinks.Where(l => entities.Contains(l.EntityInId) || entities.Contains(l.EntityOutId)).ExecuteDeleteAsync();
        await db.EntityConceptLinks.Where(l => entities.Contains(l.EntityInId) || entities.Contains(l.EntityOutId)).ExecuteDeleteAsync();
        await db.EntityVersions.Where(v => entities.Contains(v.EntityId)).ExecuteDeleteAsync();
        await db.AssetInstanceLinks.Where(l => entities.Contains(l.EntityId) || assetInstances.Contains(l.AssetInstanceId)).ExecuteDeleteAsync();
        await db.AssetInstances.Where(a => assetInstances.Contains(a.Id)).ExecuteDeleteAsync();
        await db.AttachmentFiles.Where(a => db.ChatMessages.Any(m => m.Id == a.ChatMessageId && chats.Contains(m.ChatId))).ExecuteDeleteAsync();
        await db.ChatMessages.Where(m => chats.Contains(m.ChatId)).ExecuteDeleteAsync();
        await db.ChatParticipants.Where(p => chats.Contains(p.ChatId)).ExecuteDeleteAsync();
        await db.Chats.Where(c => chats.Contains(c.Id)).ExecuteDeleteAsync();
        await db.BuildJobs.Where(j => playlists.Contains(j.PlaylistId)).ExecuteDeleteAsync();
        await db.PlaylistShareLinks.Where(l => playlists.Contains(l.PlaylistId)).ExecuteDeleteAsync();
        await db.Playlists.Where(p => p.ProjectId == projectId).ExecuteDeleteAsync();
        await db.ApiEvents.Where(e => e.ProjectId == projectId).ExecuteDeleteAsync();
        await db.Entities.Where(e => e.ProjectId == projectId).ExecuteDeleteAsync();

        // Production data.
        await db.DepartmentMetadataDescriptorLinks.Where(l => descriptors.Contains(l.MetadataDescriptorId)).ExecuteDeleteAsync();
        await db.MetadataDescriptors.Where(d => d.ProjectId == projectId).ExecuteDeleteAsync();
        await db.Milestones.Where(m => m.ProjectId == projectId).ExecuteDeleteAsync();
        await db.ScheduleItems.Where(i => i.ProjectId == projectId).ExecuteDeleteAsync();
        await db.SearchFilters.Where(f => f.ProjectId == projectId || filterGroups.Contains(f.SearchFilterGroupId)).ExecuteDeleteAsync();
        await db.SearchFilterGroups.Where(g => g.ProjectId == projectId).ExecuteDeleteAsync();
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FromScheduleVersionId, (Guid?)null));
        await db.ProductionScheduleVersions.Where(v => v.ProjectId == projectId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ProductionScheduleFrom, (Guid?)null));
        await db.ProductionScheduleVersions.Where(v => v.ProjectId == projectId).ExecuteDeleteAsync();
    }
}
