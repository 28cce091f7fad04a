using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Production milestones: listed by admins only (the schedule routes serve the others); read by
/// team members who are not vendors there; written by the project's managers.
/// </summary>
public sealed class MilestoneCollection : ProjectScopedCollection<Milestone>
{
    public override Task CheckListAsync(CrudContext c) => AdminOnly(c);

    public override Task CheckReadAsync(Milestone row, CrudContext c) => c.Permissions.CheckProjectAccessNotVendorAsync(row.ProjectId);
}
