using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// organisations (behavior-platform.md §1.3, §2.10): everyone reads the studio's settings, admins
/// change them; the chat integration tokens are only shown to admins, and only admins may filter
/// on them. A list always holds the studio's row, made with Zou's defaults when missing.
/// </summary>
public sealed class OrganisationsCollection : CrudCollection<Organisation>
{
    public override Task CheckListAsync(CrudContext c) => Task.CompletedTask;
    public override Task CheckReadAsync(Organisation row, CrudContext c) => Task.CompletedTask;

    public override Task BeforeListAsync(CrudContext c) => Organisations.GetOrCreateAsync(c.Db);

    public override bool MayFilterOn(string column, CrudContext c) =>
        c.Permissions.IsAdmin || !Presentations.OrganisationChatTokens.Contains(column);

    public override Task<List<JsonObject>> PresentAsync(IReadOnlyList<Organisation> rows, List<JsonObject> json, CrudContext c) =>
        Task.FromResult(json.Select(o => Presentations.Organisation(o, c.Permissions.IsAdmin)).ToList());
}
