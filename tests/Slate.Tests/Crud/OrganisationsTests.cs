using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>/data/organisations: the studio's row, read by all without its chat tokens, changed by admins.</summary>
public class OrganisationsTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    static readonly string[] ChatTokens = ["chat_token_discord", "chat_token_slack", "chat_webhook_mattermost"];

    static readonly string[] AdminKeys =
    [
        "chat_token_discord", "chat_token_slack", "chat_webhook_mattermost", "created_at", "dark_theme_by_default",
        "format_duration_in_hours", "has_avatar", "hd_by_default", "hours_by_day", "id", "name", "timesheets_locked", "type",
        "updated_at", "use_original_file_name",
    ];

    async Task<HttpClient> ClientAs(string role) => await factory.ClientForAsync(await factory.CreatePersonAsync(role));

    async Task<JsonObject> Studio(HttpClient client) =>
        (await (await client.GetAsync("/api/data/organisations?name=Kitsu")).JsonAsync()).AsArray().Single()!.AsObject();

    [Fact]
    public async Task Everyone_reads_the_studio_row_and_only_admins_see_chat_tokens()
    {
        var artist = await ClientAs("user");
        var admin = await ClientAs("admin");

        var seen = await Studio(artist);
        Assert.Equal(AdminKeys.Except(ChatTokens), seen.Select(p => p.Key).Order());
        Assert.Equal(8, (double)seen["hours_by_day"]!);
        var one = await (await artist.GetAsync($"/api/data/organisations/{seen["id"]}")).ReadJsonObjectAsync();
        Assert.DoesNotContain(one, p => ChatTokens.Contains(p.Key));

        Assert.Equal(AdminKeys, (await Studio(admin)).Select(p => p.Key).Order());
        Assert.Equal(AdminKeys, (await (await admin.GetAsync($"/api/data/organisations/{seen["id"]}")).ReadJsonObjectAsync()).Select(p => p.Key).Order());
        Assert.Equal(1, await factory.WithDb(db => db.Organisations.CountAsync(o => o.Name == "Kitsu")));
    }

    [Fact]
    public async Task Only_admins_filter_on_chat_tokens()
    {
        var artist = await ClientAs("user");

        var refused = await artist.GetAsync("/api/data/organisations?chat_token_slack=xoxb");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Filtering on chat_token_slack is not allowed.", (string?)(await refused.ReadJsonObjectAsync())["message"]);
        var asAdmin = await (await ClientAs("admin")).GetAsync("/api/data/organisations?chat_token_slack=none-such&page=1");
        Assert.Equal(0, (int)(await asAdmin.ReadJsonObjectAsync())["total"]!);
        Assert.Equal(HttpStatusCode.OK, (await artist.GetAsync("/api/data/organisations?hd_by_default=false")).StatusCode);
    }

    [Fact]
    public async Task Admins_change_the_settings_and_others_cannot()
    {
        var admin = await ClientAs("admin");
        var id = (string)(await Studio(admin))["id"]!;

        var refused = await (await ClientAs("manager")).PutAsJsonAsync($"/api/data/organisations/{id}", new { timesheets_locked = true });
        await refused.AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.False(await factory.WithDb(async db => (await db.Organisations.SingleAsync(o => o.Name == "Kitsu")).TimesheetsLocked == true));

        var updated = await admin.PutAsJsonAsync($"/api/data/organisations/{id}", new { hours_by_day = "7.5", chat_token_slack = "xoxb-1" });

        var body = await updated.ReadJsonObjectAsync();
        Assert.Equal((7.5, "xoxb-1"), ((double)body["hours_by_day"]!, (string?)body["chat_token_slack"]));
        Assert.True(await factory.WithDb(db => db.ApiEvents.AnyAsync(e => e.Name == "organisation:update")));
    }

    [Fact]
    public async Task Admins_create_and_delete_organisations()
    {
        var admin = await ClientAs("admin");
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];

        await (await (await ClientAs("user")).PostAsJsonAsync("/api/data/organisations", new { name }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        var created = await admin.PostAsJsonAsync("/api/data/organisations", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.ReadJsonObjectAsync())["id"]!;

        await (await (await ClientAs("user")).DeleteAsync($"/api/data/organisations/{id}"))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/data/organisations/{id}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.Organisations.AnyAsync(o => o.Name == name)));
    }
}
