using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;
using Slate.Http;

namespace Slate.Api.Crud;

/// <summary>
/// Zou's list filters from the query string (behavior-platform.md §2.3): column equality, a
/// case-insensitive name, JSON id lists, booleans, relation membership; unknown keys ignored,
/// malformed values and refused columns answered 400.
/// </summary>
public static class QueryFilters
{
    /// <summary>Query keys that shape the answer instead of filtering it.</summary>
    static readonly HashSet<string> Reserved = ["page", "relations", "fields"];

    public static IQueryable<T> Apply<T>(IQueryable<T> rows, IQueryCollection query, CrudCollection<T> collection, CrudContext c)
        where T : class
    {
        var columns = ModelColumns.Named(c.Db.Model, typeof(T));
        foreach (var (key, values) in query)
        {
            if (Reserved.Contains(key)) continue;
            var value = values.ToString();
            if (values.Count > 1) value = values[0] ?? "";
            if (collection.ExtraFilter(rows, key, value, c) is { } narrowed)
            {
                rows = narrowed;
                continue;
            }
            if (columns.TryGetValue(key, out var column))
            {
                if (!collection.MayFilterOn(key, c)) throw new WrongParameterException($"Filtering on {key} is not allowed.");
                rows = rows.Where(Predicate<T>(column, value));
            }
            else if (Relations.Of(typeof(T)).FirstOrDefault(r => r.Name == key && r.ThroughLinkTable) is { } relation)
            {
                rows = HavingRelated(rows, relation, Uuid(value), c.Db);
            }
        }
        return rows;
    }

    public static Guid Uuid(string value) =>
        Values.TryUuid(value, out var id) ? id : throw new WrongParameterException($"Invalid UUID value: {value}");

    static Expression<Func<T, bool>> Predicate<T>(ModelColumn column, string value)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var member = Expression.Property(row, column.Property);
        Expression test;
        if (value.StartsWith('['))
        {
            var items = ListItems(column, value);
            test = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], Constant(items, items.GetType()), member);
        }
        else if (column.Name == "name" && column.ValueType == typeof(string))
        {
            // Zou's ILIKE: case-insensitive, % and _ act as wildcards; lower() keeps it portable.
            var lower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
            var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;
            test = Expression.Call(like, Expression.Constant(EF.Functions), Expression.Call(member, lower), Constant(value.ToLowerInvariant(), typeof(string)));
        }
        else
        {
            test = Expression.Equal(member, Constant(Single(column, value), member.Type));
        }
        return Expression.Lambda<Func<T, bool>>(test, row);
    }

    /// <summary>A captured value, so EF sends it as a parameter rather than a literal.</summary>
    static Expression Constant(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    static object Single(ModelColumn column, string value)
    {
        var type = column.ValueType;
        if (type == typeof(Guid)) return Uuid(value);
        if (type == typeof(bool)) return Values.Boolean(value) ?? throw new WrongParameterException($"Invalid boolean value: {value}");
        if (type == typeof(JsonNode) || type.IsGenericType || type == typeof(byte[]))
            throw new WrongParameterException($"Filtering on {column.Name} is not allowed.");
        return Values.FromText(value, type)
            ?? throw new WrongParameterException($"One of the value of the filter has not the proper format: {column.Name}={value}");
    }

    /// <summary>`?id=["a","b"]`: each element read as the column's type; IN (...).</summary>
    static object ListItems(ModelColumn column, string value)
    {
        JsonArray items;
        try
        {
            items = JsonNode.Parse(value) as JsonArray ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new WrongParameterException($"Malformed list filter for field {column.Name}.");
        }
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(column.Property.PropertyType))!;
        foreach (var item in items)
        {
            var text = item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : item?.ToJsonString() ?? "";
            list.Add(Single(column, text));
        }
        return list;
    }

    /// <summary>Rows whose relation holds the id: `/data/tasks?assignees=&lt;person&gt;`.</summary>
    static IQueryable<T> HavingRelated<T>(IQueryable<T> rows, Relation relation, Guid target, SlateDb db) where T : class =>
        (IQueryable<T>)typeof(QueryFilters).GetMethod(nameof(HavingRelatedThrough), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(T), relation.Link)
            .Invoke(null, [rows, relation, target, db])!;

    static IQueryable<T> HavingRelatedThrough<T, TLink>(IQueryable<T> rows, Relation relation, Guid target, SlateDb db)
        where T : class where TLink : class
    {
        var links = db.Set<TLink>();
        return rows.Where(row => links.Any(link =>
            EF.Property<Guid?>(link, relation.OwnerProperty) == EF.Property<Guid>(row, nameof(Model.Id))
            && EF.Property<Guid?>(link, relation.TargetProperty) == target));
    }
}
