using Microsoft.EntityFrameworkCore;
using Slate.Domain;

namespace Slate.Data;

/// <summary>The studio's single organisation row, created with Zou's defaults on first use.</summary>
public static class Organisations
{
    public static async Task<Organisation> GetOrCreateAsync(SlateDb db)
    {
        var organisation = await db.Organisations.OrderBy(o => o.CreatedAt).FirstOrDefaultAsync();
        if (organisation is not null) return organisation;
        organisation = new Organisation { Name = "Kitsu" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }
}
