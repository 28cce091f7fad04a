using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Data;
using static Slate.Http.JsonWriting;

namespace Slate.Api.Entities;

/// <summary>
/// The field lists of Zou's with-tasks views, in Zou's order (shots_service, assets_service and
/// entities_service of Zou 1.0.67). Each field is defined once below; a view lists the names it
/// shows, as Zou's views pick from one set of builders.
/// </summary>
public static class WithTasksLayouts
{
    static WithTasksLayout Layout(string fields, string taskFields, string? compactKey = null, string? compactFields = null) =>
        new(Pick(RowFields, fields), Pick(TaskFields, taskFields), compactKey, compactFields is null ? null : Pick(RowFields, compactFields));

    static List<Field<T>> Pick<T>(Dictionary<string, Field<T>> all, string names) =>
        [.. names.Split(' ').Select(name => all[name])];

    static Dictionary<string, Field<T>> Define<T>(params Field<T>[] fields) => fields.ToDictionary(f => f.Name.Split(':')[0], f => f.Name.Contains(':') ? new Field<T>(f.Name.Split(':')[1], f.Write) : f);

    /// <summary>Entity fields. "key:name" defines a variant written under Zou's field name.</summary>
    static readonly Dictionary<string, Field<RowItem>> RowFields = Define<RowItem>(
        new("id", (w, r) => Id(w, r.Row.Entity.Id)),
        new("name", (w, r) => w.WriteStringValue(r.Row.Entity.Name)),
        new("description", (w, r) => Text(w, r.Row.Entity.Description)),
        new("status", (w, r) => w.WriteStringValue(r.Row.Entity.Status)),
        new("canceled", (w, r) => Bool(w, r.Row.Entity.Canceled)),
        new("data", (w, r) => Node(w, r.Data ?? new JsonObject())),
        new("fps", (w, r) => Node(w, r.Data?["fps"])),
        new("frame_in", (w, r) => Node(w, r.Data?["frame_in"])),
        new("frame_out", (w, r) => Node(w, r.Data?["frame_out"])),
        new("entity_type_id", (w, r) => Id(w, r.Row.Entity.EntityTypeId)),
        new("asset_type_id", (w, r) => Id(w, r.Row.Entity.EntityTypeId)),
        new("asset_type_name", (w, r) => w.WriteStringValue(r.Row.TypeName)),
        new("kind:type", (w, r) => w.WriteStringValue(EntityKinds.Of(r.Row.TypeName))),
        new("type", (w, r) => w.WriteStringValue("Shot")),
        new("project_id", (w, r) => Id(w, r.Row.Entity.ProjectId)),
        new("project_name", (w, r) => w.WriteStringValue(r.Row.ProjectName)),
        new("parent_id", (w, r) => Id(w, r.Row.Entity.ParentId)),
        new("parent_id_as_episode_id:episode_id", (w, r) => w.WriteStringValue(r.Row.Entity.ParentId is { } id ? ZouSerializer.Uuid(id) : "None")),
        new("sequence_id", (w, r) => Id(w, r.Row.Entity.ParentId)),
        new("sequence_name", (w, r) => Text(w, r.Row.ParentName)),
        new("episode_id", (w, r) => Id(w, r.Row.GrandparentId)),
        new("episode_name", (w, r) => w.WriteStringValue(r.Row.GrandparentName ?? "")),
        new("episode_id_of_source:episode_id", (w, r) => IdOrEmpty(w, r.Row.Entity.SourceId)),
        new("source_id", (w, r) => Id(w, r.Row.Entity.SourceId)),
        new("preview_file_id", (w, r) => Id(w, r.Row.Entity.PreviewFileId)),
        new("preview_file_id_or_empty:preview_file_id", (w, r) => IdOrEmpty(w, r.Row.Entity.PreviewFileId)),
        new("ready_for", (w, r) => w.WriteStringValue(r.Row.Entity.ReadyFor is { } id ? ZouSerializer.Uuid(id) : "None")),
        new("nb_frames", (w, r) => Int(w, r.Row.Entity.NbFrames)),
        new("nb_entities_out", (w, r) => Int(w, r.Row.Entity.NbEntitiesOut)),
        new("is_casting_standby", (w, r) => Bool(w, r.Row.Entity.IsCastingStandby)),
        new("is_shared", (w, r) => w.WriteBooleanValue(r.Row.Entity.IsShared)),
        new("casting_episode_ids", (w, r) => Ids(w, r.Listing.CastingEpisodes.GetValueOrDefault(r.Row.Entity.Id))),
        new("entity_concept_links", (w, r) => Ids(w, r.Listing.ConceptLinks.GetValueOrDefault(r.Row.Entity.Id))),
        new("created_at", (w, r) => Date(w, r.Row.Entity.CreatedAt)),
        new("updated_at", (w, r) => Date(w, r.Row.Entity.UpdatedAt)),
        new("created_by", (w, r) => Id(w, r.Row.Entity.CreatedBy)),
        new("tasks", (_, _) => throw new InvalidOperationException("The listing writes the tasks.")));

