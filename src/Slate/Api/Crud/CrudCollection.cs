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

    /// <summary>Work a list needs once it is allowed, before it is read (rows Zou creates on first read).</summary>
    public virtual Task BeforeListAsync(CrudContext c) => Task.CompletedTask;

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

    /// <summary>Body keys a POST silently ignores, besides id and timestamps (values only other routes may set).</summary>
    public virtual IReadOnlySet<string> ProtectedOnCreate { get; } = new HashSet<string>();

    /// <summary>Body keys a PUT silently ignores, besides id, timestamps and project_id.</summary>
    public virtual IReadOnlySet<string> ProtectedOnUpdate { get; } = new HashSet<string>();

    /// <summary>
    /// Body keys that are not columns but that the collection's hooks read (Zou's update_data pops
    /// them, e.g. a project's project_template_id): never bound to the row, never refused.
    /// </summary>
    public virtual IReadOnlySet<string> NotColumns { get; } = new HashSet<string>();

    /// <summary>
    /// Validations and body changes before a POST body is bound to the new row (Zou's
    /// check_creation_integrity), e.g. a default for a null value of a required column.
    /// </summary>
    public virtual Task PrepareCreateAsync(JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>Validations and defaults before the new row is saved (same unit of work).</summary>
    public virtual Task BeforeCreateAsync(T row, JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>Validations and side effects before an update is saved; <paramref name="body"/> may be edited.</summary>
    public virtual Task BeforeUpdateAsync(T row, JsonObject body, CrudContext c) => Task.CompletedTask;

    /// <summary>
    /// On create and update (<see cref="CrudContext.Action"/> says which), once the body is on the
    /// row and before the single save: checks and side effects that need the row's new values
    /// (derived totals, dependent rows; Zou's post_create / post_update).
    /// </summary>
    public virtual Task BeforeSaveAsync(T row, CrudContext c) => Task.CompletedTask;

    /// <summary>A list asked for without pagination (Zou caps the events list).</summary>
    public virtual IQueryable<T> Unpaginated(IQueryable<T> rows) => rows;

    /// <summary>
    /// Removes the row (and what goes with it when forced); saved by the caller, in the same
    /// transaction as any bulk statement run here. The row's link-table rows (a project's team,
    /// a descriptor's departments...) go with it, as SQLAlchemy removes secondary rows in Zou.
    /// </summary>
    public virtual async Task DeleteAsync(T row, bool force, CrudContext c)
    {
        await RowBinder.DeleteLinksAsync(((Model)(object)row).Id, typeof(T), c.Db);
        c.Db.Remove(row);
    }

    /// <summary>The rows as this caller receives them (e.g. persons without private fields).</summary>
    public virtual Task<List<JsonObject>> PresentAsync(IReadOnlyList<T> rows, List<JsonObject> json, CrudContext c) =>
        Task.FromResult(json);

    /// <summary>
    /// The answer naming one row, once saved: GET one (<paramref name="relations"/> unless
    /// ?relations=false), POST (with relations) and PUT (without), as Zou's serialize_instance,
    /// post_creation and serialize_update_response; a collection adds keys or changes what is
    /// included.
    /// </summary>
    public virtual Task<JsonObject> AnswerOneAsync(T row, OneAnswer answer, bool relations, CrudContext c) =>
        SerializeOneAsync(row, relations, c);

    /// <summary>The row serialized and presented to this caller.</summary>
    protected async Task<JsonObject> SerializeOneAsync(T row, bool relations, CrudContext c) =>
        (await PresentAsync([row], await c.Serializer.ObjectsAsync([row], relations), c))[0];

    /// <summary>Whether a list asked with no query string at all carries the relations (Zou: only metadata descriptors).</summary>
    public virtual bool RelationsWithoutQuery => false;

    /// <summary>Records the change's event (<paramref name="verb"/>: new, update, delete) in the unit of work.</summary>
    public virtual async Task EmitAsync(T row, string verb, CrudContext c) =>
        c.Events.Emit($"{EventName(row)}:{verb}", EventData(row), await ProjectOfAsync(row, c));

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

/// <summary>Which route answers with one row (<see cref="CrudCollection{T}.AnswerOneAsync"/>).</summary>
public enum OneAnswer
{
    Read,
    Created,
    Updated,
}
