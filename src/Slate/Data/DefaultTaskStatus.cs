using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// The status new tasks start on (Zou's get_default_status): the one marked default, concepts
/// having their own ("Neutral"); Zou creates it on first use ("Todo").
/// </summary>
public static class DefaultTaskStatus
{
    /// <summary>The default statuses for tasks of concepts, or of every other kind.</summary>
    public static IQueryable<ProductionTaskStatus> Query(SlateDb db, bool forConcept) =>
        db.TaskStatuses.Where(s => s.IsDefault == true && (s.ForConcept ?? false) == forConcept);

    /// <summary>The default status, else the one with its short name, else a new one added to the unit of work.</summary>
    public static async Task<ProductionTaskStatus> GetOrCreateAsync(SlateDb db, bool forConcept)
    {
        var (name, shortName, color) = forConcept ? ("Neutral", "neutral", "#CCCCCC") : ("Todo", "todo", "#f5f5f5");
        var status = await Query(db, forConcept).FirstOrDefaultAsync()
            ?? await db.TaskStatuses.FirstOrDefaultAsync(s => s.ShortName == shortName && (s.ForConcept ?? false) == forConcept);
        if (status is null)
            db.TaskStatuses.Add(status = new ProductionTaskStatus
            {
                Name = name, ShortName = shortName, Color = color, IsDefault = true, ForConcept = forConcept,
            });
        return status;
    }
}
