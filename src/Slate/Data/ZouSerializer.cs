using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// Turns rows into Zou's JSON (reference/models.md, "How rows become JSON"): one key per column,
/// named like the column; "type" = the model name; UUIDs as lower-case strings; datetimes as
/// naive-UTC "YYYY-MM-DDTHH:MM:SS"; dates "YYYY-MM-DD"; nulls kept. Collection relations are
/// added as id lists only when asked for; Zou's three many-to-one relations always come nested.
/// Relations are loaded set-based: one query per relation for the whole list of rows.
/// </summary>
public sealed class ZouSerializer(SlateDb db)
{
    /// <summary>C# names that differ from Zou's model names (they clash with .NET types).</summary>
    static readonly Dictionary<Type, string> ModelNames = new()
    {
        [typeof(ProductionTask)] = "Task",
        [typeof(ProductionTaskStatus)] = "TaskStatus",
    };

    public static string ModelName(Type type) => ModelNames.TryGetValue(type, out var name) ? name : type.Name;

    public async Task<JsonObject> RowAsync(object row, bool relations = false) =>
        (await ObjectsAsync([row], relations))[0];

    public async Task<JsonArray> RowsAsync<T>(IReadOnlyList<T> rows, bool relations = false) where T : class =>
        new((await ObjectsAsync(rows, relations)).ToArray<JsonNode?>());

    /// <summary>The rows as separate JSON objects, free to be reshaped before they are sent.</summary>
    public async Task<List<JsonObject>> ObjectsAsync<T>(IReadOnlyList<T> rows, bool relations = false) where T : class
    {
        var objects = rows.Select(row => Columns(row)).ToList();
        if (rows.Count == 0) return objects;
        var type = rows[0].GetType();
        if (relations && typeof(Model).IsAssignableFrom(type))
        {
            var ids = rows.Cast<Model>().Select(row => (Guid?)row.Id).ToList();
            var relationsOfType = Relations.Of(type).ToList();
            var targets = await RelatedIds(type, relationsOfType, ids);
            for (var r = 0; r < relationsOfType.Count; r++)
                for (var i = 0; i < rows.Count; i++)
                    objects[i][relationsOfType[r].Name] = new JsonArray(
                        (targets.GetValueOrDefault((r, ids[i]!.Value)) ?? []).Select(id => (JsonNode)Uuid(id)).ToArray());
        }
        foreach (var embedded in Relations.EmbeddedOf(type))
        {
            var property = type.GetProperty(embedded.ForeignKeyProperty)!;
            var keys = rows.Select(row => (Guid?)property.GetValue(row)).ToList();
            var nested = await NestedRows(embedded.Target, keys.OfType<Guid>().Distinct().ToList());
            for (var i = 0; i < rows.Count; i++)
                objects[i][embedded.Name] = keys[i] is { } key && nested.TryGetValue(key, out var found) ? found.DeepClone() : null;
        }
        return objects;
    }

    /// <summary>The row's own columns, "type" and computed attributes, without relations.</summary>
    public JsonObject Columns(object row)
    {
        var type = row.GetType();
        var json = new JsonObject();
        foreach (var column in ModelColumns.Of(db.Model, type))
        {
            // Zou writes a person's full name among the columns, just before the id.
            if (row is Person person && column.Name == "id") json["full_name"] = person.FullName;
            json[column.Name] = Value(column.Property.GetValue(row));
        }
        json["type"] = ModelName(type);
        switch (row)
        {
            case Notification notification:
                // Zou's notification has a real "type" column; it leaves as notification_type.
                json["notification_type"] = notification.Type;
                json["type"] = nameof(Notification);
                break;
            case PlaylistShareLink link:
                json.Remove("password");
                json["has_password"] = !string.IsNullOrEmpty(link.Password);
                break;
        }
        return json;
    }

    public static JsonNode? Value(object? value) => value switch
    {
        null => null,
        Guid id => Uuid(id),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        JsonNode node => node.DeepClone(),
        List<string> texts => new JsonArray(texts.Select(t => (JsonNode)t).ToArray()),
        List<byte[]> blobs => new JsonArray(blobs.Select(b => (JsonNode)Encoding.UTF8.GetString(b)).ToArray()),
        string text => text,
        bool flag => flag,
        int number => number,
        long number => number,
        double number => number,
        _ => throw new ArgumentException($"No JSON form for {value.GetType().Name}."),
    };

    public static string Uuid(Guid id) => id.ToString("D");

    /// <summary>A link row of one of the relations read together: the relation's index, its owner and its target.</summary>
    sealed class RelatedPair
    {
        public int Relation { get; init; }
        public Guid? Owner { get; init; }
        public Guid Target { get; init; }
    }

