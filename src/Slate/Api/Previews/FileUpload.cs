using Microsoft.AspNetCore.Http.Features;
using Slate.Api.Comments;
using Slate.Http;

namespace Slate.Api.Previews;

/// <summary>
/// Reads the multipart "file" of an upload within a size limit: a body announced larger is
/// refused (413) before it is read, a chunked one stops being read at the limit, and a form
/// file over it is refused all the same. Pictures are held to SLATE_MAX_PICTURE_UPLOAD_SIZE;
/// preview files (movies among them) only to MAX_CONTENT_LENGTH.
/// </summary>
public static class FileUpload
{
    /// <summary>An avatar's or a background's picture; missing → 400 "File not provided.".</summary>
    public static async Task<UploadedFile> ReadPictureAsync(HttpRequest request, Settings settings) =>
        await ReadAsync(request, settings.MaxPictureUploadSize) ?? throw new WrongParameterException("File not provided.");

    /// <summary>The "file" part, or null when the form has none. A limit of 0 leaves only the server's body limit.</summary>
    public static async Task<UploadedFile?> ReadAsync(HttpRequest request, long limit)
    {
        if (limit > 0)
        {
            if (request.ContentLength > limit) throw new PayloadTooLargeException();
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body
                && (body.MaxRequestBodySize is null || body.MaxRequestBodySize > limit))
                body.MaxRequestBodySize = limit;
        }
        List<UploadedFile> files;
        try
        {
            (_, files) = await CommentsRoutes.ReadAsync(request);
        }
        catch (InvalidDataException)
        {
            // A multipart body that is malformed or over the form reader's own limits.
            throw new BadRequestException();
        }
        var file = files.FirstOrDefault(f => f.Field == "file");
        if (file is null) return null;
        await using (var content = file.Open())
            if (limit > 0 && content.Length > limit) throw new PayloadTooLargeException();
        return file;
    }
}
