using Slate.Http;

namespace Slate.Api.Departments;

/// <summary>Zou's departments blueprint, in Zou's order. Rules live in <see cref="DepartmentsService"/>.</summary>
public static class DepartmentsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var software = DepartmentsService.Software;
        var hardware = DepartmentsService.Hardware;
        routes.Get("/data/departments/software-licenses", async (DepartmentsService departments) =>
                ZouJson.Result(await departments.AllAsync(software)))
            .WithSummary("List the software licenses of every department, by department id");
        routes.Post("/data/departments/{department_id}/software-licenses", async (string department_id, HttpRequest request, DepartmentsService departments) =>
                ZouJson.Result(await departments.AddAsync(software, department_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Give a department a software license");
        routes.Get("/data/departments/{department_id}/software-licenses/{software_id}",
                async (string department_id, string software_id, DepartmentsService departments) =>
                    ZouJson.Result(await departments.OneAsync(software, department_id, software_id)))
            .WithSummary("Get a software license of a department");
        routes.Delete("/data/departments/{department_id}/software-licenses/{software_id}",
                async (string department_id, string software_id, DepartmentsService departments) =>
                {
                    await departments.RemoveAsync(software, department_id, software_id);
                    return Results.NoContent();
                })
            .WithSummary("Take a software license from a department");
        routes.Get("/data/departments/hardware-items", async (DepartmentsService departments) =>
                ZouJson.Result(await departments.AllAsync(hardware)))
            .WithSummary("List the hardware items of every department, by department id");
        routes.Post("/data/departments/{department_id}/hardware-items", async (string department_id, HttpRequest request, DepartmentsService departments) =>
                ZouJson.Result(await departments.AddAsync(hardware, department_id, await RequestBody.ReadFieldsAsync(request)), StatusCodes.Status201Created))
            .WithSummary("Give a department a hardware item");
        routes.Get("/data/departments/{department_id}/hardware-items/{hardware_item_id}",
                async (string department_id, string hardware_item_id, DepartmentsService departments) =>
                    ZouJson.Result(await departments.OneAsync(hardware, department_id, hardware_item_id)))
            .WithSummary("Get a hardware item of a department");
        routes.Delete("/data/departments/{department_id}/hardware-items/{hardware_item_id}",
                async (string department_id, string hardware_item_id, DepartmentsService departments) =>
                {
                    await departments.RemoveAsync(hardware, department_id, hardware_item_id);
                    return Results.NoContent();
                })
            .WithSummary("Take a hardware item from a department");
    }
}
