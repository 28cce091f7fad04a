namespace Slate.Tests.Infrastructure;

/// <summary>One row of the reference's models.tsv: a column (or relation) of one of Zou's tables.</summary>
public sealed record ReferenceColumn(
    string Table, string ModelClass, string Column, string Type, bool Nullable,
    string Default, string ForeignKey, string UniqueOrIndex, string Notes)
{
    public bool IsRelation => Type.StartsWith("relation") || Type.StartsWith("hybrid_property");
}

/// <summary>Zou's schema as the reference describes it (Fixtures/models.tsv, copied from shared/reference).</summary>
public static class ReferenceModels
{
    public static readonly IReadOnlyList<ReferenceColumn> All = File
        .ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "models.tsv"))
        .Skip(1)
        .Select(line => line.Split('\t'))
        .Select(f => new ReferenceColumn(f[0], f[1], f[2], f[3], f[4] == "yes", f[5], f[6], f[7], f[8]))
        .ToList();

    public static IEnumerable<string> Tables => All.Select(c => c.Table).Distinct();

    /// <summary>The real columns of a table (relations and computed attributes left out), once each.</summary>
    public static IReadOnlyList<ReferenceColumn> ColumnsOf(string table) =>
        All.Where(c => c.Table == table && !c.IsRelation).DistinctBy(c => c.Column).ToList();
}
