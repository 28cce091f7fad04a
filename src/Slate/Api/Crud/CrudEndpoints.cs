using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>Maps one collection's five routes onto the generic algorithm.</summary>
public static class CrudEndpoints
{
    public static void Collection<T>(this IEndpointRouteBuilder routes, string path, CrudCollection<T> collection)
        where T : class, new()
    {
        var many = $"/data/{path}";
        var one = $"/data/{path}/{{instance_id}}";
        routes.Get(many, async (HttpRequest request, CrudService crud) =>
                ZouJson.Result(await crud.ListAsync(collection, request.Query)))
            .WithSummary($"List {path} (filters, pagination, relations, fields)");
        routes.Post(many, async (HttpRequest request, CrudService crud) =>
                ZouJson.Result(await crud.CreateAsync(collection, request), StatusCodes.Status201Created))
            .WithSummary($"Create one of {path}");
        routes.Get(one, async (string instance_id, HttpRequest request, CrudService crud) =>
                ZouJson.Result(await crud.GetAsync(collection, instance_id, request.Query)))
            .WithSummary($"One of {path}, with its relations");
        routes.Put(one, async (string instance_id, HttpRequest request, CrudService crud) =>
                ZouJson.Result(await crud.UpdateAsync(collection, instance_id, request)))
            .WithSummary($"Update one of {path}");
        routes.Delete(one, async (string instance_id, HttpRequest request, CrudService crud) =>
            {
                await crud.DeleteAsync(collection, instance_id, request.Query);
                return Results.NoContent();
            })
            .WithSummary($"Delete one of {path}");
    }
}
