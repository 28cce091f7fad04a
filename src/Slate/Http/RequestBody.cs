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

    /// <summary>An optional id: null when absent or null; 400 when it is not a UUID.</summary>
    public static Guid? OptionalId(JsonObject fields, string key) => fields[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) && Api.Crud.Values.TryUuid(text, out var id) => id,
        _ => throw new ValidationFailedException((key, "Input should be a valid UUID")),
    };

    /// <summary>A Pydantic Optional[int]: null, an integer, or a string holding one.</summary>
    public static int? OptionalInt(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) => number,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse((string)v!, out var number) => number,
        _ => throw new ValidationFailedException((field, "Input should be a valid integer")),
    };

    /// <summary>A Pydantic Optional[float]: null, a number, or a string holding one.</summary>
    public static double? OptionalNumber(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (double)v,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && double.TryParse((string)v!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => throw new ValidationFailedException((field, "Input should be a valid number")),
    };

    /// <summary>A string field, null when absent or null; 400 when it holds another kind of value.</summary>
    public static string? OptionalText(JsonObject fields, string key) => fields[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new ValidationFailedException((key, "Input should be a valid string")),
    };

    /// <summary>
    /// A required List[str] of at least one item (task_ids). Strings that are not UUIDs are kept
    /// out like unknown ids: Zou skips the tasks it cannot find.
    /// </summary>
    public static List<Guid> RequiredIds(JsonObject body, string key)
    {
        if (body[key] is not JsonArray { Count: > 0 } items)
            throw new ValidationFailedException((key, body[key] switch
            {
                null => "Field required",
                JsonArray => "List should have at least 1 item after validation, not 0",
                _ => "Input should be a valid list",
            }));
        var ids = new List<Guid>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
                throw new ValidationFailedException(($"{key}.{i}", "Input should be a valid string"));
            if (Api.Crud.Values.TryUuid((string)value!, out var id) && !ids.Contains(id)) ids.Add(id);
        }
        return ids;
    }

    /// <summary>A number field (a Pydantic float or int, numeric strings accepted) with its bound checked.</summary>
    public static double BoundedNumber(JsonObject body, string key, bool integer, double minimum, bool strict)
    {
        double number = body[key] switch
        {
            null => throw new ValidationFailedException((key, "Field required")),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.String
                && double.TryParse((string)v!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new ValidationFailedException((key, integer ? "Input should be a valid integer" : "Input should be a valid number")),
        };
        if (double.IsNaN(number) || double.IsInfinity(number) || integer && (number != Math.Floor(number) || Math.Abs(number) > int.MaxValue))
            throw new ValidationFailedException((key, integer ? "Input should be a valid integer" : "Input should be a finite number"));
        if (strict ? number <= minimum : number < minimum)
            throw new ValidationFailedException((key, $"Input should be greater than {(strict ? "" : "or equal to ")}{minimum}"));
        return number;
    }

    /// <summary>A Pydantic Optional[bool] (true, "yes", 1...): null when absent or null.</summary>
    public static bool? OptionalFlag(JsonObject body, string key)
    {
        try
        {
            return Api.Crud.Values.FromJson(body[key], typeof(bool)) as bool?;
        }
        catch (FormatException)
        {
            throw new ValidationFailedException((key, "Input should be a valid boolean"));
        }
    }

    /// <summary>A str field within the column's length; a required one must be present and non-empty.</summary>
    public static string? BoundedText(JsonObject body, string key, int maxLength, bool required = false)
    {
        var text = required ? RequiredText(body, key) : OptionalText(body, key);
        if (text is { Length: var length } && length > maxLength)
            throw new ValidationFailedException((key, $"String should have at most {maxLength} characters"));
        return text;
    }
}
