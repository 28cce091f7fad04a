using Slate.Data;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Crud;

/// <summary>The step of the generic algorithm a request is in.</summary>
public enum CrudAction { List, Get, Create, Update, Delete }

/// <summary>What a collection's rules may use during one request.</summary>
public sealed class CrudContext(
    SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, Settings settings,
    IHttpContextAccessor http, IServiceProvider services)
{
    public SlateDb Db { get; } = db;
    public Permissions Permissions { get; } = permissions;
    public Events Events { get; } = events;
    public ZouSerializer Serializer { get; } = serializer;
    public Settings Settings { get; } = settings;
    public CurrentUser User => Permissions.User;

    /// <summary>The request's query string, for rules and options a collection reads itself (?project_id=, with_previews).</summary>
    public IQueryCollection Query => http.HttpContext?.Request.Query ?? QueryCollection.Empty;

    /// <summary>The request's other services a rule needs (accounts, tokens), resolved in its scope.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>What the request does: some collections present the same row differently per action.</summary>
    public CrudAction Action { get; internal set; }

    /// <summary>
    /// Values one hook hands to a later one within this request (a token minted before the save,
    /// sent in the answer): collections are shared by every request and hold no state themselves.
    /// </summary>
    public Dictionary<string, object> Items { get; } = [];

    readonly List<Func<Task>> afterCommit = [];

    /// <summary>
    /// Work that must wait for the rows to be committed (removing stored files: a failed save
    /// must not leave rows pointing at missing files). Run by whoever commits, with <see cref="CommittedAsync"/>.
    /// </summary>
    public void AfterCommit(Func<Task> work) => afterCommit.Add(work);

    public async Task CommittedAsync()
    {
        foreach (var work in afterCommit) await work();
        afterCommit.Clear();
    }
}
