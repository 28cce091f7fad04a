using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Api.Comments;
using Slate.Api.Entities;
using Slate.Data;
using Slate.Domain;
using Slate.Http;
using Slate.Media;
using Slate.Realtime;
using Slate.Security;

namespace Slate.Api.Previews;

/// <summary>Whose avatar a thumbnail route is about: the path segment Zou uses.</summary>
public enum AvatarOwner { Organisations, Persons, Projects }

/// <summary>A stored picture to send back: its content, type, date and the name Zou gives it.</summary>
public sealed record PictureDownload(Stream Content, string ContentType, DateTime? LastModified, string FileName = "");

/// <summary>
/// The picture routes of the previews blueprint (behavior-production.md §5.4, §5.7): avatars of
/// persons, projects and the organisation, preview background files, and the picture variants
/// of preview files. Every check runs before the upload is read; files are written only once
/// the picture decoded, and the rows change only once the files are stored.
/// </summary>
public sealed class PicturesService(SlateDb db, Permissions permissions, Events events, PictureFiles files)
{
    // ---- Avatars -------------------------------------------------------------------------------

    /// <summary>
    /// POST /pictures/thumbnails/{type}/{id}: the 400×400 avatar; has_avatar is set once it is
    /// stored. A person's own or an admin's; a project's managers (admins only through the .png
    /// path, as Zou); the organisation's admins.
    /// </summary>
    public async Task<JsonObject> SaveAvatarAsync(AvatarOwner owner, string instanceId, bool pngPath, Func<Task<UploadedFile>> readUpload)
    {
        var row = await AvatarRowAsync(owner, instanceId);
        switch (owner)
        {
            case AvatarOwner.Persons: permissions.CheckSelfOrAdmin(row.Id); break;
            case AvatarOwner.Projects when !pngPath: await permissions.CheckManagerOfAsync(row.Id); break;
            default: permissions.CheckAdmin(); break;
        }
        var upload = await readUpload();
        var hadAvatar = HasAvatar(row) == true;
        await using (var content = upload.Open())
            await files.SaveThumbnailAsync(row.Id, content, Box.Avatar);
        try
        {
            SetHasAvatar(row);
            await db.SaveChangesAsync();
        }
        catch
        {
            if (!hadAvatar) files.Remove(PictureFiles.Thumbnails, row.Id);
            throw;
        }
        var type = owner.ToString().ToLowerInvariant();
        return new JsonObject { ["thumbnail_path"] = $"pictures/thumbnails/{type}/{ZouSerializer.Uuid(row.Id)}.png" };
    }

    /// <summary>GET /pictures/thumbnails/{type}/{id}: 404 while there is no avatar; a project's only to its team (and global managers, as Zou).</summary>
    public async Task<PictureDownload> OpenAvatarAsync(AvatarOwner owner, string instanceId)
    {
        var row = await AvatarRowAsync(owner, instanceId);
        if (HasAvatar(row) != true) throw new NotFoundException();
        if (owner == AvatarOwner.Projects && permissions.GlobalRole is not ("admin" or "manager"))
            await permissions.CheckProjectAccessAsync(row.Id);
        return Png(PictureFiles.Thumbnails, row.Id, row.UpdatedAt);
    }


    async Task<Model> AvatarRowAsync(AvatarOwner owner, string instanceId)
    {
        var id = EntityService.PathId(instanceId);
        return owner switch
        {
            AvatarOwner.Persons => (Model?)await db.Persons.FirstOrDefaultAsync(p => p.Id == id),
            AvatarOwner.Projects => await db.Projects.FirstOrDefaultAsync(p => p.Id == id),
            // Zou serves its single organisation whatever the id; here the id must be that row's.
            _ => await Organisations.GetOrCreateAsync(db) is var organisation && organisation.Id == id ? organisation : null,
        } ?? throw new NotFoundException();
    }

    static bool? HasAvatar(Model row) => row switch
    {
        Person person => person.HasAvatar,
        Project project => project.HasAvatar,
        Organisation organisation => organisation.HasAvatar,
        _ => null,
    };

    /// <summary>has_avatar set, with the events Zou's updates send, then the set-thumbnail one.</summary>
    void SetHasAvatar(Model row)
    {
        var id = ZouSerializer.Uuid(row.Id);
        switch (row)
        {
            case Person person:
                person.HasAvatar = true;
                events.Emit("person:set-thumbnail", new JsonObject { ["person_id"] = id }, null);
                break;
            case Project project:
                project.HasAvatar = true;
                events.Emit("project:update", new JsonObject(), project.Id);
                events.Emit("project:set-thumbnail", new JsonObject { ["project_id"] = id }, null);
                break;
            case Organisation organisation:
                organisation.HasAvatar = true;
                events.Emit("organisation:update", new JsonObject { ["organisation_id"] = id }, null);
                events.Emit("organisation:set-thumbnail", new JsonObject { ["organisation_id"] = id }, null);
                break;
        }
    }

    // ---- Preview files -------------------------------------------------------------------------

    /// <summary>
    /// GET /pictures/{original|thumbnails|thumbnails-square|previews}/preview-files/{id}.png: task
    /// access; the original and thumbnails of a shared entity's main preview are open to every
    /// user but vendors (Zou's rule for shared assets).
    /// </summary>
    public async Task<PictureDownload> OpenPreviewPictureAsync(string instanceId, string prefix)
    {
        var id = EntityService.PathId(instanceId);
        var preview = await db.PreviewFiles.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.TaskId, p.UpdatedAt }).FirstOrDefaultAsync() ?? throw new NotFoundException();
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == preview.TaskId) ?? throw new NotFoundException();
        var sharedMain = prefix != PictureFiles.Previews && permissions.GlobalRole != "vendor"
            && await db.Entities.AnyAsync(e => e.Id == task.EntityId && e.IsShared && e.PreviewFileId == id);
        if (!sharedMain) await permissions.CheckTaskAccessAsync(task);
        return Png(prefix, preview.Id, preview.UpdatedAt);
    }

    PictureDownload Png(string prefix, Guid id, DateTime? updatedAt) =>
        new(files.Open(prefix, id) ?? throw new NotFoundException(), "image/png", updatedAt);
}
