using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Slate.Media;

/// <summary>
/// Draws Kitsu's annotations (fabric.js objects saved in a preview's "annotations") over a frame
/// with SkiaSharp, the way Zou's renderer (zou/app/utils/annotations.py) places them: each
/// object's coordinates are fabric canvas coordinates, scaled from the canvas it was drawn on
/// (canvasWidth/canvasHeight, else the picture's size) to the picture, with fabric's own
/// transform (left/top, scale, angle, pathOffset). Shadows and gradients are not drawn; an object
/// that cannot be read is skipped, like Zou does.
/// </summary>
public sealed partial class AnnotationRenderer
{
    /// <summary>Zou's font candidates, then Debian's Liberation; Skia's default face when none is installed (text then draws nothing).</summary>
    static readonly string[] FontPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    readonly SKTypeface typeface = FontPaths.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null)
        ?? SKTypeface.Default;

    /// <summary>
    /// The picture (any format Skia decodes) with the annotation's objects drawn on it, as an
    /// opaque PNG (Zou flattens to RGB). Null when the content is not a picture.
    /// </summary>
    public byte[]? DrawPng(Stream picture, JsonNode? annotation)
    {
        using var frame = SKBitmap.Decode(picture);
        if (frame is null) return null;
        using var result = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(result))
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawBitmap(frame, 0, 0);
            foreach (var item in Objects(annotation?["drawing"]))
                DrawObject(canvas, item, frame.Width, frame.Height);
        }
        using var data = result.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>One PDF page per PNG, at 150 dpi like Zou's bundle.</summary>
    public static byte[] Pdf(IEnumerable<byte[]> pngs)
    {
        const float PointsPerPixel = 72f / 150f;
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { RasterDpi = 150 }))
        {
            foreach (var png in pngs)
            {
                using var page = SKBitmap.Decode(png);
                var canvas = document.BeginPage(page.Width * PointsPerPixel, page.Height * PointsPerPixel);
                canvas.Scale(PointsPerPixel);
                canvas.DrawBitmap(page, 0, 0);
                document.EndPage();
            }
            document.Close();
        }
        return output.ToArray();
    }

    static IEnumerable<JsonObject> Objects(JsonNode? drawing) =>
        (drawing as JsonObject)?["objects"] is JsonArray items ? items.OfType<JsonObject>() : [];

    void DrawObject(SKCanvas canvas, JsonObject item, int width, int height)
    {
        var imageScale = (X: width / Number(item, "canvasWidth", width), Y: height / Number(item, "canvasHeight", height));
        var eraser = item["eraser"] as JsonObject;
        // The eraser punches holes in its object only: the object goes on a layer of its own.
        if (eraser is not null) canvas.SaveLayer();
        try
        {
            DrawShape(canvas, item, imageScale, width, height);
            if (eraser is not null) Erase(canvas, item, eraser, imageScale);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            // An object Kitsu did not write (a string where a number goes...): skipped, as Zou does.
        }
        finally
        {
            if (eraser is not null) canvas.Restore();
        }
    }

    void DrawShape(SKCanvas canvas, JsonObject item, (float X, float Y) scale, int width, int height)
    {
        switch (((item["type"] as JsonValue)?.ToString() ?? "").ToLowerInvariant())
        {
            case "path": DrawPath(canvas, item, scale); break;
            case "psstroke": DrawPressureStroke(canvas, item, scale); break;
            case "rect": DrawRect(canvas, item, scale); break;
            case "circle" or "ellipse": DrawEllipse(canvas, item, scale); break;
            case "line": DrawLine(canvas, item, scale); break;
            case "polyline": DrawPoints(canvas, item, scale, closed: false); break;
            case "polygon": DrawPoints(canvas, item, scale, closed: true); break;
            case "i-text" or "text" or "textbox": DrawText(canvas, item, scale); break;
            case "arrow": DrawArrow(canvas, item, scale); break;
            case "group":
                foreach (var child in Objects(item)) DrawObject(canvas, child, width, height);
                break;
        }
    }

    // ---- Shapes --------------------------------------------------------------------------------

    static void DrawRect(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        var (w, h) = (Number(item, "width", 0), Number(item, "height", 0));
        if (w <= 0 || h <= 0) return;
        using var path = new SKPath();
        path.AddRect(new SKRect(0, 0, w, h));
        FillAndOutline(canvas, item, path, BoxTransform(item, w, h, scale), scale);
    }

    static void DrawEllipse(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        var (w, h) = item["rx"] is not null || item["ry"] is not null ? (Number(item, "rx", 0) * 2, Number(item, "ry", 0) * 2)
            : item["radius"] is not null ? (Number(item, "radius", 0) * 2, Number(item, "radius", 0) * 2)
            : (Number(item, "width", 0), Number(item, "height", 0));
        if (w <= 0 || h <= 0) return;
        using var path = new SKPath();
        path.AddOval(new SKRect(0, 0, w, h));
        FillAndOutline(canvas, item, path, BoxTransform(item, w, h, scale), scale);
    }

    static void DrawLine(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        SKPoint[] ends = [new(Number(item, "x1", 0), Number(item, "y1", 0)), new(Number(item, "x2", 0), Number(item, "y2", 0))];
        using var path = new SKPath();
        path.AddPoly(ends, close: false);
        path.Transform(CenteredTransform(item, ends, scale));
        using var paint = Stroke(LineColor(item), StrokeWidth(item, scale.X), SKStrokeCap.Butt);
        canvas.DrawPath(path, paint);
    }

    static void DrawPoints(SKCanvas canvas, JsonObject item, (float X, float Y) scale, bool closed)
    {
        var points = (item["points"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new SKPoint(Number(p, "x", 0), Number(p, "y", 0))).ToArray();
        if (points.Length < (closed ? 3 : 2)) return;
        using var path = new SKPath();
        path.AddPoly(points, closed);
        var transform = CenteredTransform(item, points, scale);
        if (closed)
        {
            FillAndOutline(canvas, item, path, transform, scale);
            return;
        }
        path.Transform(transform);
        using var paint = Stroke(LineColor(item), StrokeWidth(item, scale.X), SKStrokeCap.Butt);
        canvas.DrawPath(path, paint);
    }

    static void DrawArrow(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        SKPoint[] ends = [new(Number(item, "x1", 0), Number(item, "y1", 0)), new(Number(item, "x2", 0), Number(item, "y2", 0))];
        var transform = CenteredTransform(item, ends, scale);
        var (start, tip) = (transform.MapPoint(ends[0]), transform.MapPoint(ends[1]));
        var color = LineColor(item);
        var head = Number(item, "arrowHeadSize", 15) * scale.X;
        var angle = Math.Atan2(tip.Y - start.Y, tip.X - start.X);
        SKPoint Back(double length, double turn) =>
            new((float)(tip.X - length * Math.Cos(angle + turn)), (float)(tip.Y - length * Math.Sin(angle + turn)));
        // The body stops inside the head so its end does not poke past the tip (Kitsu's export).
        using (var body = Stroke(color, StrokeWidth(item, scale.X), SKStrokeCap.Butt))
            canvas.DrawLine(start, head > 0 ? Back(head * 0.7, 0) : tip, body);
        if (head <= 0) return;
        using var triangle = new SKPath();
        triangle.AddPoly([tip, Back(head, -Math.PI / 6), Back(head, Math.PI / 6)]);
        using var fill = Fill(color);
        canvas.DrawPath(triangle, fill);
    }

    static void DrawPath(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        var commands = PathCommands(item["path"]);
        if (commands.Count == 0) return;
        using var path = BuildPath(commands);
        path.Transform(CenteredTransform(item, Anchors(commands), scale));
        using var paint = Stroke(LineColor(item), StrokeWidth(item, scale.X), SKStrokeCap.Round);
        canvas.DrawPath(path, paint);
    }

    /// <summary>Kitsu's pressure pen: each segment as wide as its first point's pressure times the stroke width.</summary>
    static void DrawPressureStroke(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        var points = (item["strokePoints"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (points.Count < 2) return;
        var anchors = points.Select(p => new SKPoint(Number(p, "x", 0), Number(p, "y", 0))).ToArray();
        SKPoint? pivot = item["strokeOffset"] is JsonObject offset ? new SKPoint(Number(offset, "x", 0), Number(offset, "y", 0)) : null;
        var transform = CenteredTransform(item, anchors, scale, pivot);
        var baseWidth = Number(item, "strokeWidth", 1) * scale.X;
        var color = LineColor(item);
        for (var i = 0; i < points.Count - 1; i++)
        {
            var pressure = points[i]["pressure"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? (float)value : 1f;
            using var paint = Stroke(color, Math.Max(1, MathF.Round(pressure * baseWidth)), SKStrokeCap.Round);
            canvas.DrawLine(transform.MapPoint(anchors[i]), transform.MapPoint(anchors[i + 1]), paint);
        }
    }

    void DrawText(SKCanvas canvas, JsonObject item, (float X, float Y) scale)
    {
        var text = (item["text"] as JsonValue)?.ToString() ?? "";
        if (text.Length == 0) return;
        var (objectScaleX, objectScaleY) = (Number(item, "scaleX", 1), Number(item, "scaleY", 1));
        using var font = new SKFont(typeface, Math.Max(1, MathF.Round(Number(item, "fontSize", 16) * objectScaleY * scale.Y)));
        var lines = text.Split('\n');
        var textWidth = Math.Max(1, lines.Max(line => font.MeasureText(line)));
        var textHeight = Math.Max(1, font.Spacing * lines.Length);
        // Fabric anchors the text at (left, top) and turns it around its box's centre.
        var centre = new SKPoint(
            (Number(item, "left", 0) + Number(item, "width", textWidth / scale.X) / 2 * objectScaleX) * scale.X,
            (Number(item, "top", 0) + Number(item, "height", textHeight / scale.Y) / 2 * objectScaleY) * scale.Y);
        canvas.Save();
        canvas.Translate(centre);
        canvas.RotateDegrees(Number(item, "angle", 0));
        if (Color(item["backgroundColor"]) is { } background)
        {
            using var backgroundPaint = Fill(background);
            canvas.DrawRect(-textWidth / 2, -textHeight / 2, textWidth, textHeight, backgroundPaint);
        }
        using var paint = Fill(Color(item["fill"]) ?? Color(item["stroke"]) ?? SKColors.Black);
        for (var i = 0; i < lines.Length; i++)
            canvas.DrawText(lines[i], -textWidth / 2, -textHeight / 2 - font.Metrics.Ascent + i * font.Spacing, font, paint);
        canvas.Restore();
    }

    /// <summary>
    /// The eraser's paths sit in the object's own centred frame: child path → that frame → the
    /// canvas (the object's transform about its origin) → the picture. Their width scales with
    /// the object's scaleX, then the canvas scale.
    /// </summary>
    static void Erase(SKCanvas canvas, JsonObject item, JsonObject eraser, (float X, float Y) scale)
    {
        var toCanvas = ObjectTransform(item, new SKPoint(0, 0)).PostConcat(SKMatrix.CreateScale(scale.X, scale.Y));
        foreach (var child in Objects(eraser).Where(c => ((c["type"] as JsonValue)?.ToString() ?? "").Equals("path", StringComparison.OrdinalIgnoreCase)))
        {
            var commands = PathCommands(child["path"]);
            if (commands.Count == 0) continue;
            using var path = BuildPath(commands);
            path.Transform(CenteredTransform(child, Anchors(commands), (1, 1)).PostConcat(toCanvas));
            using var paint = Stroke(SKColors.Black, StrokeWidth(child, Number(item, "scaleX", 1) * scale.X), SKStrokeCap.Round);
            paint.BlendMode = SKBlendMode.DstOut;
            canvas.DrawPath(path, paint);
        }
    }

    // ---- Fabric's transforms -------------------------------------------------------------------

    /// <summary>
    /// Fabric's placement of a shape's local points: T(centre) · R(angle) · S(scaleX, scaleY) ·
    /// T(-pivot), the centre being the box's centre turned around (left, top) by the angle.
    /// </summary>
    static SKMatrix ObjectTransform(JsonObject item, SKPoint pivot)
    {
        var angle = Number(item, "angle", 0);
        var (scaleX, scaleY) = (Number(item, "scaleX", 1), Number(item, "scaleY", 1));
        var (left, top) = (Number(item, "left", 0), Number(item, "top", 0));
        var turn = SKMatrix.CreateRotationDegrees(angle);
        var centre = turn.MapVector(Number(item, "width", 0) / 2 * scaleX, Number(item, "height", 0) / 2 * scaleY);
        return SKMatrix.CreateTranslation(-pivot.X, -pivot.Y)
            .PostConcat(SKMatrix.CreateScale(scaleX, scaleY))
            .PostConcat(turn)
            .PostConcat(SKMatrix.CreateTranslation(left + centre.X, top + centre.Y));
    }

    /// <summary>Shapes drawn in their (0,0)–(w,h) box (rect, ellipse): pivot at the box's centre.</summary>
    static SKMatrix BoxTransform(JsonObject item, float width, float height, (float X, float Y) scale)
    {
        var sized = (JsonObject)item.DeepClone();
        sized["width"] = width;
        sized["height"] = height;
        return ObjectTransform(sized, new SKPoint(width / 2, height / 2)).PostConcat(SKMatrix.CreateScale(scale.X, scale.Y));
    }

    /// <summary>
    /// Shapes whose points are in fabric's centred system (paths, lines, polylines, pen strokes):
    /// pivot at pathOffset, else at the centre of the points' box, which also stands for a
    /// missing left/top/width/height as fabric computes them on loading.
    /// </summary>
    static SKMatrix CenteredTransform(JsonObject item, IReadOnlyList<SKPoint> anchors, (float X, float Y) scale, SKPoint? pivot = null)
    {
        var placed = item;
        SKPoint boxCentre = default;
        if (anchors.Count > 0)
        {
            var (minX, maxX) = (anchors.Min(p => p.X), anchors.Max(p => p.X));
            var (minY, maxY) = (anchors.Min(p => p.Y), anchors.Max(p => p.Y));
            boxCentre = new SKPoint((minX + maxX) / 2, (minY + maxY) / 2);
            placed = (JsonObject)item.DeepClone();
            foreach (var (key, value) in new[] { ("left", minX), ("top", minY), ("width", maxX - minX), ("height", maxY - minY) })
                if (!placed.ContainsKey(key)) placed[key] = value;
        }
        if (item["pathOffset"] is JsonObject offset) pivot ??= new SKPoint(Number(offset, "x", 0), Number(offset, "y", 0));
        return ObjectTransform(placed, pivot ?? boxCentre).PostConcat(SKMatrix.CreateScale(scale.X, scale.Y));
    }

    // ---- Paths ---------------------------------------------------------------------------------

    [GeneratedRegex("([MLQCZmlqcz])\\s*([^MLQCZmlqcz]*)")]
    private static partial Regex PathCommand();

    [GeneratedRegex("-?\\d+(?:\\.\\d+)?")]
    private static partial Regex PathNumber();

    /// <summary>Fabric's path: a list of [op, numbers...] or an SVG string; relative ops are read as absolute, like Zou.</summary>
    static List<(char Op, float[] Args)> PathCommands(JsonNode? raw)
    {
        if (raw is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            return [.. PathCommand().Matches((string)value!).Select(m => (char.ToUpperInvariant(m.Groups[1].Value[0]),
                PathNumber().Matches(m.Groups[2].Value).Select(n => float.Parse(n.Value, CultureInfo.InvariantCulture)).ToArray()))];
        if (raw is not JsonArray commands) return [];
        return [.. commands.OfType<JsonArray>()
            .Where(c => c.Count > 0 && c[0] is JsonValue op && op.GetValueKind() == JsonValueKind.String && ((string)op!).Length > 0)
            .Select(c => (char.ToUpperInvariant(((string)c[0]!)[0]), c.Skip(1).Select(Coordinate).ToArray()))];
    }

    static float Coordinate(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        ? (float)value
        : throw new FormatException("A path coordinate is not a number.");

    static SKPath BuildPath(List<(char Op, float[] Args)> commands)
    {
        var path = new SKPath();
        foreach (var (op, a) in commands)
        {
            switch (op)
            {
                case 'M' when a.Length >= 2: path.MoveTo(a[0], a[1]); break;
                case 'L' when a.Length >= 2: StartAt(path, a[0], a[1]); path.LineTo(a[0], a[1]); break;
                case 'Q' when a.Length >= 4: StartAt(path, a[0], a[1]); path.QuadTo(a[0], a[1], a[2], a[3]); break;
                case 'C' when a.Length >= 6: StartAt(path, a[0], a[1]); path.CubicTo(a[0], a[1], a[2], a[3], a[4], a[5]); break;
                case 'Z': path.Close(); break;
            }
        }
        return path;
    }

    /// <summary>A path that does not begin with a move starts at its first point, not at the origin.</summary>
    static void StartAt(SKPath path, float x, float y)
    {
        if (path.PointCount == 0) path.MoveTo(x, y);
    }

    /// <summary>The end point of each command: enough to bracket the path's box.</summary>
    static SKPoint[] Anchors(List<(char Op, float[] Args)> commands) =>
    [
        .. commands.Select(c => c switch
        {
            ('M' or 'L', { Length: >= 2 } a) => new SKPoint(a[0], a[1]),
            ('Q', { Length: >= 4 } a) => new SKPoint(a[2], a[3]),
            ('C', { Length: >= 6 } a) => new SKPoint(a[4], a[5]),
            _ => (SKPoint?)null,
        }).OfType<SKPoint>(),
    ];

    // ---- Paint ---------------------------------------------------------------------------------

    static void FillAndOutline(SKCanvas canvas, JsonObject item, SKPath path, SKMatrix transform, (float X, float Y) scale)
    {
        path.Transform(transform);
        if (Color(item["fill"]) is { } fill)
        {
            using var paint = Fill(fill);
            canvas.DrawPath(path, paint);
        }
        // A shape without a stroke has no outline (Kitsu's fill-only stickers).
        if (Color(item["stroke"]) is { } stroke)
        {
            using var paint = Stroke(stroke, StrokeWidth(item, scale.X), SKStrokeCap.Butt);
            canvas.DrawPath(path, paint);
        }
    }

    /// <summary>Lines, arrows, paths: the stroke colour, else the fill, else black.</summary>
    static SKColor LineColor(JsonObject item) => Color(item["stroke"]) ?? Color(item["fill"]) ?? SKColors.Black;

    static float StrokeWidth(JsonObject item, float scale) =>
        Math.Max(1, MathF.Round((item["strokeWidth"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (float)v : 1) * scale));

    static SKPaint Stroke(SKColor color, float width, SKStrokeCap cap) => new()
    {
        Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = cap,
        StrokeJoin = cap == SKStrokeCap.Round ? SKStrokeJoin.Round : SKStrokeJoin.Miter,
    };

    static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

    [GeneratedRegex(@"^\s*rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*(\d*\.?\d+)\s*)?\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CssRgba();

    [GeneratedRegex("^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex CssHex();

    static readonly Dictionary<string, SKColor> NamedColors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = SKColors.Black, ["white"] = SKColors.White, ["red"] = SKColors.Red, ["green"] = new(0, 128, 0),
        ["blue"] = SKColors.Blue, ["yellow"] = SKColors.Yellow, ["orange"] = new(255, 165, 0), ["purple"] = new(128, 0, 128),
        ["gray"] = new(128, 128, 128), ["grey"] = new(128, 128, 128), ["cyan"] = SKColors.Cyan, ["magenta"] = SKColors.Magenta,
    };

    /// <summary>A CSS colour (#rgb[a], #rrggbb[aa], rgb(), rgba() with alpha 0..1, a basic name); null for none, "" or "transparent".</summary>
    static SKColor? Color(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return null;
        var text = ((string)value!).Trim();
        if (CssRgba().Match(text) is { Success: true } rgba)
        {
            var alpha = rgba.Groups[4].Success ? double.Parse(rgba.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            var alpha255 = alpha <= 1 ? Math.Round(alpha * 255) : Math.Clamp(Math.Round(alpha), 0, 255);
            return new SKColor(Channel(rgba.Groups[1].Value), Channel(rgba.Groups[2].Value), Channel(rgba.Groups[3].Value), (byte)alpha255);
        }
        if (CssHex().IsMatch(text))
        {
            var hex = text[1..];
            if (hex.Length <= 4) hex = string.Concat(hex.Select(c => $"{c}{c}"));
            var rgb = Convert.FromHexString(hex);
            return new SKColor(rgb[0], rgb[1], rgb[2], rgb.Length == 4 ? rgb[3] : (byte)255);
        }
        return NamedColors.TryGetValue(text, out var named) ? named : null;
    }

    static byte Channel(string digits) => (byte)Math.Min(255, int.Parse(digits, CultureInfo.InvariantCulture));

    /// <summary>A number of the object, or the fallback when it is missing, null, zero or not a number (Python's `or`).</summary>
    static float Number(JsonObject item, string key, float fallback) =>
        item[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && (float)value is var number && number != 0 && float.IsFinite(number)
            ? number
            : fallback;
}
