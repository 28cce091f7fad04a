using System.Text.Json.Nodes;
using Slate.Data;
using Slate.Domain;

namespace Slate.Api.Crud;

/// <summary>
/// One /data/&lt;collection&gt; of Zou's generic CRUD: the model it serves and its rules. The
/// defaults are Zou's: every action is for admins only; a collection overrides the checks and
/// hooks it needs (behavior-platform.md §2.8, §2.10, §2.11).
/// </summary>
public abstract class CrudCollection<T> where T : class
{
    /// <summary>The model's table, as used in event names ("task_type" → "task-type:new").</summary>
    public string Table { get; } = typeof(T).GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.Schema.TableAttribute), false)
        .Cast<System.ComponentModel.DataAnnotations.Schema.TableAttribute>().Single().Name;

    static readonly System.Reflection.PropertyInfo? ProjectIdProperty = typeof(T).GetProperty("ProjectId");

    protected static Task AdminOnly(CrudContext c)
    {
        c.Permissions.CheckAdmin();
        return Task.CompletedTask;
    }

    public virtual Task CheckListAsync(CrudContext c) => AdminOnly(c);

    /// <summary>Narrows a list to the rows the caller may see.</summary>
    public virtual Task<IQueryable<T>> NarrowListAsync(IQueryable<T> rows, CrudContext c) => Task.FromResult(rows);

    public virtual Task CheckReadAsync(T row, CrudContext c) => AdminOnly(c);
    public virtual Task CheckCreateAsync(JsonObject body, CrudContext c) => AdminOnly(c);
    public virtual Task CheckUpdateAsync(T row, JsonObject body, CrudContext c) => AdminOnly(c);
    public virtual Task CheckDeleteAsync(T row, CrudContext c) => AdminOnly(c);

    /// <summary>Whether a list may be filtered on this column; refused filters answer 400.</summary>
    public virtual bool MayFilterOn(string column, CrudContext c) => true;

    /// <summary>A filter that is not a column (e.g. tasks' episode_id); null when the key is not one.</summary>
    public virtual IQueryable<T>? ExtraFilter(IQueryable<T> rows, string key, string value, CrudContext c) => null;

    /// <summary>Body keys a PUT silently ignores, besides id, timestamps and project_id.</summary>
    public virtual IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string>();

    /// <summary>Cleans or completes a create body before it is written onto the new row (Zou's update_data), e.g. defaults for required columns (tasks' name "main").</summary>
    public virtual Task PrepareCreateAsync(JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>Validations and defaults before the new row is saved (same unit of work).</summary>
    public virtual Task BeforeCreateAsync(T row, JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>Validations and side effects before an update is saved; <paramref name="body"/> may be edited.</summary>
    public virtual Task BeforeUpdateAsync(T row, JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>Side effects that need the updated row (Zou's post_update), before the single save.</summary>
    public virtual Task AfterUpdateAsync(T row, CrudContext c) => Task.CompletedTask;

    /// <summary>A list asked for without pagination (Zou caps the events list).</summary>
    public virtual IQueryable<T> Unpaginated(IQueryable<T> rows) => rows;

    /// <summary>
    /// Removes the row with its link-table rows, as Zou's ORM does for many-to-many relations (and
    /// what else goes with it when forced); saved by the caller.
    /// </summary>
    public virtual async Task DeleteAsync(T row, bool force, CrudContext c)
    {
        await RowBinder.RemoveLinksAsync<T>(((Model)(object)row).Id, c.Db);
        c.Db.Remove(row);
    }

    /// <summary>The rows as this caller receives them (e.g. persons without private fields).</summary>
    public virtual Task<List<JsonObject>> PresentAsync(IReadOnlyList<T> rows, List<JsonObject> json, CrudContext c) =>
        Task.FromResult(json);

    /// <summary>What a single-row GET adds to the row (Zou's clean_get_result, e.g. a comment's author).</summary>
    public virtual Task<JsonObject> PresentOneAsync(T row, JsonObject json, CrudContext c) => Task.FromResult(json);

    /// <summary>Zou's event prefix: the table name with hyphens.</summary>
    public virtual string EventName(T row) => Table.Replace('_', '-');

    public virtual Guid? ProjectOf(T row) => ProjectIdProperty?.GetValue(row) as Guid?;

    /// <summary>
    /// The project events name, when it is reached through a parent (a comment's task, an output
    /// file's entity); defaults to <see cref="ProjectOf"/>.
    /// </summary>
    public virtual Task<Guid?> ProjectOfAsync(T row, CrudContext c) => Task.FromResult(ProjectOf(row));

    /// <summary>The id the event payload names the row by.</summary>
    public virtual JsonObject EventData(T row) =>
        new() { [$"{EventName(row).Replace('-', '_')}_id"] = ZouSerializer.Uuid(((Model)(object)row).Id) };
}
