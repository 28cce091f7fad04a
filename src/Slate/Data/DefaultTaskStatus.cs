using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Realtime;

namespace Slate.Data;

/// <summary>
/// The statuses Zou creates on first use: the one new tasks start on (get_default_status: the one
/// marked default, concepts having their own, "Neutral"; else "Todo"), and "To review", where the
/// to-review action puts a task (get_to_review_status). A status created here is recorded as
/// "task-status:new", as Zou's get_or_create_status does.
/// </summary>
public static class DefaultTaskStatus
{
    /// <summary>The default statuses for tasks of concepts, or of every other kind.</summary>
    public static IQueryable<ProductionTaskStatus> Query(SlateDb db, bool forConcept) =>
        db.TaskStatuses.Where(s => s.IsDefault == true && (s.ForConcept ?? false) == forConcept);

    /// <summary>The default status, else the one with its short name, else a new one added to the unit of work.</summary>
    public static async Task<ProductionTaskStatus> GetOrCreateAsync(SlateDb db, Events events, bool forConcept)
    {
        var (name, shortName, color) = forConcept ? ("Neutral", "neutral", "#CCCCCC") : ("Todo", "todo", "#f5f5f5");
        var status = await Query(db, forConcept).FirstOrDefaultAsync()
            ?? await db.TaskStatuses.FirstOrDefaultAsync(s => s.ShortName == shortName && (s.ForConcept ?? false) == forConcept);
        return status ?? Add(db, events, new ProductionTaskStatus
        {
            Name = name, ShortName = shortName, Color = color, IsDefault = true, ForConcept = forConcept,
        });
    }

    /// <summary>The "To review" status, else the one with short name "pndng", else a new one added to the unit of work.</summary>
    public static async Task<ProductionTaskStatus> ToReviewAsync(SlateDb db, Events events)
    {
        var status = await db.TaskStatuses.FirstOrDefaultAsync(s => s.Name == "To review" && (s.ForConcept ?? false) == false)
            ?? await db.TaskStatuses.FirstOrDefaultAsync(s => s.ShortName == "pndng" && (s.ForConcept ?? false) == false);
        return status ?? Add(db, events, new ProductionTaskStatus { Name = "To review", ShortName = "pndng", Color = "#f5f5f5" });
    }

    static ProductionTaskStatus Add(SlateDb db, Events events, ProductionTaskStatus status)
    {
        db.TaskStatuses.Add(status);
        events.Emit("task-status:new", new JsonObject { ["task_status_id"] = ZouSerializer.Uuid(status.Id) }, null);
        return status;
    }
}
