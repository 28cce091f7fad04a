using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;
using static Slate.Tests.Crud.ProductionData;

namespace Slate.Tests.Crud.Structure;

/// <summary>/data/metadata-descriptors: listed by non-vendors within their open projects, otherwise admins only.</summary>
public class MetadataDescriptorsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    async Task<HttpClient> Admin() => await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

    Task<MetadataDescriptor> CreateDescriptor(Project project, params Department[] departments) => factory.WithDb(async db =>
    {
        var name = Unique("Column");
        var descriptor = new MetadataDescriptor { ProjectId = project.Id, EntityType = "Asset", Name = name, FieldName = name.ToLowerInvariant(), DataType = "string" };
        db.MetadataDescriptors.Add(descriptor);
        db.DepartmentMetadataDescriptorLinks.AddRange(departments.Select(d => new DepartmentMetadataDescriptorLink { MetadataDescriptorId = descriptor.Id, DepartmentId = d.Id }));
        await db.SaveChangesAsync();
        return descriptor;
    });

    [Fact]
    public async Task Admin_creates_reads_updates_lists_and_deletes()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();
        var department = await factory.CreateDepartmentAsync();

        var post = await admin.PostAsJsonAsync("/api/data/metadata-descriptors", new
        {
            name = "Descriptor test", field_name = "descriptor_test", data_type = "list", entity_type = "Asset", project_id = project.Id,
            choices = new[] { "low", "high" }, departments = new[] { department.Id },
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var created = await post.ReadJsonObjectAsync();
        Assert.Equal("MetadataDescriptor", (string?)created["type"]);
        Assert.Equal(department.Id.ToString(), (string?)Assert.Single(created["departments"]!.AsArray()));
        var id = Guid.Parse((string)created["id"]!);

        Responses.AssertJsonEqual(created, await (await admin.GetAsync($"/api/data/metadata-descriptors/{id}")).JsonAsync());
        var all = (await (await admin.GetAsync("/api/data/metadata-descriptors")).JsonAsync()).AsArray();
        Assert.True(all.Single(d => (string?)d!["id"] == id.ToString())!.AsObject().ContainsKey("departments"));
        var filtered = (await (await admin.GetAsync($"/api/data/metadata-descriptors?project_id={project.Id}")).JsonAsync()).AsArray();
        Assert.False(Assert.Single(filtered)!.AsObject().ContainsKey("departments"));
        var page = await (await admin.GetAsync($"/api/data/metadata-descriptors?project_id={project.Id}&page=1")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);

        var put = await admin.PutAsJsonAsync($"/api/data/metadata-descriptors/{id}", new { name = "Descriptor update", project_id = Guid.NewGuid() });
        Assert.Equal("Descriptor update", (string?)(await put.ReadJsonObjectAsync())["name"]);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/metadata-descriptors/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.DepartmentMetadataDescriptorLinks.AnyAsync(l => l.MetadataDescriptorId == id)));
        Assert.Equal(["metadata-descriptor:delete", "metadata-descriptor:new", "metadata-descriptor:update"],
            await factory.EventsAsync("metadata_descriptor_id", id));
    }

    [Fact]
    public async Task Data_type_must_be_known()
    {
        var admin = await Admin();
        var project = await factory.CreateProjectAsync();

        var post = await admin.PostAsJsonAsync("/api/data/metadata-descriptors", new
        {
            name = "Bad", field_name = "bad", data_type = "wrongdatatype", entity_type = "Asset", project_id = project.Id,
        });
        Assert.Equal("""{"error":true,"message":"Invalid data_type","data":null}""", await post.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.MetadataDescriptors.AnyAsync(d => d.ProjectId == project.Id)));

        var descriptor = await CreateDescriptor(project);
        var put = await admin.PutAsJsonAsync($"/api/data/metadata-descriptors/{descriptor.Id}", new { data_type = "wrongdatatype" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("Invalid data_type", (string?)(await put.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task Non_admins_list_their_open_projects_and_vendors_are_refused()
    {
        var artist = await factory.CreatePersonAsync();
        var vendor = await factory.CreatePersonAsync("vendor");
        var mine = await factory.CreateProjectAsync(artist, vendor);
        var visible = await CreateDescriptor(mine);
        await CreateDescriptor(await factory.CreateProjectAsync());
        var client = await factory.ClientForAsync(artist);

        var rows = (await (await client.GetAsync("/api/data/metadata-descriptors")).JsonAsync()).AsArray();
        Assert.Equal(visible.Id.ToString(), (string?)Assert.Single(rows)!["id"]);
        await (await (await factory.ClientForAsync(vendor)).GetAsync("/api/data/metadata-descriptors"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.GetAsync($"/api/data/metadata-descriptors/{visible.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Managers_are_refused_the_instance_routes()
    {
        var manager = await factory.CreatePersonAsync("manager");
        var project = await factory.CreateProjectAsync(manager);
        var descriptor = await CreateDescriptor(project);
        var client = await factory.ClientForAsync(manager);

        await (await client.PostAsJsonAsync("/api/data/metadata-descriptors", new { name = "M", field_name = "m", entity_type = "Asset", project_id = project.Id }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.PutAsJsonAsync($"/api/data/metadata-descriptors/{descriptor.Id}", new { name = "M" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await client.DeleteAsync($"/api/data/metadata-descriptors/{descriptor.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(descriptor.Name, await factory.WithDb(db => db.MetadataDescriptors.Where(d => d.Id == descriptor.Id).Select(d => d.Name).SingleAsync()));
    }
}
