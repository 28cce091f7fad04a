using System.Net;
using System.Text.Json.Nodes;

namespace Slate.Tests.Infrastructure;

/// <summary>Reading and checking answers the way every test needs them.</summary>
public static class Responses
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<JsonObject> ReadJsonObjectAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).AsObject();

    /// <summary>A JSON array answer with the status expected (200 unless told).</summary>
    public static async Task<JsonArray> ArrayAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.JsonAsync()).AsArray();
    }

    /// <summary>The "id" of each row, sorted, to compare listings whatever their order.</summary>
    public static List<string> Ids(JsonArray rows) => [.. rows.Select(r => (string)r!["id"]!).Order()];

    /// <summary>The ids of the rows, sorted, to compare with <see cref="Ids(JsonArray)"/>.</summary>
    public static List<string> Ids(params Slate.Domain.Model[] rows) => [.. rows.Select(r => r.Id.ToString()).Order()];

    /// <summary>Same JSON, key order aside; the failure shows both documents.</summary>
    public static void AssertJsonEqual(JsonNode expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"expected {expected.ToJsonString()}\nactual   {actual?.ToJsonString() ?? "null"}");

    /// <summary>Zou's error answer: the status, and exactly {"error": true, "message": message}.</summary>
    public static async Task AssertZouErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonObjectAsync();
        Assert.True((bool)body["error"]!);
        Assert.Equal(message, (string?)body["message"]);
        Assert.Equal(2, body.Count);
    }

    /// <summary>Zou's WrongParameterException answer: 400 with the message and "data": null.</summary>
    public static async Task AssertWrongParameterAsync(this HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJsonEqual(new JsonObject { ["error"] = true, ["message"] = message, ["data"] = null },
            await response.JsonAsync());
    }
}

/// <summary>Zou's error messages as recorded from a real Zou 1.0.67 (reference/zou-samples).</summary>
public static class ZouMessages
{
    public const string NotFound =
        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
    public const string MethodNotAllowed = "The method is not allowed for the requested URL.";
    public const string TooLarge = "The data value transmitted exceeds the capacity limit.";
    public const string BadRequest = "The browser (or proxy) sent a request that this server could not understand.";
    public const string InternalError = "Internal server error.";
    public const string Forbidden =
        "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
}
