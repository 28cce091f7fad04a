using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Crud;

/// <summary>
/// The CRUD checks of behavior-platform.md §7 (12, 23, 25) that Zou's own tests pin, in one place;
/// the collections' test classes cover them in more depth.
/// </summary>
public class ZouChecklistTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    [Fact]
    public async Task Check_12_the_login_cookie_alone_opens_data_routes()
    {
        var artist = await factory.CreatePersonAsync("user");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = artist.Email, password = TestData.Password }),
        };
        login.Headers.UserAgent.ParseAdd(Chrome);
        var cookie = (await client.SendAsync(login)).Headers.GetValues("Set-Cookie").First(c => c.StartsWith("access_token_cookie=")).Split(';')[0];

        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/data/persons");
        withCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/data/persons")).StatusCode);
    }

    [Theory]
    [InlineData("id=[\"broken", "Malformed list filter for field id.")]
    [InlineData("is_clients_isolated=notabool", "Invalid boolean value: notabool")]
    public async Task Check_23_malformed_project_filters_are_400(string query, string message)
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

        var response = await admin.GetAsync($"/api/data/projects?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string?)(await response.ReadJsonObjectAsync())["message"]);
    }

    [Fact]
    public async Task Check_25_managers_cannot_manage_people()
    {
        var admin = await factory.CreatePersonAsync("admin");
        var manager = await factory.ClientForAsync(await factory.CreatePersonAsync("manager"));

        await (await manager.PostAsJsonAsync("/api/data/persons", new { first_name = "New", last_name = "Hire", email = $"{Unique("hire")}@example.com" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/api/data/persons/{admin.Id}", new { first_name = "Renamed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.DeleteAsync($"/api/data/persons/{admin.Id}")).StatusCode);
        foreach (var path in new[] { "production-schedule-version-task-links", "budgets", "news" })
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/data/{path}")).StatusCode);
    }

    [Fact]
    public async Task Check_25_artists_cannot_create_or_change_projects()
    {
        var artist = await factory.ClientForAsync(await factory.CreatePersonAsync("user"));
        var project = await factory.WithDb(async db =>
        {
            var status = new ProjectStatus { Name = Unique("Open"), Color = "#000000" };
            var project = new Project { Name = Unique("Show"), ProjectStatusId = status.Id };
            db.AddRange(status, project);
            await db.SaveChangesAsync();
            return project;
        });

        await (await artist.PostAsJsonAsync("/api/data/projects", new { name = Unique("Mine") }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await artist.PutAsJsonAsync($"/api/data/projects/{project.Id}", new { description = "x" }))
            .AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
    }

    [Fact]
    public async Task Check_25_person_filters_on_secrets_and_salaries()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var artistPerson = await factory.CreatePersonAsync("user");
        var artist = await factory.ClientForAsync(artistPerson);

        var secret = await admin.GetAsync("/api/data/persons?totp_secret=x");
        Assert.Equal(HttpStatusCode.BadRequest, secret.StatusCode);
        Assert.Equal("Filtering on totp_secret is not allowed.", (string?)(await secret.ReadJsonObjectAsync())["message"]);
        var salary = await artist.GetAsync("/api/data/persons?daily_salary=320");
        Assert.Equal(HttpStatusCode.BadRequest, salary.StatusCode);
        Assert.Equal("Filtering on daily_salary is not allowed.", (string?)(await salary.ReadJsonObjectAsync())["message"]);

        var byEmail = (await (await artist.GetAsync($"/api/data/persons?email={Uri.EscapeDataString(artistPerson.Email!)}")).JsonAsync()).AsArray();
        Assert.Equal(artistPerson.Id.ToString(), (string?)Assert.Single(byEmail)!["id"]);
    }
}
