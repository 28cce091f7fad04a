using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slate.Http;

namespace Slate.Tests.Platform.Samples;

/// <summary>A route table shaped like the product's, with parameters bound and unbound.</summary>
public static class SampleRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Get("/things/{id}", (Guid id) => id.ToString()).WithSummary("One thing");
        routes.Delete("/things/{id}", (Guid id) => Results.NoContent()).WithSummary("Delete a thing");
        routes.Get("/things/{thingId}/parts/{partId:guid}", (HttpContext context) => "part").WithSummary("One part of a thing");
    }
}
