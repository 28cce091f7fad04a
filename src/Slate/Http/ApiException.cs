using System.Text.Json.Nodes;

namespace Slate.Http;

/// <summary>
/// The typed failures services throw. One middleware (<see cref="ErrorHandling"/>) turns them
/// into Zou's status codes and JSON bodies, so no handler builds an error body by hand.
/// </summary>
public class ApiException(int status, JsonObject body) : Exception(body["message"]?.ToString())
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;

    public const string NotFoundMessage =
        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
    public const string ForbiddenMessage =
        "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
    public const string BadRequestMessage =
        "The browser (or proxy) sent a request that this server could not understand.";

    /// <summary>{"error": true, "message": ...} plus any extra keys.</summary>
    public static JsonObject ErrorBody(string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["error"] = true, ["message"] = message };
        if (extra is not null)
            foreach (var (key, value) in extra) body[key] = value?.DeepClone();
        return body;
    }
}

/// <summary>404, for unknown routes and for rows that do not exist.</summary>
public sealed class NotFoundException() : ApiException(404, ErrorBody(NotFoundMessage));

/// <summary>403, when the caller's role or membership does not allow the action.</summary>
public sealed class PermissionDeniedException(string message = ApiException.ForbiddenMessage)
    : ApiException(403, ErrorBody(message));

/// <summary>Zou's WrongParameterException: 400 with a message and a "data" key (null by default).</summary>
public sealed class WrongParameterException(string message, JsonNode? data = null)
    : ApiException(400, ErrorBody(message, new JsonObject { ["data"] = data }));

/// <summary>400 for a request the server cannot read at all (malformed JSON, wrong body shape).</summary>
public sealed class BadRequestException(string message = ApiException.BadRequestMessage)
    : ApiException(400, ErrorBody(message));

/// <summary>Zou's body-validation failure (Pydantic): 400 "Validation error." listing each field.</summary>
public sealed class ValidationFailedException(params (string Field, string Message)[] errors)
    : ApiException(400, ErrorBody("Validation error.", new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["errors"] = new JsonArray(errors
                .Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["message"] = e.Message })
                .ToArray()),
        },
    }));

/// <summary>413 with the body Zou's status page gives, for an upload over its size limit.</summary>
public sealed class PayloadTooLargeException()
    : ApiException(413, ErrorBody(ErrorHandling.MessageFor(StatusCodes.Status413PayloadTooLarge)));
