using System.Text.Json;
using System.Text.Json.Nodes;
using Slate.Api.Crud;
using Slate.Http;

namespace Slate.Api.Tasks;

/// <summary>The fields of the tasks blueprint's bodies, validated like its Pydantic schemas (400 "Validation error.").</summary>
public static class TaskBodies
{
    /// <summary>
    /// A required List[str] of at least one item (task_ids). Strings that are not UUIDs are kept
    /// out like unknown ids: Zou skips the tasks it cannot find.
    /// </summary>
    public static List<Guid> RequiredIds(JsonObject body, string key)
    {
        if (body[key] is not JsonArray { Count: > 0 } items)
            throw new ValidationFailedException((key, body[key] switch
            {
                null => "Field required",
                JsonArray => "List should have at least 1 item after validation, not 0",
                _ => "Input should be a valid list",
            }));
        var ids = new List<Guid>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
                throw new ValidationFailedException(($"{key}.{i}", "Input should be a valid string"));
            if (Values.TryUuid((string)value!, out var id) && !ids.Contains(id)) ids.Add(id);
        }
        return ids;
    }

    /// <summary>A number field (a Pydantic float or int, numeric strings accepted) with its bound checked.</summary>
    public static double Number(JsonObject body, string key, bool integer, double minimum, bool strict)
    {
        double number = body[key] switch
        {
            null => throw new ValidationFailedException((key, "Field required")),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.String
                && double.TryParse((string)v!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new ValidationFailedException((key, integer ? "Input should be a valid integer" : "Input should be a valid number")),
        };
        if (double.IsNaN(number) || double.IsInfinity(number) || integer && (number != Math.Floor(number) || Math.Abs(number) > int.MaxValue))
            throw new ValidationFailedException((key, integer ? "Input should be a valid integer" : "Input should be a finite number"));
        if (strict ? number <= minimum : number < minimum)
            throw new ValidationFailedException((key, $"Input should be greater than {(strict ? "" : "or equal to ")}{minimum}"));
        return number;
    }
}
