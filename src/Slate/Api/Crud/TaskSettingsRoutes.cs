using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>
/// The crud blueprint's non-generic routes (behavior-platform.md §2.1), in Zou's order: task type
/// order, task types and statuses of a project and their order. Rules live in <see cref="TaskSettingsService"/>.
/// </summary>
public static class TaskSettingsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Post("/actions/task-types/reorder", async (HttpRequest request, TaskSettingsService settings) =>
                ZouJson.Result(await settings.ReorderTaskTypesAsync(await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Set the studio-wide priority of task types from their order in a list");
        routes.Post("/data/task-type-links", async (HttpRequest request, TaskSettingsService settings) =>
                ZouJson.Result(await settings.LinkTaskTypeAsync(await ArgsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Link a task type to a project, or change the link's priority");
        routes.Post("/actions/projects/{project_id}/task-type-links/reorder", async (string project_id, HttpRequest request, TaskSettingsService settings) =>
                ZouJson.Result(await settings.ReorderProjectTaskTypesAsync(project_id, await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Set the priority of a project's task types from their order in a list");
        routes.Post("/data/task-status-links", async (HttpRequest request, TaskSettingsService settings) =>
                ZouJson.Result(await settings.LinkTaskStatusAsync(await ArgsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Link a task status to a project, or change the link's priority and board roles");
        routes.Post("/actions/projects/{project_id}/task-status-links/reorder", async (string project_id, HttpRequest request, TaskSettingsService settings) =>
                ZouJson.Result(await settings.ReorderProjectTaskStatusesAsync(project_id, await RequestBody.ReadJsonAsync(request))))
            .WithSummary("Set the priority of a project's task statuses from their order in a list");
    }

    /// <summary>
    /// Zou's get_args: query string and form fields first (a repeated key gives a list), then the
    /// keys of a JSON object body.
    /// </summary>
    static async Task<JsonObject> ArgsAsync(HttpRequest request)
    {
        var args = new JsonObject();
        void Add(string key, JsonNode? value)
        {
            if (!args.ContainsKey(key)) args[key] = value;
        }
        static JsonNode? Value(StringValues values) =>
            values.Count == 1 ? values[0] : new JsonArray(values.Select(v => (JsonNode?)v).ToArray());

        foreach (var (key, values) in request.Query) Add(key, Value(values));
        if (request.HasFormContentType)
            foreach (var (key, values) in await request.ReadFormAsync(request.HttpContext.RequestAborted)) Add(key, Value(values));
        if (request.HasJsonContentType() && await RequestBody.ReadJsonAsync(request) is JsonObject json)
            foreach (var (key, value) in json) Add(key, value?.DeepClone());
        return args;
    }
}
