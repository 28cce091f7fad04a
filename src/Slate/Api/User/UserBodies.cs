using System.Text.Json.Nodes;
using Slate.Api.Crud;
using Slate.Http;

namespace Slate.Api.User;

/// <summary>The fields of the user blueprint's bodies, validated like its Pydantic schemas (400 "Validation error.").</summary>
public static class UserBodies
{
    /// <summary>A Pydantic Optional[bool] (true, "yes", 1...): null when absent or null.</summary>
    public static bool? Flag(JsonObject body, string key)
    {
        try
        {
            return Values.FromJson(body[key], typeof(bool)) as bool?;
        }
        catch (FormatException)
        {
            throw new ValidationFailedException((key, "Input should be a valid boolean"));
        }
    }

    /// <summary>A str field within the column's length; a required one must be present and non-empty.</summary>
    public static string? Text(JsonObject body, string key, int maxLength, bool required = false)
    {
        var text = required ? RequestBody.RequiredText(body, key) : RequestBody.OptionalText(body, key);
        if (text is { Length: var length } && length > maxLength)
            throw new ValidationFailedException((key, $"String should have at most {maxLength} characters"));
        return text;
    }
}
