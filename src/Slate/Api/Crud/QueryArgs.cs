using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>Optional query-string arguments, read as Zou's get_args does: absent or empty is null, malformed is a 400.</summary>
public static class QueryArgs
{
    public static string? Text(IQueryCollection query, string key) => query[key].ToString() is { Length: > 0 } text ? text : null;

    public static int? Integer(IQueryCollection query, string key) => Text(query, key) is not { } text ? null
        : int.TryParse(text, out var number) ? number : throw new WrongParameterException($"{key} must be an integer.");

    public static Guid? Uuid(IQueryCollection query, string key) => Text(query, key) is not { } text ? null
        : Values.TryUuid(text, out var id) ? id : throw new WrongParameterException($"Invalid UUID value: {text}");
}
