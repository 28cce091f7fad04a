using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// The "Open" project status: open projects are the ones non-admins' lists show and the ones that
/// cannot be deleted. Zou decides openness by this status and creates it on first use.
/// </summary>
public static class OpenStatus
{
    public const string Name = "Open";

    /// <summary>The Open status; a missing one is added to the unit of work (color #000000, as Zou).</summary>
    public static async Task<ProjectStatus> GetOrCreateAsync(SlateDb db)
    {
        var status = await db.ProjectStatuses.FirstOrDefaultAsync(s => s.Name == Name);
        if (status is null) db.ProjectStatuses.Add(status = new ProjectStatus { Name = Name, Color = "#000000" });
        return status;
    }
}
