using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Who reads production schedule versions and their task links: the project's team except its
/// vendors and clients. Lists name the project with `?project_id=`; without it they are for admins.
/// </summary>
public static class ScheduleVersionAccess
{
    public static async Task CheckListAsync(CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        if (!Values.TryUuid(c.Query["project_id"].ToString(), out var projectId)) throw new PermissionDeniedException();
        await CheckReadAsync(projectId, c);
    }

    public static Task CheckReadAsync(Guid? projectId, CrudContext c) => c.Permissions.CheckProjectStaffAsync(projectId);
}
