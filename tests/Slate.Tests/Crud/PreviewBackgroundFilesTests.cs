using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud;

/// <summary>/data/preview-background-files: reference data with unique names and a single default.</summary>
public class PreviewBackgroundFilesTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string NameTaken = "A preview background file with similar name already exists";

    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("Studio light ");

        var created = await admin.PostAsJsonAsync("/api/data/preview-background-files", new { name, is_default = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var background = await created.ReadJsonObjectAsync();
        Assert.Equal(0, (int)background["file_size"]!);
        var id = (string)background["id"]!;

        Assert.Single((await (await admin.GetAsync($"/api/data/preview-background-files?name={Uri.EscapeDataString(name)}")).JsonAsync()).AsArray());
        var page = await (await admin.GetAsync("/api/data/preview-background-files?page=1&limit=1")).ReadJsonObjectAsync();
        Assert.Single(page["data"]!.AsArray());
        var put = await admin.PutAsJsonAsync($"/api/data/preview-background-files/{id}", new { archived = true });
        Assert.True((bool)(await put.ReadJsonObjectAsync())["archived"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/preview-background-files/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/data/preview-background-files/{id}")).StatusCode);
    }

    [Fact]
    public async Task Marking_one_as_default_clears_the_previous_default()
    {
        var admin = await factory.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/data/preview-background-files", new { name = Unique("Sky "), is_default = true });
        var second = (string)(await (await admin.PostAsJsonAsync("/api/data/preview-background-files", new { name = Unique("Grey "), is_default = true })).ReadJsonObjectAsync())["id"]!;
        var third = (string)(await (await admin.PostAsJsonAsync("/api/data/preview-background-files", new { name = Unique("Night ") })).ReadJsonObjectAsync())["id"]!;

        Assert.Equal([Guid.Parse(second)], await Defaults());
        await admin.PutAsJsonAsync($"/api/data/preview-background-files/{third}", new { is_default = true });
        Assert.Equal([Guid.Parse(third)], await Defaults());
    }

    Task<List<Guid>> Defaults() => factory.WithDb(db => db.PreviewBackgroundFiles.Where(p => p.IsDefault == true).Select(p => p.Id).ToListAsync());

    [Fact]
    public async Task Names_are_unique()
    {
        var admin = await factory.AdminClientAsync();
        var name = Unique("Studio ");
        await factory.Save(new PreviewBackgroundFile { Name = name });
        var other = await factory.Save(new PreviewBackgroundFile { Name = Unique("Other ") });

        var created = await admin.PostAsJsonAsync("/api/data/preview-background-files", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(NameTaken, (string?)(await created.ReadJsonObjectAsync())["message"]);
        var renamed = await admin.PutAsJsonAsync($"/api/data/preview-background-files/{other.Id}", new { name });
        Assert.Equal(NameTaken, (string?)(await renamed.ReadJsonObjectAsync())["message"]);
        Assert.Equal(1, await factory.WithDb(db => db.PreviewBackgroundFiles.CountAsync(p => p.Name == name)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data/preview-background-files/{other.Id}", new { name = other.Name })).StatusCode);
    }

    [Fact]
    public async Task Everyone_reads_and_only_admins_write()
    {
        var background = await factory.Save(new PreviewBackgroundFile { Name = Unique("Read ") });
        var vendor = await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"));

        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync("/api/data/preview-background-files")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vendor.GetAsync($"/api/data/preview-background-files/{background.Id}")).StatusCode);
        await (await vendor.PutAsJsonAsync($"/api/data/preview-background-files/{background.Id}", new { is_default = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await vendor.DeleteAsync($"/api/data/preview-background-files/{background.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.PreviewBackgroundFiles.Where(p => p.Id == background.Id).Select(p => p.IsDefault == true).SingleAsync()));
    }
}
