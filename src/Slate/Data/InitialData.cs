using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// Zou's init-data: what a studio needs before its first production. Project statuses, asset
/// types and the entity types placed in time, departments and task types for one production
/// domain, and the task statuses. Every row is looked up the way Zou looks it up and made only
/// when missing, so running it again adds nothing and leaves rows the studio edited alone.
/// </summary>
public sealed class InitialData(SlateDb db)
{
    public const string DefaultDomain = "3d";

    /// <summary>How many rows of each kind a run created.</summary>
    public sealed record Created(int ProjectStatuses, int EntityTypes, int Departments, int TaskTypes, int TaskStatuses)
    {
        public int Total => ProjectStatuses + EntityTypes + Departments + TaskTypes + TaskStatuses;
    }

    sealed record TaskTypePreset(string Department, string Name, string Color, int Priority, string ForEntity = "Asset");

    sealed record DomainPreset(string[] AssetTypes, (string Name, string Color)[] Departments, TaskTypePreset[] TaskTypes);

    sealed record TaskStatusPreset(string Name, string ShortName, string Color, bool IsDefault = false, bool IsWip = false,
        bool IsFeedbackRequest = false, bool IsRetake = false, bool IsDone = false, bool ForConcept = false);

    static readonly string[] ProjectStatuses = ["Open", "Closed"];

    static readonly Dictionary<string, DomainPreset> Presets = new()
    {
        ["2d"] = new(
            ["Character", "Prop", "Background", "FX"],
            [("Concept", "#8D6E63"), ("Layout", "#7CB342"), ("Animation", "#009688"), ("Compositing", "#F06292")],
            [
                new("Concept", "Concept", "#8D6E63", 1),
                new("Concept", "Storyboard", "#43A047", 1, "Shot"),
                new("Layout", "Layout", "#7CB342", 2, "Shot"),
                new("Animation", "Animation", "#009688", 3, "Shot"),
                new("Animation", "Clean-up", "#4DB6AC", 4, "Shot"),
                new("Compositing", "Color", "#F9A825", 5, "Shot"),
                new("Compositing", "Compositing", "#ff5252", 6, "Shot"),
                new("Compositing", "Edit", "#9b298c", 7, "Edit"),
                new("Concept", "Concept", "#8D6E63", 1, "Concept"),
            ]),
        ["3d"] = new(
            ["Character", "Prop", "Environment", "FX"],
            [("Modeling", "#78909C"), ("Animation", "#009688"), ("FX", "#26C6DA"), ("Compositing", "#F06292"),
             ("Concept", "#8D6E63"), ("Layout", "#7CB342")],
            [
                new("Concept", "Concept", "#8D6E63", 1),
                new("Modeling", "Modeling", "#78909C", 2),
                new("Modeling", "Shading", "#64B5F6", 3),
                new("Animation", "Rigging", "#9CCC65", 4),
                new("Concept", "Storyboard", "#43A047", 1, "Shot"),
                new("Layout", "Layout", "#7CB342", 2, "Shot"),
                new("Animation", "Animation", "#009688", 3, "Shot"),
                new("Compositing", "Lighting", "#F9A825", 4, "Shot"),
                new("FX", "FX", "#26C6DA", 5, "Shot"),
                new("Compositing", "Rendering", "#F06292", 6, "Shot"),
                new("Compositing", "Compositing", "#ff5252", 7, "Shot"),
                new("Compositing", "Edit", "#9b298c", 8, "Edit"),
                new("Concept", "Concept", "#8D6E63", 1, "Concept"),
            ]),
        ["vfx"] = new(
            ["Character", "Prop", "Environment", "FX", "Vehicle"],
            [("Modeling", "#78909C"), ("Animation", "#009688"), ("FX", "#26C6DA"), ("Compositing", "#F06292"),
             ("Concept", "#8D6E63"), ("Layout", "#7CB342"), ("Matchmove", "#5C6BC0"), ("DMP", "#8D6E63")],
            [
                new("Concept", "Concept", "#8D6E63", 1),
                new("Modeling", "Modeling", "#78909C", 2),
                new("Modeling", "Shading", "#64B5F6", 3),
                new("Animation", "Rigging", "#9CCC65", 4),
                new("Matchmove", "Matchmove", "#5C6BC0", 1, "Shot"),
                new("Matchmove", "Rotomation", "#7986CB", 2, "Shot"),
                new("Concept", "Storyboard", "#43A047", 1, "Shot"),
                new("Layout", "Layout", "#7CB342", 2, "Shot"),
                new("Animation", "Animation", "#009688", 3, "Shot"),
                new("Compositing", "Lighting", "#F9A825", 4, "Shot"),
                new("FX", "FX", "#26C6DA", 5, "Shot"),
                new("Compositing", "Rendering", "#F06292", 6, "Shot"),
                new("Compositing", "Compositing", "#ff5252", 7, "Shot"),
                new("DMP", "DMP", "#A1887F", 8, "Shot"),
                new("Compositing", "Edit", "#9b298c", 9, "Edit"),
                new("Concept", "Concept", "#8D6E63", 1, "Concept"),
            ]),
        ["games"] = new(
            ["Character", "Prop", "Environment", "FX", "UI"],
            [("Game Design", "#7B1FA2"), ("Level Design", "#00897B"), ("Character Art", "#78909C"),
             ("Environment Art", "#43A047"), ("Animation", "#009688"), ("VFX", "#26C6DA"), ("QA", "#E53935")],
            [
                new("Game Design", "Game Design", "#7B1FA2", 1),
                new("Level Design", "Level Design", "#00897B", 2),
                new("Character Art", "Character Art", "#78909C", 3),
                new("Environment Art", "Environment Art", "#43A047", 4),
                new("Animation", "Animation", "#009688", 5),
                new("VFX", "VFX", "#26C6DA", 6),
                new("Character Art", "Concept", "#8D6E63", 1, "Concept"),
                new("QA", "QA", "#E53935", 1, "Shot"),
            ]),
    };

