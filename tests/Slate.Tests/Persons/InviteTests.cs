using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slate.Domain;
using Slate.Tests.Infrastructure;

namespace Slate.Tests.Persons;

/// <summary>GET /actions/persons/{id}/invite: one e-mail whose link lets the person choose a password.</summary>
public class InviteTests(MailFactory factory) : IClassFixture<MailFactory>
{
    static readonly JsonObject EmailSent = new() { ["success"] = true, ["message"] = "Email sent" };

    [Fact]
    public async Task An_invitation_mail_lets_the_person_set_a_password_and_log_in()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var newcomer = await factory.CreatePersonAsync(configure: p => p.Password = null);

        var response = await admin.GetAsync($"/api/actions/persons/{newcomer.Id}/invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(EmailSent, await response.JsonAsync());
        var mail = await factory.MailAsync(newcomer.Email!);
        Assert.Equal($"\"Kitsu Bot\" <{MailFactory.Sender}>", mail.From.ToString());
        Assert.Contains("invite", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var token = MailFactory.TokenOf(mail);
        Assert.Contains($"https://{MailFactory.Domain}/reset-change-password?email={Uri.EscapeDataString(newcomer.Email!)}&token={token}&type=new",
            mail.TextBody);
        Assert.Contains(token, mail.HtmlBody);
        var stored = await factory.WithDb(db => db.ResetTokens.AsNoTracking().SingleAsync(t => t.PersonId == newcomer.Id));
        Assert.InRange(stored.ExpiresAt, DateTime.UtcNow.AddDays(7).AddMinutes(-5), DateTime.UtcNow.AddDays(7).AddMinutes(5));

        var reset = await factory.CreateClient().PutAsJsonAsync("/api/auth/reset-password",
            new { email = newcomer.Email, token, password = "my-first-password", password2 = "my-first-password" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var login = await factory.CreateClient().LoginAsync(newcomer.Email!, "my-first-password");
        Assert.Equal(newcomer.Id.ToString(), (string?)login["user"]!["id"]);
    }

    [Fact]
    public async Task Only_admins_invite_and_only_people()
    {
        var target = await factory.CreatePersonAsync();
        var bot = await factory.CreatePersonAsync(configure: p => p.IsBot = true);
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));

        foreach (var role in new[] { "manager", "supervisor", "user", "vendor", "client" })
        {
            var caller = await factory.ClientForAsync(await factory.CreatePersonAsync(role));
            await (await caller.GetAsync($"/api/actions/persons/{target.Id}/invite")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
            await (await caller.GetAsync($"/api/actions/persons/{Guid.NewGuid()}/invite")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        }
        await (await admin.GetAsync($"/api/actions/persons/{bot.Id}/invite")).AssertZouErrorAsync(HttpStatusCode.Forbidden, ZouMessages.Forbidden);
        await (await admin.GetAsync($"/api/actions/persons/{Guid.NewGuid()}/invite")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);
        await (await admin.GetAsync("/api/actions/persons/not-an-id/invite")).AssertZouErrorAsync(HttpStatusCode.NotFound, ZouMessages.NotFound);

        await factory.AssertNoMailAsync(target.Email!);
        Assert.False(await factory.WithDb(db => db.ResetTokens.AnyAsync(t => t.PersonId == target.Id || t.PersonId == bot.Id)));
    }
}

/// <summary>A studio without a mail server: invitations still answer, their message goes to the log.</summary>
public class InviteWithoutMailTests(SlateFactory factory) : IClassFixture<SlateFactory>
{
    [Fact]
    public async Task An_invitation_answers_and_the_server_keeps_going()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var newcomer = await factory.CreatePersonAsync();

        var response = await admin.GetAsync($"/api/actions/persons/{newcomer.Id}/invite");
        var again = await admin.GetAsync($"/api/actions/persons/{newcomer.Id}/invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["message"] = "Email sent" }, await again.JsonAsync());
        Assert.Equal(1, await factory.WithDb(db => db.ResetTokens.CountAsync(t => t.PersonId == newcomer.Id)));
        var password = await admin.PostAsJsonAsync($"/api/actions/persons/{newcomer.Id}/change-password",
            new { password = "set-by-the-admin", password_2 = "set-by-the-admin" });
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/authenticated")).StatusCode);
        await factory.CreateClient().LoginAsync(newcomer.Email!, "set-by-the-admin");
    }
}

/// <summary>A mail server that refuses connections (a port nobody listens on).</summary>
public class BrokenMailFactory : SlateFactory
{
    static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = ClosedPort().ToString(),
    };
}

/// <summary>A failed delivery is logged; the request answers as if it went out, as Zou's does.</summary>
public class InviteWithBrokenMailTests(BrokenMailFactory factory) : IClassFixture<BrokenMailFactory>
{
    [Fact]
    public async Task Invitations_answer_and_keep_working_when_the_mail_server_is_down()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var first = await factory.CreatePersonAsync();
        var second = await factory.CreatePersonAsync();

        var response = await admin.GetAsync($"/api/actions/persons/{first.Id}/invite");
        await Task.Delay(500);
        var next = await admin.GetAsync($"/api/actions/persons/{second.Id}/invite");

        Responses.AssertJsonEqual(new JsonObject { ["success"] = true, ["message"] = "Email sent" }, await response.JsonAsync());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/authenticated")).StatusCode);
    }
}

/// <summary>MAIL_ENABLED off, with a mail sink that must stay empty and the server's log kept.</summary>
public class MailDisabledFactory : MailFactory
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["MAIL_ENABLED"] = "false",
    };

    protected override bool KeepsLog => true;
}

/// <summary>With MAIL_ENABLED off nothing is sent: the message, link included, goes to the log.</summary>
public class InviteWithMailDisabledTests(MailDisabledFactory factory) : IClassFixture<MailDisabledFactory>
{
    [Fact]
    public async Task The_invitation_is_logged_instead_of_sent()
    {
        var admin = await factory.ClientForAsync(await factory.CreatePersonAsync("admin"));
        var newcomer = await factory.CreatePersonAsync();

        var response = await admin.GetAsync($"/api/actions/persons/{newcomer.Id}/invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await factory.AssertNoMailAsync(newcomer.Email!);
        var logged = Assert.Single(factory.Log, line => line.Contains(newcomer.Email!) && line.Contains("not sent"));
        Assert.Matches($"reset-change-password\\?email=.*&token=[A-Z0-9]{{64}}&type=new", logged);
    }
}
