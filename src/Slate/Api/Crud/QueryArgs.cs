using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>Optional query-string arguments, read as Zou's get_args does: absent or empty is null, malformed is a 400.</summary>
public static class QueryArgs
{
    public static string? Text(IQueryCollection query, string key) => query[key].ToString() is { Length: > 0 } text ? text : null;

    public static int? Integer(IQueryCollection query, string key) => Text(query, key) is not { } text ? null
        : int.TryParse(text, out var number) ? number : throw new WrongParameterException($"{key} must be an integer.");

    public static Guid? Uuid(IQueryCollection query, string key) => Text(query, key) is { } text ? QueryFilters.Uuid(text) : null;

    /// <summary>A page size: a 400 when it is not a whole number or is negative.</summary>
    public static int? Limit(IQueryCollection query)
    {
        if (!query.TryGetValue("limit", out var text)) return null;
        if (!int.TryParse(text, out var limit)) throw new WrongParameterException("limit must be an integer.");
        if (limit < 0) throw new WrongParameterException("limit must be a positive integer.");
        return limit;
    }
}
