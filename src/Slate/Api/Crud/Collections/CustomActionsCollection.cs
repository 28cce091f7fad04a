using System.Text.Json.Nodes;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>/data/custom-actions: read by everyone but vendors, written by admins; a name is required.</summary>
public sealed class CustomActionsCollection : NonVendorListCollection<CustomAction>
{
    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        if (body["name"] is null) throw new WrongParameterException("The 'name' field is required and cannot be None.");
        return Task.CompletedTask;
    }

    public override Task BeforeUpdateAsync(CustomAction row, JsonObject body, CrudContext c)
    {
        if (body.ContainsKey("name") && body["name"] is null) throw new WrongParameterException("The 'name' field cannot be set to None.");
        return Task.CompletedTask;
    }
}
