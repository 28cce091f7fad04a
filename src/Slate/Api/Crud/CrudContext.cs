using Slate.Data;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Crud;

/// <summary>What a collection's rules may use during one request.</summary>
public sealed class CrudContext(SlateDb db, Permissions permissions, Events events, ZouSerializer serializer, Settings settings,
    IHttpContextAccessor http)
{
    public SlateDb Db { get; } = db;
    public Permissions Permissions { get; } = permissions;
    public Events Events { get; } = events;
    public ZouSerializer Serializer { get; } = serializer;
    public Settings Settings { get; } = settings;
    public CurrentUser User => Permissions.User;

    /// <summary>The request's query string, for rules and options a collection reads itself (?project_id=, with_previews).</summary>
    public IQueryCollection Query => http.HttpContext?.Request.Query ?? QueryCollection.Empty;
}
