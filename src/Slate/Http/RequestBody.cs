using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slate.Http;

/// <summary>Reading request bodies the way Zou's routes do, with 4xx answers for bad input.</summary>
public static class RequestBody
{
    /// <summary>
    /// Answers 413 (Zou's body, from the status-code pages) to a request that announces a body
    /// over MAX_CONTENT_LENGTH, before any handler runs. Bodies without a length are capped by
    /// Kestrel's MaxRequestBodySize, set from the same setting, which fails the read with a 413.
    /// </summary>
    public static void UseContentLengthLimit(this WebApplication app, Settings settings)
    {
        if (settings.MaxContentLength <= 0) return;
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength is not { } length || length <= settings.MaxContentLength) return next(context);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        });
    }

    /// <summary>The JSON body (null when empty); 400 when it is not valid JSON.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new BadRequestException();
        }
    }

    /// <summary>
    /// The fields of a body validated like Zou's Pydantic schemas: a JSON object, or else form
    /// fields, or else query-string parameters (POST /auth/login?email=..&amp;password=.. works).
    /// </summary>
    public static async Task<JsonObject> ReadFieldsAsync(HttpRequest request)
    {
        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request) switch
            {
                JsonObject fields => fields,
                null => QueryFields(request),
                _ => throw new BadRequestException("Request body must be a JSON object."),
            };
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var fields = new JsonObject();
            foreach (var (key, value) in form) fields[key] = value.ToString();
            return fields;
        }
        return QueryFields(request);
    }

    static JsonObject QueryFields(HttpRequest request)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in request.Query) fields[key] = value.ToString();
        return fields;
    }

    /// <summary>A string field that must be present and non-empty (a Pydantic required str).</summary>
    public static string RequiredText(JsonObject fields, string key) =>
        OptionalText(fields, key) is { Length: > 0 } text
            ? text
            : throw new ValidationFailedException((key, fields[key] is null ? "Field required" : "String should have at least 1 character"));

    /// <summary>A string field, null when absent or null; 400 when it holds another kind of value.</summary>
    public static string? OptionalText(JsonObject fields, string key) => fields[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new ValidationFailedException((key, "Input should be a valid string")),
    };
}
