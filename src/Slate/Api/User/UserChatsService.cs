using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.User;

/// <summary>
/// The entity chats the caller takes part in (behavior-services.md §4): the list, joining and
/// leaving. An entity's chat is created the first time someone joins or leaves it. Joining and
/// leaving need to read the entity (its project's team; a vendor, a task of theirs on it), and
/// send chat:joined / chat:left, live signals only, with no project, as Zou does.
/// </summary>
public sealed class UserChatsService(SlateDb db, Permissions permissions, EntityService entities, ZouSerializer serializer, Events events)
{
    /// <summary>
    /// GET /data/user/chats: {id, object_id, last_message, entity_name, project_id, preview_file_id}
    /// for the chats of entities in open projects the caller still belongs to (every open one for admins).
    /// </summary>
    public async Task<JsonArray> ListAsync()
    {
        var me = permissions.User.Id;
        var team = permissions.IsAdmin ? null : await permissions.TeamProjectIdsAsync();
        var chats = await db.Chats.AsNoTracking()
            .Where(c => db.ChatParticipants.Any(p => p.ChatId == c.Id && p.PersonId == me))
            .Join(db.Entities, c => c.ObjectId, e => e.Id, (c, e) => new { Chat = c, e.ProjectId, e.PreviewFileId })
            .Where(r => db.Projects.Any(p => p.Id == r.ProjectId
                && db.ProjectStatuses.Any(s => s.Id == p.ProjectStatusId && s.Name == OpenStatus.Name)))
            .Where(r => team == null || team.Contains(r.ProjectId))
            .OrderBy(r => r.Chat.CreatedAt).ThenBy(r => r.Chat.Id)
            .ToListAsync();
        var names = await EntityNames.FullNamesAsync(db, chats.Select(r => r.Chat.ObjectId));
        return new JsonArray([.. chats.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = ZouSerializer.Uuid(r.Chat.Id),
            ["object_id"] = ZouSerializer.Uuid(r.Chat.ObjectId),
            ["last_message"] = ZouSerializer.Value(r.Chat.LastMessage),
            ["entity_name"] = names.TryGetValue(r.Chat.ObjectId, out var name) ? name.Name : "",
            ["project_id"] = ZouSerializer.Uuid(r.ProjectId),
            ["preview_file_id"] = ZouSerializer.Value(r.PreviewFileId),
        })]);
    }

    /// <summary>POST /actions/user/chats/&lt;entity_id&gt;/join: the chat, with the caller among its participants.</summary>
    public async Task<JsonObject> JoinAsync(string entityId)
    {
        var chat = await ChatAsync(entityId);
        var me = permissions.User.Id;
        if (!await db.ChatParticipants.AnyAsync(p => p.ChatId == chat.Id && p.PersonId == me))
            db.ChatParticipants.Add(new ChatParticipant { ChatId = chat.Id, PersonId = me });
        Signal("chat:joined", chat, me);
        await db.SaveChangesAsync();
        return await serializer.RowAsync(chat);
    }

    /// <summary>DELETE /actions/user/chats/&lt;entity_id&gt;/join.</summary>
    public async Task LeaveAsync(string entityId)
    {
        var chat = await ChatAsync(entityId);
        var me = permissions.User.Id;
        db.ChatParticipants.RemoveRange(await db.ChatParticipants.Where(p => p.ChatId == chat.Id && p.PersonId == me).ToListAsync());
        Signal("chat:left", chat, me);
        await db.SaveChangesAsync();
    }

    void Signal(string name, Chat chat, Guid personId) =>
        events.Emit(name, new JsonObject { ["chat_id"] = ZouSerializer.Uuid(chat.Id), ["person_id"] = ZouSerializer.Uuid(personId) }, null, persist: false);

    /// <summary>The readable entity's chat, added to the unit of work when it does not exist yet.</summary>
    async Task<Chat> ChatAsync(string entityId)
    {
        var entity = await entities.ReadableAsync(entityId, null);
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.ObjectId == entity.Id);
        if (chat is null) db.Chats.Add(chat = new Chat { ObjectId = entity.Id });
        return chat;
    }
}
