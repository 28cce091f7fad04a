using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>
/// Whether other rows will still point at a row once this unit of work is saved, i.e. whether
/// the database would refuse to delete it. Counts the stored references, minus those the tracked
/// changes remove or move away, plus those they add. Keys that cascade are left out: their rows
/// go with it.
/// </summary>
public static class References
{
    public static async Task<bool> RemainAsync<T>(SlateDb db, T row) where T : Model
    {
        var keys = db.Model.GetEntityTypes()
            .SelectMany(entity => entity.GetForeignKeys())
            .Where(key => key.PrincipalEntityType.ClrType == typeof(T) && key.DeleteBehavior != DeleteBehavior.Cascade);
        foreach (var key in keys)
        {
            var remain = (Task<bool>)typeof(References).GetMethod(nameof(RemainThrough), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(key.DeclaringEntityType.ClrType)
                .Invoke(null, [db, key.Properties[0].Name, row.Id])!;
            if (await remain) return true;
        }
        return false;
    }

    static async Task<bool> RemainThrough<TReferrer>(SlateDb db, string property, Guid id) where TReferrer : class
    {
        var stored = await db.Set<TReferrer>().CountAsync(referrer => EF.Property<Guid?>(referrer, property) == id);
        var entries = db.ChangeTracker.Entries<TReferrer>().ToList();
        var leaving = entries.Count(e => e.State != EntityState.Added && Equals(e.OriginalValues[property], id)
            && (e.State == EntityState.Deleted || !Equals(e.CurrentValues[property], id)));
        var arriving = entries.Count(e => e.State == EntityState.Added && Equals(e.CurrentValues[property], id));
        return stored - leaving + arriving > 0;
    }
}
