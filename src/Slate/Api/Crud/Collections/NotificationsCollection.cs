using System.Text.Json.Nodes;
using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// notifications: admins only. Zou's notification has a real "type" column (sent back as
/// notification_type, "type" being the model name): a body's "type" sets it, and must be one of
/// Zou's notification kinds.
/// </summary>
public sealed class NotificationsCollection : CrudCollection<Notification>
{
    static readonly string[] Types = ["comment", "mention", "assignation", "reply", "reply-mention", "playlist-ready"];

    static void TakeType(Notification row, JsonObject body)
    {
        if (!body.ContainsKey("type")) return;
        Body.CheckChoice(body, "type", Types, $"Invalid notification type, expected one of: {string.Join(", ", Types)}.");
        row.Type = Body.Text(body, "type")!;
    }

    public override Task BeforeCreateAsync(Notification row, JsonObject body, CrudContext c)
    {
        TakeType(row, body);
        return Task.CompletedTask;
    }

    public override Task BeforeUpdateAsync(Notification row, JsonObject body, CrudContext c)
    {
        TakeType(row, body);
        return Task.CompletedTask;
    }
}
