using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Slate.Http;

/// <summary>
/// The OpenAPI document, generated from the routes really mapped, and a page to browse it.
/// Both are public, as in Zou.
/// </summary>
public static class ApiDocs
{
    const string DocumentPath = "/openapi.json";
    const string Title = "Slate API (Zou-compatible)";

    public static void AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = Title, Version = Settings.Version };
                // Every GET route also answers HEAD (RouteTable.Get); listing each one twice
                // would only double the page.
                foreach (var path in document.Paths.Values) path.Operations?.Remove(HttpMethod.Head);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DeclarePathParameters(operation, context.Description.RelativePath);
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// A handler that reads a route value from the request instead of taking it as an argument
    /// leaves that parameter out of the generated operation, and a path template without its
    /// parameters is not valid OpenAPI: declare the missing ones as strings.
    /// </summary>
    static void DeclarePathParameters(OpenApiOperation operation, string? relativePath)
    {
        if (relativePath is null) return;
        var declared = operation.Parameters?.Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ToHashSet() ?? [];
        foreach (var parameter in RoutePatternFactory.Parse(relativePath).Parameters.Where(p => !declared.Contains(p.Name)))
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference("/apidocs", options => options
            .WithOpenApiRoutePattern(DocumentPath)
            .WithTitle(Title)
            // Studios often run Slate without internet access: the page uses only what the
            // package embeds (its script bundle), with none of the parts that call Scalar's
            // servers (web fonts, telemetry, AI agent, the share/SDK toolbar).
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools())
            .AllowAnonymous();
    }
}
