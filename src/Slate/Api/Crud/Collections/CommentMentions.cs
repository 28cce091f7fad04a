using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Who a comment's text mentions (Zou's get_comment_mentions): "@Full Name" of a member of the
/// project's team, and "@Department" of any department, followed by a space or the end of the text.
/// </summary>
public static class CommentMentions
{
    public static async Task<(List<Guid> Persons, List<Guid> Departments)> FindAsync(Guid? projectId, string? text, CrudContext c)
    {
        text ??= "";
        var team = await c.Db.ProjectPersonLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId)
            .Join(c.Db.Persons, l => l.PersonId, p => p.Id, (l, p) => p)
            .ToListAsync();
        var departments = await c.Db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync();
        return (
            team.Where(p => Mentioned(text, p.FullName)).Select(p => p.Id).ToList(),
            departments.Where(d => Mentioned(text, d.Name)).Select(d => d.Id).ToList());
    }

    static bool Mentioned(string text, string name) => Regex.IsMatch(text, $"@{Regex.Escape(name)}( |$)");
}
