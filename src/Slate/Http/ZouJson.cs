using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Http;

/// <summary>
/// Writes JSON as Zou's orjson provider does: compact, UTF-8 text unescaped.
/// </summary>
public static class ZouJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>An answer with a JSON body (object or array) and the given status.</summary>
    public static IResult Result(JsonNode? body, int status = StatusCodes.Status200OK) => new JsonNodeResult(body, status);

    sealed class JsonNodeResult(JsonNode? body, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
            if (body is null) writer.WriteNullValue();
            else body.WriteTo(writer, Options);
            await writer.FlushAsync();
        }
    }
}