    /// <summary>The production domains init-data knows: 2d, 3d, vfx, games.</summary>
    public static IEnumerable<string> Domains => Presets.Keys;

    static readonly TaskStatusPreset[] TaskStatuses =
    [
        new("Todo", "todo", "#f5f5f5", IsDefault: true),
        new("Work In Progress", "wip", "#3273dc", IsWip: true),
        new("Waiting For Approval", "wfa", "#ab26ff", IsFeedbackRequest: true),
        new("Retake", "retake", "#ff3860", IsRetake: true),
        new("Done", "done", "#22d160", IsDone: true),
        new("Ready To Start", "ready", "#fbc02d"),
        new("Neutral", "neutral", "#CCCCCC", IsDefault: true, ForConcept: true),
        new("Approved", "approved", "#66BB6A", ForConcept: true),
        new("Rejected", "rejected", "#E81123", ForConcept: true),
    ];

    /// <summary>Applies one domain's data set (2d, 3d, vfx or games) and saves it in one go.</summary>
    public async Task<Created> Apply(string domain, CancellationToken ct = default)
    {
        var preset = Presets[domain.ToLowerInvariant()];

        foreach (var name in ProjectStatuses)
            if (!await db.ProjectStatuses.AnyAsync(s => s.Name == name, ct))
                db.Add(new ProjectStatus { Name = name, Color = "#000000" });

        foreach (var name in preset.AssetTypes.Concat(EntityKinds.TemporalTypeNames))
            if (!await db.EntityTypes.AnyAsync(t => t.Name == name, ct))
                db.Add(new EntityType { Name = name });

        var departmentIds = new Dictionary<string, Guid>();
        foreach (var (name, color) in preset.Departments)
        {
            var department = await db.Departments.FirstOrDefaultAsync(d => d.Name == name, ct);
            if (department is null) db.Add(department = new Department { Name = name, Color = color });
            departmentIds[name] = department.Id;
        }

        foreach (var type in preset.TaskTypes)
            // Zou finds a task type by name and target alone, whatever its department.
            if (!await db.TaskTypes.AnyAsync(t => t.Name == type.Name && t.ForEntity == type.ForEntity, ct))
                db.Add(new TaskType
                {
                    Name = type.Name,
                    ShortName = "",
                    Color = type.Color,
                    Priority = type.Priority,
                    ForEntity = type.ForEntity,
                    DepartmentId = departmentIds[type.Department],
                });

        foreach (var status in TaskStatuses)
            if (!await TaskStatusExists(status, ct))
                db.Add(new ProductionTaskStatus
                {
                    Name = status.Name,
                    ShortName = status.ShortName,
                    Color = status.Color,
                    IsDefault = status.IsDefault,
                    IsWip = status.IsWip,
                    IsFeedbackRequest = status.IsFeedbackRequest,
                    IsRetake = status.IsRetake,
                    IsDone = status.IsDone,
                    ForConcept = status.ForConcept,
                });

        var created = new Created(Added<ProjectStatus>(), Added<EntityType>(), Added<Department>(),
            Added<TaskType>(), Added<ProductionTaskStatus>());
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>
    /// Zou's lookup, among statuses of the same kind (for tasks or for concepts): a default
    /// status is whichever is the default, whatever its name; others go by name; then either
    /// by short name.
    /// </summary>
    async Task<bool> TaskStatusExists(TaskStatusPreset status, CancellationToken ct)
    {
        var sameKind = db.TaskStatuses.Where(s => s.ForConcept == status.ForConcept);
        var match = status.IsDefault ? sameKind.Where(s => s.IsDefault == true) : sameKind.Where(s => s.Name == status.Name);
        return await match.AnyAsync(ct) || await sameKind.AnyAsync(s => s.ShortName == status.ShortName, ct);
    }

    int Added<T>() where T : class => db.ChangeTracker.Entries<T>().Count(e => e.State == EntityState.Added);
}