    /// <summary>
    /// The related ids of every relation of the owners, keyed by (relation index, owner): one
    /// UNION ALL query for all of them, so a row with six relations costs one round trip, not six.
    /// </summary>
    async Task<Dictionary<(int, Guid), List<Guid>>> RelatedIds(Type owner, List<Relation> relations, List<Guid?> owners)
    {
        if (relations.Count == 0) return [];
        var byOwner = new Dictionary<(int, Guid), List<Guid>>();
        await foreach (var pair in PairsQuery(owner, relations)(db, owners))
        {
            if (!byOwner.TryGetValue((pair.Relation, pair.Owner!.Value), out var targets))
                byOwner[(pair.Relation, pair.Owner!.Value)] = targets = [];
            targets.Add(pair.Target);
        }
        return byOwner;
    }

    /// <summary>
    /// The UNION ALL query of each owner type, built and compiled once: built per call, EF Core
    /// walked and hashed its six-part expression on every read (a third of a project read's CPU).
    /// </summary>
    static readonly ConcurrentDictionary<Type, Func<SlateDb, List<Guid?>, IAsyncEnumerable<RelatedPair>>> PairsQueries = new();

    static readonly MethodInfo PairsOfMethod = typeof(ZouSerializer).GetMethod(nameof(PairsOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    static Func<SlateDb, List<Guid?>, IAsyncEnumerable<RelatedPair>> PairsQuery(Type owner, List<Relation> relations) =>
        PairsQueries.GetOrAdd(owner, _ =>
        {
            var db = Expression.Parameter(typeof(SlateDb), "db");
            var owners = Expression.Parameter(typeof(List<Guid?>), "owners");
            Expression? union = null;
            for (var index = 0; index < relations.Count; index++)
            {
                var part = (LambdaExpression)PairsOfMethod.MakeGenericMethod(relations[index].Link)
                    .Invoke(null, [index, relations[index].OwnerProperty, relations[index].TargetProperty])!;
                var body = new ParameterSwap(part.Parameters[0], db, part.Parameters[1], owners).Visit(part.Body);
                union = union is null ? body : Expression.Call(typeof(Queryable), nameof(Queryable.Concat), [typeof(RelatedPair)], union, body);
            }
            return EF.CompileAsyncQuery(Expression.Lambda<Func<SlateDb, List<Guid?>, IQueryable<RelatedPair>>>(union!, db, owners));
        });

    /// <summary>One relation's link rows; the relation's index and property names go in as constants.</summary>
    static Expression<Func<SlateDb, List<Guid?>, IQueryable<RelatedPair>>> PairsOf<TLink>(int index, string ownerProperty, string targetProperty)
        where TLink : class
    {
        Expression<Func<SlateDb, List<Guid?>, IQueryable<RelatedPair>>> query = (db, owners) => db.Set<TLink>().AsNoTracking()
            .Where(link => owners.Contains(EF.Property<Guid?>(link, ownerProperty)))
            .Select(link => new RelatedPair
            {
                Relation = index,
                Owner = EF.Property<Guid?>(link, ownerProperty),
                Target = EF.Property<Guid>(link, targetProperty),
            });
        return (Expression<Func<SlateDb, List<Guid?>, IQueryable<RelatedPair>>>)new ParameterSwap().Visit(query);
    }

    /// <summary>
    /// Puts the union's shared parameters in place of each part's own, and the values a part
    /// captured (index, property names) as constants: a compiled query takes only its parameters.
    /// </summary>
    sealed class ParameterSwap(params ParameterExpression[] pairs) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < pairs.Length; i += 2)
                if (pairs[i] == node) return pairs[i + 1];
            return node;
        }

        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression closure, Member: FieldInfo field }
                ? Expression.Constant(field.GetValue(closure.Value), node.Type)
                : base.VisitMember(node);
    }

    delegate Task<Dictionary<Guid, JsonObject>> NestedRowsOfTarget(ZouSerializer serializer, List<Guid> ids);

    /// <summary>The typed reader of each nested model, made once per model like <see cref="PairsQueries"/>.</summary>
    static readonly ConcurrentDictionary<Type, NestedRowsOfTarget> NestedReaders = new();

    Task<Dictionary<Guid, JsonObject>> NestedRows(Type target, List<Guid> ids) =>
        NestedReaders.GetOrAdd(target, t =>
            typeof(ZouSerializer).GetMethod(nameof(NestedRowsOf), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(t).CreateDelegate<NestedRowsOfTarget>())(this, ids);

    async Task<Dictionary<Guid, JsonObject>> NestedRowsOf<TTarget>(List<Guid> ids) where TTarget : Model
    {
        if (ids.Count == 0) return [];
        var rows = await db.Set<TTarget>().AsNoTracking().Where(row => ids.Contains(row.Id)).ToListAsync();
        return rows.ToDictionary(row => row.Id, row => Columns(row));
    }
}
