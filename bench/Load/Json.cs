using System.Text.Encodings.Web;
using System.Text.Json;

namespace Slate.Bench.Load;

/// <summary>The manifest's and the results' JSON: snake_case keys, indented, readable in a diff.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
