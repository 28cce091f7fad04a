using Slate.Api.Crud.Collections;
using Slate.Domain;

namespace Slate.Api.Crud;

/// <summary>
/// Zou's crud blueprint: every /data/&lt;collection&gt; with its model and rules, one line each,
/// in Zou's order. The algorithm is shared (<see cref="CrudService"/>); the lines differ only by
/// the collection's rules.
/// </summary>
public static class CrudRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Collection("persons", new PersonsCollection());
        routes.Collection("projects", new ProjectCollection());
        routes.Collection("project-status", new ReferenceCollection<ProjectStatus>());
        routes.Collection("project-templates", new ProjectTemplateCollection());
        routes.Collection("entity-types", new EntityTypeCollection());
        routes.Collection("entities", new EntityCollection());
        routes.Collection("task-types", new TaskTypesCollection());
        routes.Collection("task-status", new TaskStatusesCollection());
        routes.Collection("tasks", new TasksCollection());
        routes.Collection("departments", new ReferenceCollection<Department>());
        routes.Collection("organisations", new OrganisationsCollection());
        routes.Collection("file-status", new ReferenceCollection<FileStatus>());
        routes.Collection("softwares", new ReferenceCollection<Software>());
        routes.Collection("hardware-items", new AdminCollection<HardwareItem>());
        routes.Collection("output-files", new OutputFilesCollection());
        routes.Collection("output-types", new ReferenceCollection<OutputType>());
        routes.Collection("preview-files", new PreviewFilesCollection());
        routes.Collection("working-files", new WorkingFilesCollection());
        routes.Collection("attachment-files", new AttachmentFilesCollection());
        routes.Collection("comments", new CommentsCollection());
        routes.Collection("time-spents", new TimeSpentsCollection());
        routes.Collection("day-offs", new DayOffsCollection());
        routes.Collection("custom-actions", new CustomActionsCollection());
        routes.Collection("status-automations", new StatusAutomationsCollection());
        routes.Collection("asset-instances", new AssetInstancesCollection());
        routes.Collection("playlists", new PlaylistsCollection());
        routes.Collection("events", new EventsCollection());
        routes.Collection("notifications", new NotificationsCollection());
        routes.Collection("search-filters", new AdminCollection<SearchFilter>());
        routes.Collection("search-filter-groups", new AdminCollection<SearchFilterGroup>());
        routes.Collection("schedule-items", new ScheduleItemsCollection());
        routes.Collection("news", new AdminCollection<News>());
        routes.Collection("milestones", new MilestoneCollection());
        routes.Collection("metadata-descriptors", new MetadataDescriptorCollection());
        routes.Collection("subscriptions", new AdminCollection<Subscription>());
        routes.Collection("entity-links", new AdminCollection<EntityLink>());
        routes.Collection("chats", new AdminCollection<Chat>());
        routes.Collection("chat-messages", new AdminCollection<ChatMessage>());
        routes.Collection("preview-background-files", new PreviewBackgroundFilesCollection());
        routes.Collection("studios", new ReferenceCollection<Studio>());
        routes.Collection("salary-scales", new SalaryScalesCollection());
        routes.Collection("budgets", new BudgetCollection());
        routes.Collection("budget-entries", new BudgetEntryCollection());
        routes.Collection("plugins", new AdminCollection<Plugin>());
        routes.Collection("production-schedule-versions", new ProductionScheduleVersionsCollection());
        routes.Collection("production-schedule-version-task-links", new ProductionScheduleVersionTaskLinksCollection());
    }
}