    static readonly Dictionary<string, Field<TaskItem>> TaskFields = Define<TaskItem>(
        new("id", (w, t) => Id(w, t.Task.Id)),
        new("entity_id", (w, t) => Id(w, t.Task.EntityId)),
        new("task_type_id", (w, t) => Id(w, t.Task.TaskTypeId)),
        new("task_status_id", (w, t) => Id(w, t.Task.TaskStatusId)),
        new("assigner_id", (w, t) => Id(w, t.Task.AssignerId)),
        new("priority", (w, t) => w.WriteNumberValue(t.Task.Priority ?? 0)),
        new("estimation", (w, t) => Number(w, t.Task.Estimation)),
        new("duration", (w, t) => Number(w, t.Task.Duration)),
        new("retake_count", (w, t) => Int(w, t.Task.RetakeCount)),
        new("difficulty", (w, t) => w.WriteNumberValue(t.Task.Difficulty)),
        new("nb_assets_ready", (w, t) => Int(w, t.Task.NbAssetsReady)),
        new("nb_drawings", (w, t) => Int(w, t.Task.NbDrawings)),
        new("real_start_date", (w, t) => Date(w, t.Task.RealStartDate)),
        new("start_date", (w, t) => Date(w, t.Task.StartDate)),
        new("end_date", (w, t) => Date(w, t.Task.EndDate)),
        new("due_date", (w, t) => Date(w, t.Task.DueDate)),
        new("done_date", (w, t) => Date(w, t.Task.DoneDate)),
        new("last_comment_date", (w, t) => Date(w, t.Task.LastCommentDate)),
        new("last_preview_file_id", (w, t) => Id(w, t.Task.LastPreviewFileId)),
        new("last_preview_file_id_or_empty:last_preview_file_id", (w, t) => IdOrEmpty(w, t.Task.LastPreviewFileId)),
        new("is_subscribed", (w, t) => w.WriteBooleanValue(t.IsSubscribed)),
        new("assignees", (w, t) => Ids(w, t.Assignees)),
        new("data", (w, t) => Node(w, t.Task.Data)));

    /// <summary>Shot rows (compact: "type" before "tasks", as Zou's SHOTS_AND_TASKS_SHOT_FIELDS).</summary>
    public static readonly WithTasksLayout Shots = Layout(
        "canceled data description entity_type_id episode_id episode_name fps frame_in frame_out id name nb_frames parent_id "
        + "preview_file_id project_id project_name sequence_id sequence_name source_id nb_entities_out is_casting_standby tasks type",
        "id duration due_date end_date done_date entity_id estimation is_subscribed last_comment_date last_preview_file_id "
        + "nb_assets_ready priority real_start_date retake_count start_date difficulty nb_drawings task_status_id task_type_id assignees data",
        "shot_fields",
        "canceled data description entity_type_id episode_id episode_name fps frame_in frame_out id name nb_frames parent_id "
        + "preview_file_id project_id project_name sequence_id sequence_name source_id nb_entities_out is_casting_standby type tasks");

    /// <summary>Asset rows: ids written as "" when unset, ready_for as "None" (Zou's str()).</summary>
    public static readonly WithTasksLayout Assets = Layout(
        "id name preview_file_id_or_empty description asset_type_name asset_type_id canceled ready_for episode_id_of_source "
        + "casting_episode_ids is_casting_standby is_shared data tasks",
        "id due_date done_date duration entity_id estimation end_date is_subscribed last_comment_date last_preview_file_id_or_empty "
        + "priority real_start_date retake_count start_date difficulty task_status_id task_type_id assignees data",
        "asset_fields");

    /// <summary>Sequence, episode and scene rows (entities_service.get_entities_and_tasks).</summary>
    public static readonly WithTasksLayout Entities = Layout(
        "id name status parent_id_as_episode_id description frame_in frame_out fps preview_file_id_or_empty canceled data tasks",
        "id estimation entity_id end_date due_date done_date duration last_comment_date last_preview_file_id priority "
        + "real_start_date retake_count start_date difficulty task_status_id task_type_id data is_subscribed assignees");

    /// <summary>The entities concept-linked to an entity (entities_service.get_linked_entities_with_tasks).</summary>
    public static readonly WithTasksLayout Linked = Layout(
        "canceled data description entity_type_id fps frame_in frame_out id name nb_frames parent_id preview_file_id project_id "
        + "project_name source_id nb_entities_out is_casting_standby tasks entity_concept_links kind updated_at created_at created_by",
        "id duration due_date end_date entity_id estimation last_comment_date nb_assets_ready priority real_start_date "
        + "retake_count start_date task_status_id task_type_id assigner_id assignees");
}
