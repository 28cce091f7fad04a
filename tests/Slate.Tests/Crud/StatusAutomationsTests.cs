using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/status-automations: read by all but vendors, written by admins, kept while a project uses them.</summary>
public class StatusAutomationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task Admin_lists_filters_pages_creates_updates_and_deletes()
    {
        var admin = await factory.AdminClientAsync();
        var done = await factory.CreateTaskStatusAsync(s => s.IsDone = true);

        var created = await admin.PostAsJsonAsync("/api/data/status-automations",
            new { entity_type = "shot", in_task_status_id = done.Id, out_field_type = "ready_for", out_task_status_id = done.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var automation = await created.ReadJsonObjectAsync();
        Assert.Equal("ready_for", (string?)automation["out_field_type"]);
        Assert.False((bool)automation["import_last_revision"]!);
        var id = (string)automation["id"]!;

        var rows = (await (await admin.GetAsync($"/api/data/status-automations?in_task_status_id={done.Id}")).JsonAsync()).AsArray();
        Assert.Equal(id, (string?)Assert.Single(rows)!["id"]);
        var page = await (await admin.GetAsync($"/api/data/status-automations?in_task_status_id={done.Id}&page=1&limit=10")).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
        Assert.Equal("shot", (string?)(await (await admin.GetAsync($"/api/data/status-automations/{id}")).ReadJsonObjectAsync())["entity_type"]);
        var put = await admin.PutAsJsonAsync($"/api/data/status-automations/{id}", new { archived = true, out_field_type = "status" });
        Assert.True((bool)(await put.ReadJsonObjectAsync())["archived"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/status-automations/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_automation_a_project_uses_is_not_deleted()
    {
        var production = await factory.CreateProductionAsync();
        var admin = await factory.AdminClientAsync();
        var automation = await factory.Save(new StatusAutomation());
        await factory.Save(new ProjectStatusAutomationLink { ProjectId = production.ProjectId, StatusAutomationId = automation.Id });

        var response = await admin.DeleteAsync($"/api/data/status-automations/{automation.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"This automation is used in a project."}""", await response.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.StatusAutomations.AnyAsync(a => a.Id == automation.Id)));
        // The refusal comes after the permission check: nobody else learns the automation is in use.
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("manager"))).DeleteAsync($"/api/data/status-automations/{automation.Id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task The_field_set_must_be_status_or_ready_for()
    {
        var admin = await factory.AdminClientAsync();
        var before = await factory.WithDb(db => db.StatusAutomations.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/data/status-automations", new { out_field_type = "priority" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("out_field_type must be one of status, ready_for", (string?)(await response.ReadJsonObjectAsync())["message"]);
        Assert.Equal(before, await factory.WithDb(db => db.StatusAutomations.CountAsync()));
    }

    [Fact]
    public async Task Everyone_but_vendors_lists_and_only_admins_write()
    {
        var automation = await factory.Save(new StatusAutomation());
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));

        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync("/api/data/status-automations")).StatusCode);
        await (await (await factory.ClientForAsync(await factory.CreatePersonAsync("vendor"))).GetAsync("/api/data/status-automations"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.GetAsync($"/api/data/status-automations/{automation.Id}")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/status-automations/{automation.Id}", new { archived = true }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(db => db.StatusAutomations.Where(a => a.Id == automation.Id).Select(a => a.Archived == true).SingleAsync()));
    }
}
