using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// Zou's 77 tables. Table names come from [Table] on each entity, column names are the
/// snake_case of the property names (a few are spelled out with [Column]), and constraint
/// names follow PostgreSQL's defaults so a Zou database maps onto this model.
/// Each provider has its own subclass so each keeps its own migrations.
/// </summary>
public abstract class SlateDb(DbContextOptions options) : DbContext(options)
{
    /// <summary>api_event rows waiting for their commit before they go out to sockets (Realtime.CommitHook).</summary>
    public Realtime.UncommittedEvents UncommittedEvents { get; } = new();

    public DbSet<ApiEvent> ApiEvents => Set<ApiEvent>();
    public DbSet<AssetInstance> AssetInstances => Set<AssetInstance>();
    public DbSet<AssetInstanceLink> AssetInstanceLinks => Set<AssetInstanceLink>();
    public DbSet<AttachmentFile> AttachmentFiles => Set<AttachmentFile>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetEntry> BudgetEntries => Set<BudgetEntry>();
    public DbSet<BuildJob> BuildJobs => Set<BuildJob>();
    public DbSet<Chat> Chats => Set<Chat>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<ChatParticipant> ChatParticipants => Set<ChatParticipant>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentAcknowledgment> CommentAcknowledgments => Set<CommentAcknowledgment>();
    public DbSet<CommentDepartmentMention> CommentDepartmentMentions => Set<CommentDepartmentMention>();
    public DbSet<CommentMention> CommentMentions => Set<CommentMention>();
    public DbSet<CommentPreviewLink> CommentPreviewLinks => Set<CommentPreviewLink>();
    public DbSet<CustomAction> CustomActions => Set<CustomAction>();
    public DbSet<DataImportError> DataImportErrors => Set<DataImportError>();
    public DbSet<DayOff> DayOffs => Set<DayOff>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentLink> DepartmentLinks => Set<DepartmentLink>();
    public DbSet<DepartmentMetadataDescriptorLink> DepartmentMetadataDescriptorLinks => Set<DepartmentMetadataDescriptorLink>();
    public DbSet<DesktopLoginLog> DesktopLoginLogs => Set<DesktopLoginLog>();
    public DbSet<Entity> Entities => Set<Entity>();
    public DbSet<EntityConceptLink> EntityConceptLinks => Set<EntityConceptLink>();
    public DbSet<EntityLink> EntityLinks => Set<EntityLink>();
    public DbSet<EntityType> EntityTypes => Set<EntityType>();
    public DbSet<EntityVersion> EntityVersions => Set<EntityVersion>();
    public DbSet<FileStatus> FileStatuses => Set<FileStatus>();
    public DbSet<HardwareItem> HardwareItems => Set<HardwareItem>();
    public DbSet<HardwareItemDepartmentLink> HardwareItemDepartmentLinks => Set<HardwareItemDepartmentLink>();
    public DbSet<LoginLog> LoginLogs => Set<LoginLog>();
    public DbSet<MetadataDescriptor> MetadataDescriptors => Set<MetadataDescriptor>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<News> News => Set<News>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OutputFile> OutputFiles => Set<OutputFile>();
    public DbSet<OutputType> OutputTypes => Set<OutputType>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Playlist> Playlists => Set<Playlist>();
    public DbSet<PlaylistShareLink> PlaylistShareLinks => Set<PlaylistShareLink>();
    public DbSet<Plugin> Plugins => Set<Plugin>();
    public DbSet<PreviewBackgroundFile> PreviewBackgroundFiles => Set<PreviewBackgroundFile>();
    public DbSet<PreviewFile> PreviewFiles => Set<PreviewFile>();
    public DbSet<ProductionScheduleVersion> ProductionScheduleVersions => Set<ProductionScheduleVersion>();
    public DbSet<ProductionScheduleVersionTaskLink> ProductionScheduleVersionTaskLinks => Set<ProductionScheduleVersionTaskLink>();
    public DbSet<ProductionScheduleVersionTaskLinkPersonLink> ProductionScheduleVersionTaskLinkPersonLinks => Set<ProductionScheduleVersionTaskLinkPersonLink>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectAssetTypeLink> ProjectAssetTypeLinks => Set<ProjectAssetTypeLink>();
    public DbSet<ProjectPersonLink> ProjectPersonLinks => Set<ProjectPersonLink>();
    public DbSet<ProjectPreviewBackgroundFileLink> ProjectPreviewBackgroundFileLinks => Set<ProjectPreviewBackgroundFileLink>();
    public DbSet<ProjectStatus> ProjectStatuses => Set<ProjectStatus>();
    public DbSet<ProjectStatusAutomationLink> ProjectStatusAutomationLinks => Set<ProjectStatusAutomationLink>();
    public DbSet<ProjectTaskStatusLink> ProjectTaskStatusLinks => Set<ProjectTaskStatusLink>();
    public DbSet<ProjectTaskTypeLink> ProjectTaskTypeLinks => Set<ProjectTaskTypeLink>();
    public DbSet<ProjectTemplate> ProjectTemplates => Set<ProjectTemplate>();
    public DbSet<ProjectTemplateAssetTypeLink> ProjectTemplateAssetTypeLinks => Set<ProjectTemplateAssetTypeLink>();
    public DbSet<ProjectTemplatePreviewBackgroundFileLink> ProjectTemplatePreviewBackgroundFileLinks => Set<ProjectTemplatePreviewBackgroundFileLink>();
    public DbSet<ProjectTemplateStatusAutomationLink> ProjectTemplateStatusAutomationLinks => Set<ProjectTemplateStatusAutomationLink>();
    public DbSet<ProjectTemplateTaskStatusLink> ProjectTemplateTaskStatusLinks => Set<ProjectTemplateTaskStatusLink>();
    public DbSet<ProjectTemplateTaskTypeLink> ProjectTemplateTaskTypeLinks => Set<ProjectTemplateTaskTypeLink>();
    public DbSet<SalaryScale> SalaryScales => Set<SalaryScale>();
    public DbSet<ScheduleItem> ScheduleItems => Set<ScheduleItem>();
    public DbSet<SearchFilter> SearchFilters => Set<SearchFilter>();
    public DbSet<SearchFilterGroup> SearchFilterGroups => Set<SearchFilterGroup>();
    public DbSet<Software> Softwares => Set<Software>();
    public DbSet<SoftwareDepartmentLink> SoftwareDepartmentLinks => Set<SoftwareDepartmentLink>();
    public DbSet<StatusAutomation> StatusAutomations => Set<StatusAutomation>();
    public DbSet<Studio> Studios => Set<Studio>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<ProductionTask> Tasks => Set<ProductionTask>();
    public DbSet<TaskPersonLink> TaskPersonLinks => Set<TaskPersonLink>();
    public DbSet<ProductionTaskStatus> TaskStatuses => Set<ProductionTaskStatus>();
    public DbSet<TaskType> TaskTypes => Set<TaskType>();
    public DbSet<TaskTypeAssetTypeLink> TaskTypeAssetTypeLinks => Set<TaskTypeAssetTypeLink>();
    public DbSet<TimeSpent> TimeSpents => Set<TimeSpent>();
    public DbSet<WorkingFile> WorkingFiles => Set<WorkingFile>();
    public DbSet<RevokedToken> RevokedTokens => Set<RevokedToken>();
    public DbSet<PasswordChange> PasswordChanges => Set<PasswordChange>();
    public DbSet<ResetToken> ResetTokens => Set<ResetToken>();
    public DbSet<Job> Jobs => Set<Job>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<JsonNode>().HaveConversion<JsonNodeConverter, JsonNodeComparer>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Zou's EmailType: stored lower-cased, so e-mail lookups ignore case.
        b.Entity<Person>().Property(p => p.Email).HasConversion(v => v!.ToLowerInvariant(), v => v);
        b.Entity<Plugin>().Property(p => p.MaintainerEmail).HasConversion(v => v!.ToLowerInvariant(), v => v);
        ConfigureRelations(b);
        NameLikeZou(b);
    }

    /// <summary>Foreign keys, checks and database defaults of Zou's schema.</summary>
    static void ConfigureRelations(ModelBuilder b)
    {
        b.Entity<PasswordChange>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ResetToken>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<AssetInstance>().HasOne<Entity>().WithMany().HasForeignKey(x => x.AssetId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstance>().HasOne<Entity>().WithMany().HasForeignKey(x => x.SceneId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstance>().HasOne<Entity>().WithMany().HasForeignKey(x => x.TargetAssetId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstance>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstance>().HasOne<EntityType>().WithMany().HasForeignKey(x => x.EntityTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AttachmentFile>().HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AttachmentFile>().HasOne<ChatMessage>().WithMany().HasForeignKey(x => x.ChatMessageId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Budget>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<BudgetEntry>().HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<BudgetEntry>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<BudgetEntry>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<BuildJob>().HasOne<Playlist>().WithMany().HasForeignKey(x => x.PlaylistId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ChatParticipant>().HasOne<Chat>().WithMany().HasForeignKey(x => x.ChatId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ChatParticipant>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ChatMessage>().HasOne<Chat>().WithMany().HasForeignKey(x => x.ChatId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ChatMessage>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentMention>().HasOne<Comment>().WithMany().HasForeignKey(x => x.Comment).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentMention>().HasOne<Person>().WithMany().HasForeignKey(x => x.Person).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentDepartmentMention>().HasOne<Comment>().WithMany().HasForeignKey(x => x.Comment).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentDepartmentMention>().HasOne<Department>().WithMany().HasForeignKey(x => x.Department).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentAcknowledgment>().HasOne<Comment>().WithMany().HasForeignKey(x => x.Comment).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentAcknowledgment>().HasOne<Person>().WithMany().HasForeignKey(x => x.Person).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentPreviewLink>().HasOne<Comment>().WithMany().HasForeignKey(x => x.Comment).OnDelete(DeleteBehavior.NoAction);
        b.Entity<CommentPreviewLink>().HasOne<PreviewFile>().WithMany().HasForeignKey(x => x.PreviewFile).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Comment>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.TaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Comment>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Comment>().HasOne<Person>().WithMany().HasForeignKey(x => x.EditorId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Comment>().HasOne<PreviewFile>().WithMany().HasForeignKey(x => x.PreviewFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DayOff>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<HardwareItemDepartmentLink>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<HardwareItemDepartmentLink>().HasOne<HardwareItem>().WithMany().HasForeignKey(x => x.HardwareItemId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SoftwareDepartmentLink>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SoftwareDepartmentLink>().HasOne<Software>().WithMany().HasForeignKey(x => x.SoftwareId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DesktopLoginLog>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstanceLink>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<AssetInstanceLink>().HasOne<AssetInstance>().WithMany().HasForeignKey(x => x.AssetInstanceId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityLink>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityInId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityLink>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityOutId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityConceptLink>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityInId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityConceptLink>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityOutId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<EntityType>().WithMany().HasForeignKey(x => x.EntityTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<Entity>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<Entity>().WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<PreviewFile>().WithMany().HasForeignKey(x => x.PreviewFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.ReadyFor).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Entity>().HasOne<Person>().WithMany().HasForeignKey(x => x.CreatedBy).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityVersion>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<EntityVersion>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TaskTypeAssetTypeLink>().HasOne<EntityType>().WithMany().HasForeignKey(x => x.AssetTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TaskTypeAssetTypeLink>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ApiEvent>().HasOne<Person>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ApiEvent>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<LoginLog>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DepartmentMetadataDescriptorLink>().HasOne<MetadataDescriptor>().WithMany().HasForeignKey(x => x.MetadataDescriptorId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DepartmentMetadataDescriptorLink>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<MetadataDescriptor>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<MetadataDescriptor>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Milestone>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Milestone>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<News>().HasOne<Person>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<News>().HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<News>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<News>().HasOne<PreviewFile>().WithMany().HasForeignKey(x => x.PreviewFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Notification>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Notification>().HasOne<Person>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Notification>().HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Notification>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Notification>().HasOne<Playlist>().WithMany().HasForeignKey(x => x.PlaylistId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<FileStatus>().WithMany().HasForeignKey(x => x.FileStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<AssetInstance>().WithMany().HasForeignKey(x => x.AssetInstanceId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<OutputType>().WithMany().HasForeignKey(x => x.OutputTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<WorkingFile>().WithMany().HasForeignKey(x => x.SourceFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<OutputFile>().HasOne<Entity>().WithMany().HasForeignKey(x => x.TemporalEntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DepartmentLink>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DepartmentLink>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Person>().HasOne<Studio>().WithMany().HasForeignKey(x => x.StudioId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Playlist>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Playlist>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Playlist>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Playlist>().HasOne<Person>().WithMany().HasForeignKey(x => x.CreatedBy).OnDelete(DeleteBehavior.NoAction);
        b.Entity<PlaylistShareLink>().HasOne<Playlist>().WithMany().HasForeignKey(x => x.PlaylistId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<PlaylistShareLink>().HasOne<Person>().WithMany().HasForeignKey(x => x.CreatedBy).OnDelete(DeleteBehavior.NoAction);
        b.Entity<PreviewFile>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<PreviewFile>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<PreviewFile>().HasOne<OutputFile>().WithMany().HasForeignKey(x => x.SourceFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionScheduleVersion>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ProductionScheduleVersion>().HasOne<ProductionScheduleVersion>().WithMany().HasForeignKey(x => x.ProductionScheduleFrom).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionScheduleVersionTaskLinkPersonLink>().HasOne<ProductionScheduleVersionTaskLink>().WithMany().HasForeignKey(x => x.ProductionScheduleVersionTaskLinkId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ProductionScheduleVersionTaskLinkPersonLink>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ProductionScheduleVersionTaskLink>().HasOne<ProductionScheduleVersion>().WithMany().HasForeignKey(x => x.ProductionScheduleVersionId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ProductionScheduleVersionTaskLink>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ProjectPersonLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectPersonLink>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTaskTypeLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTaskTypeLink>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTaskStatusLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTaskStatusLink>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.TaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectAssetTypeLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectAssetTypeLink>().HasOne<EntityType>().WithMany().HasForeignKey(x => x.AssetTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectStatusAutomationLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectStatusAutomationLink>().HasOne<StatusAutomation>().WithMany().HasForeignKey(x => x.StatusAutomationId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectPreviewBackgroundFileLink>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectPreviewBackgroundFileLink>().HasOne<PreviewBackgroundFile>().WithMany().HasForeignKey(x => x.PreviewBackgroundFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Project>().HasOne<ProjectStatus>().WithMany().HasForeignKey(x => x.ProjectStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Project>().HasOne<PreviewBackgroundFile>().WithMany().HasForeignKey(x => x.DefaultPreviewBackgroundFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Project>().HasOne<ProductionScheduleVersion>().WithMany().HasForeignKey(x => x.FromScheduleVersionId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateTaskTypeLink>().HasOne<ProjectTemplate>().WithMany().HasForeignKey(x => x.ProjectTemplateId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateTaskTypeLink>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateTaskStatusLink>().HasOne<ProjectTemplate>().WithMany().HasForeignKey(x => x.ProjectTemplateId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateTaskStatusLink>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.TaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateAssetTypeLink>().HasOne<ProjectTemplate>().WithMany().HasForeignKey(x => x.ProjectTemplateId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateAssetTypeLink>().HasOne<EntityType>().WithMany().HasForeignKey(x => x.AssetTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateStatusAutomationLink>().HasOne<ProjectTemplate>().WithMany().HasForeignKey(x => x.ProjectTemplateId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplateStatusAutomationLink>().HasOne<StatusAutomation>().WithMany().HasForeignKey(x => x.StatusAutomationId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplatePreviewBackgroundFileLink>().HasOne<ProjectTemplate>().WithMany().HasForeignKey(x => x.ProjectTemplateId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplatePreviewBackgroundFileLink>().HasOne<PreviewBackgroundFile>().WithMany().HasForeignKey(x => x.PreviewBackgroundFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProjectTemplate>().HasOne<PreviewBackgroundFile>().WithMany().HasForeignKey(x => x.DefaultPreviewBackgroundFileId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SalaryScale>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.Entity<ScheduleItem>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ScheduleItem>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilter>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilter>().HasOne<SearchFilterGroup>().WithMany().HasForeignKey(x => x.SearchFilterGroupId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilter>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilter>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilterGroup>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilterGroup>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<SearchFilterGroup>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<StatusAutomation>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.InTaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<StatusAutomation>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.InTaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<StatusAutomation>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.OutTaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<StatusAutomation>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.OutTaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Subscription>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Subscription>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Subscription>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<Subscription>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TaskPersonLink>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TaskPersonLink>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionTask>().HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionTask>().HasOne<TaskType>().WithMany().HasForeignKey(x => x.TaskTypeId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionTask>().HasOne<ProductionTaskStatus>().WithMany().HasForeignKey(x => x.TaskStatusId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionTask>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<ProductionTask>().HasOne<Person>().WithMany().HasForeignKey(x => x.AssignerId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TaskType>().HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TimeSpent>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<TimeSpent>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<WorkingFile>().HasOne<ProductionTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<WorkingFile>().HasOne<Entity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<WorkingFile>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<WorkingFile>().HasOne<Software>().WithMany().HasForeignKey(x => x.SoftwareId).OnDelete(DeleteBehavior.NoAction);
        b.Entity<DayOff>().ToTable(t => t.HasCheckConstraint("day_off_date_check", "date <= end_date"));
        b.Entity<DayOff>().ToTable(t => t.HasCheckConstraint("day_off_date_check", "date <= end_date"));
        b.Entity<ProductionTask>().ToTable(t => t.HasCheckConstraint("check_difficulty", "difficulty > 0 AND difficulty < 6"));
        b.Entity<TimeSpent>().ToTable(t => t.HasCheckConstraint("check_duration_positive", "duration > 0"));
        b.Entity<SearchFilter>().Property(x => x.IsShared).HasDefaultValue(false);
        b.Entity<SearchFilterGroup>().Property(x => x.IsShared).HasDefaultValue(false);
        b.Entity<ProductionTaskStatus>().Property(x => x.IsWip).HasDefaultValue(false);
        b.Entity<ProductionTaskStatus>().Property(x => x.ForConcept).HasDefaultValue(false);
        b.Entity<MetadataDescriptor>().HasIndex([nameof(MetadataDescriptor.ProjectId), nameof(MetadataDescriptor.EntityType), nameof(MetadataDescriptor.Name)], "metadata_descriptor_uc").HasFilter("task_type_id IS NULL");
        b.Entity<MetadataDescriptor>().HasIndex([nameof(MetadataDescriptor.ProjectId), nameof(MetadataDescriptor.EntityType), nameof(MetadataDescriptor.FieldName)], "metadata_descriptor_uc2").HasFilter("task_type_id IS NULL");
        b.Entity<MetadataDescriptor>().HasIndex([nameof(MetadataDescriptor.ProjectId), nameof(MetadataDescriptor.EntityType), nameof(MetadataDescriptor.TaskTypeId), nameof(MetadataDescriptor.Name)], "metadata_descriptor_task_type_uc").HasFilter("task_type_id IS NOT NULL");
        b.Entity<MetadataDescriptor>().HasIndex([nameof(MetadataDescriptor.ProjectId), nameof(MetadataDescriptor.EntityType), nameof(MetadataDescriptor.TaskTypeId), nameof(MetadataDescriptor.FieldName)], "metadata_descriptor_task_type_uc2").HasFilter("task_type_id IS NOT NULL");
        b.Entity<Person>().HasIndex([nameof(Person.Email), nameof(Person.IsBot)], "only_one_email_by_person").HasFilter("is_bot IS NOT TRUE");
    }

    /// <summary>snake_case columns and PostgreSQL-style key names, for every table.</summary>
    static void NameLikeZou(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
                if (property.FindAnnotation("Relational:ColumnName") is null)
                    property.SetColumnName(SnakeCase(property.Name));
            entity.FindPrimaryKey()?.SetName($"{table}_pkey");
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"{table}_{fk.Properties[0].GetColumnName()}_fkey");
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTimes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        StampTimes();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Zou's created_at/updated_at defaults: set at insert, updated_at on every update.</summary>
    void StampTimes()
    {
        var now = Clock.UtcNow();
        foreach (var entry in ChangeTracker.Entries<Model>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt ??= now;
                entry.Entity.UpdatedAt ??= now;
            }
            else if (entry.State == EntityState.Modified && !entry.Property(x => x.UpdatedAt).IsModified)
            {
                entry.Entity.UpdatedAt = now;
            }
        }
    }
}
