using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Slate.Http;

namespace Slate.Media;

/// <summary>A target size in pixels.</summary>
public readonly record struct Box(int Width, int Height)
{
    /// <summary>Zou's sizes (zou/app/utils/thumbnail.py).</summary>
    public static readonly Box Thumbnail = new(150, 100);
    public static readonly Box Square = new(100, 100);
    public static readonly Box Avatar = new(400, 400);
    public static readonly Box BackgroundThumbnail = new(300, 200);

    /// <summary>The "previews" variant: 1200 wide, as high as the picture's aspect ratio makes it.</summary>
    public static Box Preview(int width, int height) => new(1200, (int)Math.Ceiling(1200.0 * height / width));
}

/// <summary>
/// Picture processing with ImageSharp (behavior-production.md §5.4), no storage and no HTTP:
/// decoding an upload behind the pixel-count guard, the PNG original and the letterboxed variants.
/// </summary>
public sealed class Pictures(Settings settings)
{
    /// <summary>
    /// Multi-frame formats decode their first frame only: an animated GIF or a TIFF with many
    /// pages would otherwise allocate every frame behind the one pixel count the guard checks.
    /// </summary>
    static readonly Configuration FirstFrameOnly = CreateConfiguration();

    static Configuration CreateConfiguration()
    {
        var configuration = Configuration.Default.Clone();
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }

    /// <summary>
    /// Decodes an upload as RGBA. The dimensions are read from the header first, so a picture
    /// over MAX_IMAGE_PIXELS is refused without allocating it; empty, unknown or corrupt
    /// content is a 400 as well. The stream must be seekable.
    /// </summary>
    public Image<Rgba32> Decode(Stream upload)
    {
        try
        {
            var info = Image.Identify(FirstFrameOnly, upload, out _) ?? throw NotAPicture();
            CheckPixelCount(info.Width, info.Height);
            upload.Position = 0;
            return Image.Load<Rgba32>(FirstFrameOnly, upload);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or EndOfStreamException)
        {
            throw NotAPicture();
        }
    }

    /// <summary>400 for a picture whose header announces more pixels than MAX_IMAGE_PIXELS allows.</summary>
    public void CheckPixelCount(long width, long height)
    {
        if (width <= 0 || height <= 0) throw NotAPicture();
        if (width * height > settings.MaxImagePixels)
            throw new WrongParameterException(
                $"Picture too large: {width} x {height} pixels, more than the {settings.MaxImagePixels} allowed.");
    }

    static WrongParameterException NotAPicture() => new("Wrong file format: the file is not a picture.");

    /// <summary>
    /// The picture fitted inside the box keeping its aspect ratio (with Zou's rounding), centered
    /// on a transparent canvas of exactly the box's size: letterboxed, never cropped. Pictures
    /// smaller than the box both ways are scaled up like the others.
    /// </summary>
    public static Image<Rgba32> Fit(Image<Rgba32> picture, Box box)
    {
        var ratio = (double)picture.Width / picture.Height;
        int width = (int)Math.Ceiling(box.Height * ratio), height = box.Height;
        if (width > box.Width)
        {
            width = box.Width;
            height = (int)Math.Ceiling(box.Width / ratio);
        }
        width = Math.Max(width, 1);
        height = Math.Max(height, 1);
        using var scaled = picture.Clone(x => x.Resize(width, height, KnownResamplers.Lanczos3));
        var canvas = new Image<Rgba32>(box.Width, box.Height, Color.Transparent);
        canvas.Mutate(x => x.DrawImage(scaled, new Point((box.Width - width) / 2, (box.Height - height) / 2), 1f));
        return canvas;
    }

    /// <summary>
    /// The PNG of an original: with an alpha channel only when a pixel is not opaque, as Zou keeps
    /// RGB pictures RGB. Pixels are written as sRGB: ImageSharp 2 does not apply embedded ICC
    /// profiles (docs/compatibility.md).
    /// </summary>
    public static MemoryStream OriginalPng(Image<Rgba32> picture) => Png(picture, HasTransparency(picture));

    /// <summary>The PNG of a variant, always with alpha (its letterbox is transparent).</summary>
    public static MemoryStream VariantPng(Image<Rgba32> variant) => Png(variant, withAlpha: true);

    static MemoryStream Png(Image<Rgba32> picture, bool withAlpha)
    {
        var png = new MemoryStream();
        picture.Save(png, new PngEncoder { ColorType = withAlpha ? PngColorType.RgbWithAlpha : PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        png.Position = 0;
        return png;
    }

    static bool HasTransparency(Image<Rgba32> picture)
    {
        var found = false;
        picture.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !found; y++)
                foreach (var pixel in rows.GetRowSpan(y))
                    if (pixel.A != byte.MaxValue) { found = true; break; }
        });
        return found;
    }
}
