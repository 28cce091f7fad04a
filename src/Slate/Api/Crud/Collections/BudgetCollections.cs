using Slate.Domain;

namespace Slate.Api.Crud.Collections;

/// <summary>
/// Production budgets, admins only as in Zou's CRUD (managers use the per-project budget routes,
/// which check the budget belongs to their project). The revision names the quote: a PUT keeps it.
/// </summary>
public sealed class BudgetCollection : CrudCollection<Budget>
{
    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "revision" };
}

/// <summary>Budget entries, admins only; an entry stays in its budget (budget_id kept on PUT).</summary>
public sealed class BudgetEntryCollection : CrudCollection<BudgetEntry>
{
    public override IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string> { "budget_id" };
}
