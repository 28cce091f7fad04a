using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Slate.Http;

namespace Slate.Media;

/// <summary>
/// Reads Radiance .hdr pictures (RGBE), which ImageSharp does not: the preview background files
/// Kitsu lights 3D previews with. Only what a thumbnail needs: the standard "-Y h +X w" layout,
/// flat or run-length scanlines, tone-mapped as Zou does (clamped to 0-1, gamma 2.2).
/// </summary>
public static class RadianceHdr
{
    const int MaxHeaderLines = 64;

    /// <summary>Decodes the picture; the dimensions go through <paramref name="checkSize"/> before any pixel is allocated.</summary>
    public static Image<Rgba32> Decode(Stream stream, Action<long, long> checkSize)
    {
        var (width, height) = ReadHeader(stream);
        checkSize(width, height);
        var picture = new Image<Rgba32>(width, height);
        try
        {
            ReadPixels(stream, picture);
            return picture;
        }
        catch (EndOfStreamException)
        {
            picture.Dispose();
            throw NotHdr();
        }
        catch
        {
            picture.Dispose();
            throw;
        }
    }

    static void ReadPixels(Stream stream, Image<Rgba32> picture)
    {
        var scanline = new byte[picture.Width * 4];
        for (var y = 0; y < picture.Height; y++)
        {
            ReadScanline(stream, scanline, picture.Width);
            for (var x = 0; x < picture.Width; x++)
                picture[x, y] = ToneMapped(scanline.AsSpan(x * 4, 4));
        }
    }

    static (int Width, int Height) ReadHeader(Stream stream)
    {
        if (ReadLine(stream) is not { } magic || !magic.StartsWith("#?")) throw NotHdr();
        for (var i = 0; ; i++)
        {
            var line = ReadLine(stream) ?? throw NotHdr();
            if (line.Length == 0) break;
            if (line.StartsWith("FORMAT=") && line != "FORMAT=32-bit_rle_rgbe" || i > MaxHeaderLines) throw NotHdr();
        }
        var size = (ReadLine(stream) ?? "").Split(' ');
        if (size is not ["-Y", var h, "+X", var w] || !int.TryParse(h, out var height) || !int.TryParse(w, out var width)) throw NotHdr();
        return (width, height);
    }

    static string? ReadLine(Stream stream)
    {
        var text = new StringBuilder();
        for (int b; (b = stream.ReadByte()) != '\n'; text.Append((char)b))
            if (b < 0 || text.Length > 256) return null;
        return text.ToString();
    }

    /// <summary>One row of RGBE pixels: new-style run-length (four channels one after the other) or flat.</summary>
    static void ReadScanline(Stream stream, byte[] row, int width)
    {
        Span<byte> start = stackalloc byte[4];
        stream.ReadExactly(start);
        if (width is < 8 or > 0x7fff || start[0] != 2 || start[1] != 2 || (start[2] << 8 | start[3]) != width)
        {
            start.CopyTo(row);
            stream.ReadExactly(row, 4, row.Length - 4);
            return;
        }
        for (var channel = 0; channel < 4; channel++)
        {
            for (var x = 0; x < width;)
            {
                var count = ReadByte(stream);
                var run = count > 128;
                if (run) count -= 128;
                if (count == 0 || x + count > width) throw NotHdr();
                var value = run ? ReadByte(stream) : 0;
                for (var end = x + count; x < end; x++)
                    row[x * 4 + channel] = (byte)(run ? value : ReadByte(stream));
            }
        }
    }

    static int ReadByte(Stream stream) => stream.ReadByte() is var b and >= 0 ? b : throw new EndOfStreamException();

    static Rgba32 ToneMapped(ReadOnlySpan<byte> rgbe)
    {
        if (rgbe[3] == 0) return new Rgba32(0, 0, 0, 255);
        var scale = Math.ScaleB(1.0, rgbe[3] - (128 + 8));
        return new Rgba32(Channel(rgbe[0] * scale), Channel(rgbe[1] * scale), Channel(rgbe[2] * scale), 255);
    }

    static byte Channel(double value) => (byte)Math.Round(255 * Math.Pow(Math.Clamp(value, 0, 1), 1 / 2.2));

    static WrongParameterException NotHdr() => new("Wrong file format: the file is not a Radiance HDR picture.");
}
