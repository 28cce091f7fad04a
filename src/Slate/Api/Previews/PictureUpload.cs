using Microsoft.AspNetCore.Http.Features;
using Slate.Api.Comments;
using Slate.Http;

namespace Slate.Api.Previews;

/// <summary>
/// Reads the multipart "file" of a picture upload within SLATE_MAX_PICTURE_UPLOAD_SIZE: a body
/// announced larger is refused (413) before it is read, a chunked one stops being read at the
/// limit, and a form file over it is refused all the same.
/// </summary>
public static class PictureUpload
{
    public static async Task<UploadedFile> ReadAsync(HttpRequest request, Settings settings)
    {
        var limit = settings.MaxPictureUploadSize;
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
        var file = files.FirstOrDefault(f => f.Field == "file") ?? throw new WrongParameterException("File not provided.");
        await using (var content = file.Open())
            if (limit > 0 && content.Length > limit) throw new PayloadTooLargeException();
        return file;
    }
}
