using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/attachment-files: admins list and write; one file is read by whoever may read its
/// comment (the answer nests the comment, so Zou's task access alone would show clients studio
/// comments), or its chat's entity.
/// </summary>
public sealed class AttachmentFilesCollection : CrudCollection<AttachmentFile>
{
    public override async Task CheckReadAsync(AttachmentFile row, CrudContext c)
    {
        if (c.Permissions.IsAdmin) return;
        if (row.CommentId is { } commentId)
        {
            var comment = await c.Db.Comments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == commentId)
                ?? throw new PermissionDeniedException();
            await CommentsCollection.CheckCommentReadAsync(comment, c);
        }
        else if (row.ChatMessageId is { } messageId)
        {
            var entityId = await c.Db.ChatMessages.AsNoTracking()
                .Where(m => m.Id == messageId)
                .Join(c.Db.Chats, m => m.ChatId, chat => chat.Id, (m, chat) => (Guid?)chat.ObjectId)
                .FirstOrDefaultAsync();
            var entity = await Parents.EntityAsync(c, entityId) ?? throw new PermissionDeniedException();
            await c.Permissions.CheckEntityAccessAsync(entity.ProjectId, entity.Id);
        }
        else
        {
            throw new PermissionDeniedException();
        }
    }
}
