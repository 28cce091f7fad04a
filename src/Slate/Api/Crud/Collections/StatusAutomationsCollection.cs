using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// /data/status-automations: read by everyone but vendors, written by admins. An automation a
/// project uses cannot be deleted; the field it sets is one of Zou's two choices (any other value
/// would break every later read of the row).
/// </summary>
public sealed class StatusAutomationsCollection : NonVendorListCollection<StatusAutomation>
{
    static readonly string[] OutFieldTypes = ["status", "ready_for"];

    public override Task PrepareCreateAsync(JsonObject body, CrudContext c)
    {
        CheckOutFieldType(body);
        return Task.CompletedTask;
    }

    public override Task BeforeUpdateAsync(StatusAutomation row, JsonObject body, CrudContext c)
    {
        CheckOutFieldType(body);
        return Task.CompletedTask;
    }

    static void CheckOutFieldType(JsonObject body)
    {
        if (body["out_field_type"] is { } value && !(value is JsonValue text && text.TryGetValue<string>(out var name) && OutFieldTypes.Contains(name)))
            throw new WrongParameterException($"out_field_type must be one of {string.Join(", ", OutFieldTypes)}");
    }

    public override async Task DeleteAsync(StatusAutomation row, bool force, CrudContext c)
    {
        if (await c.Db.ProjectStatusAutomationLinks.AnyAsync(l => l.StatusAutomationId == row.Id))
            throw new ApiException(400, new JsonObject { ["message"] = "This automation is used in a project." });
        await base.DeleteAsync(row, force, c);
    }
}
