using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;

namespace Slate.Http;

/// <summary>
/// Every failure leaves as Zou's JSON error body: typed API exceptions with their own status,
/// unreadable requests as 400, unknown routes 404, wrong methods 405, oversized bodies 413,
/// anything else 500 "Internal server error." without leaking the exception text.
/// </summary>
public static class ErrorHandling
{
    static readonly Dictionary<int, string> StatusMessages = new()
    {
        [400] = ApiException.BadRequestMessage,
        [401] = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
        [403] = ApiException.ForbiddenMessage,
        [404] = ApiException.NotFoundMessage,
        [405] = "The method is not allowed for the requested URL.",
        [413] = "The data value transmitted exceeds the capacity limit.",
        [415] = "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
    };

    public static void UseZouErrors(this WebApplication app, Settings settings)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => 500,
            ExceptionHandler = context => WriteException(context, settings),
        });
        // Empty 404/405/413 answers from routing and Kestrel get Zou's body too.
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return Write(context.HttpContext, status, ApiException.ErrorBody(MessageFor(status)));
        });
    }

    static Task WriteException(HttpContext context, Settings settings)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case ApiException api:
                return Write(context, api.Status, api.Body);
            case BadHttpRequestException bad:
                var status = bad.StatusCode is 413 or 415 ? bad.StatusCode : 400;
                return Write(context, status, ApiException.ErrorBody(MessageFor(status)));
            case System.Text.Json.JsonException:
                return Write(context, 400, ApiException.ErrorBody(ApiException.BadRequestMessage));
            case Microsoft.EntityFrameworkCore.DbUpdateException refused when Data.DatabaseErrors.Describe(refused) is { } reason:
                // Zou's CRUD answers refused writes with a bare {"message": ...}; gazu reads "message".
                return Write(context, 400, new JsonObject { ["message"] = reason });
        }
        var body = ApiException.ErrorBody("Internal server error.");
        if (settings.Debug && error is not null)
        {
            body["message"] = error.Message;
            body["stacktrace"] = error.ToString();
        }
        return Write(context, 500, body);
    }

    public static string MessageFor(int status) =>
        StatusMessages.TryGetValue(status, out var message) ? message : "Internal server error.";

    static Task Write(HttpContext context, int status, JsonObject body) =>
        ZouJson.Result(body, status).ExecuteAsync(context);
}
