using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Http;

namespace Slate.Data;

/// <summary>
/// The optional paging of Zou's blueprint listings (ArgsMixin get_page/get_limit and
/// query.get_paginated_results): without ?page (or with page &lt; 1) every row as a list; with
/// it, {"data", "total", "nb_pages", "limit", "offset", "page"}, the limit defaulting to
/// NB_RECORDS_PER_PAGE. Two queries at most: the count and the page.
/// </summary>
public static class Pages
{
    /// <summary>The rows, already in the listing's order, shaped by <paramref name="present"/>.</summary>
    public static async Task<JsonNode> ReadAsync<T>(IQueryable<T> ordered, IQueryCollection query, int defaultLimit,
        Func<List<T>, Task<JsonArray>> present)
    {
        var page = Integer(query, "page") ?? -1;
        var requested = Integer(query, "limit") ?? 0;
        if (requested < 0) throw new WrongParameterException("limit must be a positive integer.");
        if (page < 1) return await present(await ordered.ToListAsync());

        var limit = requested == 0 ? defaultLimit : requested;
        var total = await ordered.CountAsync();
        var offset = (page - 1L) * limit;
        var rows = total < offset ? [] : await ordered.Skip((int)offset).Take(limit).ToListAsync();
        return new JsonObject
        {
            ["data"] = await present(rows),
            ["total"] = total < offset ? 0 : total,
            ["nb_pages"] = (int)Math.Ceiling(total / (double)limit),
            ["limit"] = limit,
            ["offset"] = offset,
            ["page"] = page,
        };
    }

    static int? Integer(IQueryCollection query, string key) =>
        !query.TryGetValue(key, out var text) ? null
        : int.TryParse(text.ToString().Trim(), out var value) ? value
        : throw new WrongParameterException($"{key} must be an integer.");
}
