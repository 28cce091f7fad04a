using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Departments;

/// <summary>
/// Zou's departments blueprint, in Zou's order: the same four routes for software licenses, then
/// for hardware items. Rules live in <see cref="DepartmentsService"/>.
/// </summary>
public static class DepartmentsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        MapEquipment(routes, "software-licenses", "software_id", "software license", DepartmentsService.Software);
        MapEquipment(routes, "hardware-items", "hardware_item_id", "hardware item", DepartmentsService.Hardware);
    }

    static void MapEquipment<TItem, TLink>(IEndpointRouteBuilder routes, string segment, string itemParameter, string noun,
        DepartmentsService.Equipment<TItem, TLink> kind) where TItem : Model where TLink : Model, new()
    {
        var one = $"/data/departments/{{department_id}}/{segment}/{{{itemParameter}}}";
        routes.Get($"/data/departments/{segment}", async (DepartmentsService departments) =>
                ZouJson.Result(await departments.AllAsync(kind)))
            .WithSummary($"List the {noun}s of every department, by department id");
        routes.Post($"/data/departments/{{department_id}}/{segment}", async (string department_id, HttpRequest request, DepartmentsService departments) =>
                ZouJson.Result(await departments.AddAsync(kind, department_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary($"Give a department a {noun}");
        routes.Get(one, async (string department_id, HttpRequest request, DepartmentsService departments) =>
                ZouJson.Result(await departments.OneAsync(kind, department_id, (string)request.RouteValues[itemParameter]!)))
            .WithSummary($"Get a {noun} of a department");
        routes.Delete(one, async (string department_id, HttpRequest request, DepartmentsService departments) =>
            {
                await departments.RemoveAsync(kind, department_id, (string)request.RouteValues[itemParameter]!);
                return Results.NoContent();
            })
            .WithSummary($"Take a {noun} from a department");
    }
}
