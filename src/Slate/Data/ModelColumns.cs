using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Slate.Data;

/// <summary>A mapped column of a model: its Zou name, the .NET property and its constraints.</summary>
public sealed record ModelColumn(string Name, PropertyInfo Property, bool Nullable, int? MaxLength)
{
    /// <summary>The property type without Nullable&lt;&gt;.</summary>
    public Type ValueType => System.Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
}

/// <summary>The columns of each model, read once from the EF model, in declaration order (base columns last).</summary>
public static class ModelColumns
{
    static readonly ConcurrentDictionary<Type, IReadOnlyList<ModelColumn>> ByType = new();
    static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, ModelColumn>> ByName = new();

    public static IReadOnlyList<ModelColumn> Of(IModel model, Type type) => ByType.GetOrAdd(type, t =>
    {
        var entity = model.FindEntityType(t) ?? throw new ArgumentException($"{t.Name} is not a table of the model.");
        return t.GetProperties()
            .Select(p => (Property: p, Mapped: entity.FindProperty(p.Name)))
            .Where(p => p.Mapped is not null)
            .Select(p => (p.Property, Mapped: p.Mapped!))
            .Select(p => new ModelColumn(p.Mapped.GetColumnName(), p.Property, p.Mapped.IsNullable, p.Mapped.GetMaxLength()))
            .ToList();
    });

    public static IReadOnlyDictionary<string, ModelColumn> Named(IModel model, Type type) =>
        ByName.GetOrAdd(type, t => Of(model, t).ToDictionary(c => c.Name));
}
