using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Files;

/// <summary>A project's file tree cannot render a path (Zou's MalformedFileTreeException).</summary>
public sealed class MalformedFileTreeException(string message) : Exception(message);

/// <summary>
/// Where a task's files go on disk, from its project's file tree (behavior-production.md §9.3,
/// Zou's file_tree_service): for a mode ("working", "preview", ...), the mountpoint and root,
/// then the folder and file name templates of the entity's kind with their &lt;Token&gt; and
/// &lt;Token.field&gt; filled, slugified and styled (ids kept as they are).
/// </summary>
public sealed partial class FileTreeService(SlateDb db, ZouSerializer serializer)
{
    public sealed record TaskPath(string Folder, string FileName);

    static readonly HashSet<string> AllowedFields = ["short_name", "name", "number", "id"];

    [GeneratedRegex(@"<([\w\.]*)>")]
    private static partial Regex Token();

    [GeneratedRegex("[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89aAbB][a-f0-9]{3}-[a-f0-9]{12}")]
    private static partial Regex Uuid();

    /// <summary>What the tokens of one task's paths are read from.</summary>
    sealed record Context(string Kind, JsonObject Project, JsonObject Task, JsonObject? TaskType, JsonObject? Department,
        JsonObject Entity, JsonObject EntityType, JsonObject? Parent, JsonObject? Grandparent);

    /// <summary>Zou's get_working_folder_path and get_working_file_name for a task.</summary>
    public async Task<TaskPath> WorkingPathAsync(ProductionTask task, string mode, string name, int revision, string sep)
    {
        var context = await ContextAsync(task);
        var tree = (context.Project["file_tree"] as JsonObject) ?? throw new MalformedFileTreeException("No tree can be found for given project.");
        if (tree[mode] is not JsonObject branch) throw new MalformedFileTreeException($"Mode {mode} cannot be found on given tree.");
        if (branch["mountpoint"] is not JsonValue mountpoint || !branch.ContainsKey("root"))
            throw new MalformedFileTreeException($"Can't find given mode ({mode}) in given tree.");
        var root = (string?)branch["root"];
        var rootPath = string.IsNullOrEmpty(root) ? $"{mountpoint}{sep}" : $"{mountpoint}{sep}{root}{sep}";

        var folder = Render(Template(branch, "folder_path", context.Kind), context, name, revision, StyleOf(branch, "folder_path"));
        var fileStyle = StyleOf(branch, "file_name");
        var file = Render(Template(branch, "file_name", context.Kind), context, name, revision, "lowercase");
        var ids = Uuid().Matches(file).Select(m => m.Value).ToList();
        file = Styled(Slugs.Of(file, '_'), fileStyle);
        foreach (var id in ids) file = file.Replace(Styled(Slugs.Of(id, '_'), fileStyle), id);
        return new TaskPath(rootPath + folder.Replace("/", sep), file);
    }

    async Task<Context> ContextAsync(ProductionTask task)
    {
        var entity = await db.Entities.AsNoTracking().FirstAsync(e => e.Id == task.EntityId);
        var entityType = await db.EntityTypes.AsNoTracking().FirstAsync(t => t.Id == entity.EntityTypeId);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == entity.ProjectId);
        var taskType = await db.TaskTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == task.TaskTypeId);
        var department = taskType?.DepartmentId is { } departmentId ? await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId) : null;
        var parent = entity.ParentId is { } parentId ? await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == parentId) : null;
        var grandparent = parent?.ParentId is { } grandparentId ? await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == grandparentId) : null;
        return new Context(EntityKinds.Of(entityType.Name), await serializer.RowAsync(project), await serializer.RowAsync(task),
            taskType is null ? null : await serializer.RowAsync(taskType), department is null ? null : await serializer.RowAsync(department),
            await serializer.RowAsync(entity), await serializer.RowAsync(entityType),
            parent is null ? null : await serializer.RowAsync(parent), grandparent is null ? null : await serializer.RowAsync(grandparent));
    }

    /// <summary>The template of the entity's kind; a tree without it is malformed.</summary>
    static string Template(JsonObject branch, string section, string kind)
    {
        var key = kind switch { "Shot" => "shot", "Sequence" => "sequence", "Scene" => "scene", "Episode" => "episode", _ => "asset" };
        return branch[section]?[key] is JsonValue template && template.TryGetValue<string>(out var text)
            ? text
            : throw new MalformedFileTreeException($"No {section} template for {key}.");
    }

    static string StyleOf(JsonObject branch, string section) => (string?)branch[section]?["style"] ?? "";

    static string Render(string template, Context context, string name, int revision, string style)
    {
        var render = template;
        foreach (var variable in Token().Matches(template).Select(m => m.Groups[1].Value))
        {
            var parts = variable.Split('.');
            var field = parts.Length > 1 && AllowedFields.Contains(parts[1]) ? parts[1] : "name";
            var value = Value(parts[0], field, context, name, revision);
            if (field != "id") value = Styled(Slugs.Of(value, '_'), style);
            render = render.Replace($"<{variable}>", value);
        }
        return render;
    }

    /// <summary>Zou's get_folder_from_datatype: what a token stands for.</summary>
    static string Value(string token, string field, Context c, string name, int revision)
    {
        var isShotOrScene = c.Kind is "Shot" or "Scene";
        var sequence = isShotOrScene ? c.Parent : c.Kind == "Sequence" ? c.Entity : null;
        switch (token)
        {
            case "Project": return Field(c.Project, field);
            case "Task": return Field(c.Task, field);
            case "TaskType": return c.TaskType is null ? "" : Field(c.TaskType, field);
            case "Department": return c.Department is null ? "" : Field(c.Department, field);
            case "Shot" or "Scene" or "Asset" or "TemporalEntity": return Field(c.Entity, field);
            case "AssetType": return Field(c.EntityType, field);
            case "TemporalEntityType": return Field(c.EntityType, field).ToLowerInvariant();
            case "Sequence":
                var sequenceName = sequence is null ? "" : Field(sequence, field);
                return sequenceName.Contains("Seq") ? "S" + sequenceName[(sequenceName.IndexOf("Seq") + 3)..].PadLeft(3, '0') : sequenceName;
            case "Episode":
                var episode = c.Kind == "Episode" ? c.Entity : sequence is null ? null : isShotOrScene ? c.Grandparent : c.Parent;
                return episode?[field] is JsonValue episodeValue ? episodeValue.ToString() : "e001";
            case "Name" or "OutputFile" or "WorkingFile": return name;
            case "Version" or "Revision": return revision.ToString().PadLeft(3, '0');
            case "Representation" or "Instance": return "";
            default: throw new MalformedFileTreeException($"Unknown data type: {token}.");
        }
    }

    static string Field(JsonObject row, string field) =>
        row[field] is JsonValue value ? value.ToString() : throw new MalformedFileTreeException($"No {field} to fill a path with.");

    static string Styled(string text, string style) => style switch
    {
        "uppercase" => text.ToUpperInvariant(),
        "lowercase" => text.ToLowerInvariant(),
        _ => text,
    };
}
