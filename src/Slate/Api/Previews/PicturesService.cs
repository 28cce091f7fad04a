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
using Slate.Storage;

namespace Slate.Api.Previews;

/// <summary>Whose avatar a thumbnail route is about: the path segment Zou uses.</summary>
public enum AvatarOwner { Organisations, Persons, Projects }

/// <summary>
/// The picture routes of the previews blueprint (behavior-production.md §5.4, §5.7): avatars of
/// persons, projects and the organisation, preview background files, and the picture variants
/// of preview files. Every check runs before the upload is read; files are written only once
/// the picture decoded, and the rows change only once the files are stored.
/// </summary>
public sealed class PicturesService(SlateDb db, Permissions permissions, Events events, PictureFiles files, ZouSerializer serializer)
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
            if (!hadAvatar) await files.RemoveAsync(PictureFiles.Thumbnails, row.Id);
            throw;
        }
        var type = owner.ToString().ToLowerInvariant();
        return new JsonObject { ["thumbnail_path"] = $"pictures/thumbnails/{type}/{ZouSerializer.Uuid(row.Id)}.png" };
    }

    /// <summary>GET /pictures/thumbnails/{type}/{id}: 404 while there is no avatar; a project's only to its team (and global managers, as Zou).</summary>
    public async Task<StoredFile> OpenAvatarAsync(AvatarOwner owner, string instanceId)
    {
        var row = await AvatarRowAsync(owner, instanceId);
        if (HasAvatar(row) != true) throw new NotFoundException();
        if (owner == AvatarOwner.Projects && permissions.GlobalRole is not ("admin" or "manager"))
            await permissions.CheckProjectAccessAsync(row.Id);
        return PictureFiles.Png(PictureFiles.Thumbnails, row.Id, row.UpdatedAt);
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

    // ---- Preview background files --------------------------------------------------------------

    /// <summary>
    /// POST /pictures/preview-background-files/{id} (admins): the .hdr file and its 300×200
    /// thumbnail, then the row's extension, original name and size. A wrong extension or
    /// content is refused with the row left as it was (Zou deletes the row).
    /// </summary>
    public async Task<JsonObject> SaveBackgroundAsync(string instanceId, Func<Task<UploadedFile>> readUpload)
    {
        permissions.CheckAdmin();
        var id = EntityService.PathId(instanceId);
        var background = await db.PreviewBackgroundFiles.FirstOrDefaultAsync(b => b.Id == id) ?? throw new NotFoundException();
        var upload = await readUpload();
        var extension = upload.Extension;
        if (extension != "hdr") throw new WrongParameterException($"Wrong file format, extension: {extension}");
        var hadFile = background.FileSize > 0;
        await using (var content = upload.Open())
            background.FileSize = await files.SaveBackgroundAsync(background.Id, content);
        try
        {
            background.Extension = extension;
            background.OriginalName = upload.BaseName;
            var backgroundId = ZouSerializer.Uuid(background.Id);
            events.Emit("preview-background-file:update", new JsonObject { ["preview_background_file_id"] = backgroundId }, null);
            events.Emit("preview-background-file:add-file",
                new JsonObject { ["preview_background_file_id"] = backgroundId, ["extension"] = extension }, null);
            await db.SaveChangesAsync();
        }
        catch
        {
            if (!hadFile)
            {
                await files.RemoveAsync(PictureFiles.PreviewBackgrounds, background.Id);
                await files.RemoveAsync(PictureFiles.Thumbnails, background.Id);
            }
            throw;
        }
        return await serializer.RowAsync(background);
    }

    /// <summary>GET /pictures/thumbnails/preview-background-files/{id}.png (any user).</summary>
    public async Task<StoredFile> OpenBackgroundThumbnailAsync(string instanceId)
    {
        var background = await BackgroundAsync(instanceId);
        return PictureFiles.Png(PictureFiles.Thumbnails, background.Id, background.UpdatedAt);
    }

    /// <summary>GET /pictures/preview-background-files/{id}.{extension} (any user): 404 unless the extension is the file's.</summary>
    public async Task<StoredFile> OpenBackgroundFileAsync(string instanceId, string extension)
    {
        var background = await BackgroundAsync(instanceId);
        extension = extension.ToLowerInvariant();
        if (background.Extension != extension) throw new NotFoundException();
        return new StoredFile(PictureFiles.Bucket, PictureFiles.PreviewBackgrounds, background.Id,
            extension == "hdr" ? "image/vnd.radiance" : "application/octet-stream")
        {
            LastModified = background.UpdatedAt,
            FileName = $"{background.OriginalName}.{extension}",
        };
    }

    async Task<PreviewBackgroundFile> BackgroundAsync(string instanceId)
    {
        var id = EntityService.PathId(instanceId);
        return await db.PreviewBackgroundFiles.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id) ?? throw new NotFoundException();
    }
}
