using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// A collection relation of Zou's models (many-to-many through a link table, or one-to-many):
/// serialized, on request, as the list of related ids under <see cref="Name"/>.
/// Rows of <see cref="Link"/> whose <see cref="OwnerProperty"/> is the owner's id name the
/// related ids in <see cref="TargetProperty"/>.
/// </summary>
public sealed record Relation(Type Owner, string Name, Type Link, string OwnerProperty, string TargetProperty)
{
    /// <summary>Rows of a link table can be written through the owner (ids in a body); one-to-many relations cannot.</summary>
    public bool ThroughLinkTable => TargetProperty != nameof(Model.Id);
}

/// <summary>A many-to-one relation Zou always serializes as the nested related row (or null).</summary>
public sealed record EmbeddedRelation(Type Owner, string Name, string ForeignKeyProperty, Type Target);

public static class Relations
{
    static readonly Relation[] All =
    [
        new(typeof(AssetInstance), "shots", typeof(AssetInstanceLink), nameof(AssetInstanceLink.AssetInstanceId), nameof(AssetInstanceLink.EntityId)),
        new(typeof(Chat), "participants", typeof(ChatParticipant), nameof(ChatParticipant.ChatId), nameof(ChatParticipant.PersonId)),
        new(typeof(ChatMessage), "attachment_files", typeof(AttachmentFile), nameof(AttachmentFile.ChatMessageId), nameof(AttachmentFile.Id)),
        new(typeof(Comment), "previews", typeof(CommentPreviewLink), nameof(CommentPreviewLink.Comment), nameof(CommentPreviewLink.PreviewFile)),
        new(typeof(Comment), "mentions", typeof(CommentMention), nameof(CommentMention.Comment), nameof(CommentMention.Person)),
        new(typeof(Comment), "department_mentions", typeof(CommentDepartmentMention), nameof(CommentDepartmentMention.Comment), nameof(CommentDepartmentMention.Department)),
        new(typeof(Comment), "acknowledgements", typeof(CommentAcknowledgment), nameof(CommentAcknowledgment.Comment), nameof(CommentAcknowledgment.Person)),
        new(typeof(Comment), "attachment_files", typeof(AttachmentFile), nameof(AttachmentFile.CommentId), nameof(AttachmentFile.Id)),
        new(typeof(Entity), "entities_out", typeof(EntityLink), nameof(EntityLink.EntityInId), nameof(EntityLink.EntityOutId)),
        new(typeof(Entity), "entities_in", typeof(EntityLink), nameof(EntityLink.EntityOutId), nameof(EntityLink.EntityInId)),
        new(typeof(Entity), "entity_concept_links", typeof(EntityConceptLink), nameof(EntityConceptLink.EntityInId), nameof(EntityConceptLink.EntityOutId)),
        new(typeof(Entity), "instance_casting", typeof(AssetInstanceLink), nameof(AssetInstanceLink.EntityId), nameof(AssetInstanceLink.AssetInstanceId)),
        new(typeof(EntityType), "task_types", typeof(TaskTypeAssetTypeLink), nameof(TaskTypeAssetTypeLink.AssetTypeId), nameof(TaskTypeAssetTypeLink.TaskTypeId)),
        new(typeof(MetadataDescriptor), "departments", typeof(DepartmentMetadataDescriptorLink), nameof(DepartmentMetadataDescriptorLink.MetadataDescriptorId), nameof(DepartmentMetadataDescriptorLink.DepartmentId)),
        new(typeof(Person), "departments", typeof(DepartmentLink), nameof(DepartmentLink.PersonId), nameof(DepartmentLink.DepartmentId)),
        new(typeof(Playlist), "build_jobs", typeof(BuildJob), nameof(BuildJob.PlaylistId), nameof(BuildJob.Id)),
        new(typeof(PreviewFile), "comments", typeof(CommentPreviewLink), nameof(CommentPreviewLink.PreviewFile), nameof(CommentPreviewLink.Comment)),
        new(typeof(ProductionScheduleVersionTaskLink), "assignees", typeof(ProductionScheduleVersionTaskLinkPersonLink), nameof(ProductionScheduleVersionTaskLinkPersonLink.ProductionScheduleVersionTaskLinkId), nameof(ProductionScheduleVersionTaskLinkPersonLink.PersonId)),
        new(typeof(Project), "team", typeof(ProjectPersonLink), nameof(ProjectPersonLink.ProjectId), nameof(ProjectPersonLink.PersonId)),
        new(typeof(Project), "asset_types", typeof(ProjectAssetTypeLink), nameof(ProjectAssetTypeLink.ProjectId), nameof(ProjectAssetTypeLink.AssetTypeId)),
        new(typeof(Project), "task_statuses", typeof(ProjectTaskStatusLink), nameof(ProjectTaskStatusLink.ProjectId), nameof(ProjectTaskStatusLink.TaskStatusId)),
        new(typeof(Project), "task_types", typeof(ProjectTaskTypeLink), nameof(ProjectTaskTypeLink.ProjectId), nameof(ProjectTaskTypeLink.TaskTypeId)),
        new(typeof(Project), "status_automations", typeof(ProjectStatusAutomationLink), nameof(ProjectStatusAutomationLink.ProjectId), nameof(ProjectStatusAutomationLink.StatusAutomationId)),
        new(typeof(Project), "preview_background_files", typeof(ProjectPreviewBackgroundFileLink), nameof(ProjectPreviewBackgroundFileLink.ProjectId), nameof(ProjectPreviewBackgroundFileLink.PreviewBackgroundFileId)),
        new(typeof(ProjectTemplate), "task_types", typeof(ProjectTemplateTaskTypeLink), nameof(ProjectTemplateTaskTypeLink.ProjectTemplateId), nameof(ProjectTemplateTaskTypeLink.TaskTypeId)),
        new(typeof(ProjectTemplate), "task_statuses", typeof(ProjectTemplateTaskStatusLink), nameof(ProjectTemplateTaskStatusLink.ProjectTemplateId), nameof(ProjectTemplateTaskStatusLink.TaskStatusId)),
        new(typeof(ProjectTemplate), "asset_types", typeof(ProjectTemplateAssetTypeLink), nameof(ProjectTemplateAssetTypeLink.ProjectTemplateId), nameof(ProjectTemplateAssetTypeLink.AssetTypeId)),
        new(typeof(ProjectTemplate), "status_automations", typeof(ProjectTemplateStatusAutomationLink), nameof(ProjectTemplateStatusAutomationLink.ProjectTemplateId), nameof(ProjectTemplateStatusAutomationLink.StatusAutomationId)),
        new(typeof(ProjectTemplate), "preview_background_files", typeof(ProjectTemplatePreviewBackgroundFileLink), nameof(ProjectTemplatePreviewBackgroundFileLink.ProjectTemplateId), nameof(ProjectTemplatePreviewBackgroundFileLink.PreviewBackgroundFileId)),
        new(typeof(ProductionTask), "assignees", typeof(TaskPersonLink), nameof(TaskPersonLink.TaskId), nameof(TaskPersonLink.PersonId)),
        new(typeof(WorkingFile), "outputs", typeof(OutputFile), nameof(OutputFile.SourceFileId), nameof(OutputFile.Id)),
    ];

    static readonly EmbeddedRelation[] AllEmbedded =
    [
        new(typeof(AttachmentFile), "comment", nameof(AttachmentFile.CommentId), typeof(Comment)),
        new(typeof(AttachmentFile), "chat_message", nameof(AttachmentFile.ChatMessageId), typeof(ChatMessage)),
        new(typeof(OutputFile), "source_file", nameof(OutputFile.SourceFileId), typeof(WorkingFile)),
    ];

    static readonly ILookup<Type, Relation> ByOwner = All.ToLookup(r => r.Owner);
    static readonly ILookup<Type, EmbeddedRelation> EmbeddedByOwner = AllEmbedded.ToLookup(r => r.Owner);

    public static IEnumerable<Relation> Of(Type owner) => ByOwner[owner];
    public static IEnumerable<EmbeddedRelation> EmbeddedOf(Type owner) => EmbeddedByOwner[owner];
}
