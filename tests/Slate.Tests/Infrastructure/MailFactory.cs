using System.Text.RegularExpressions;
using MimeKit;
using netDumbster.smtp;

namespace Slate.Tests.Infrastructure;

/// <summary>
/// A server whose e-mails go to an in-process SMTP sink (netDumbster) on a free port, with Kitsu's
/// public address set, so tests read what was sent and the tokens links carry.
/// </summary>
public partial class MailFactory : SlateFactory, IAsyncLifetime
{
    public const string Domain = "kitsu.test";
    public const string Sender = "bot@studio.test";

    readonly SimpleSmtpServer smtp = SimpleSmtpServer.Start();

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["MAIL_SERVER"] = "127.0.0.1",
        ["MAIL_PORT"] = smtp.Configuration.Port.ToString(),
        ["MAIL_DEFAULT_SENDER"] = Sender,
        ["DOMAIN_NAME"] = Domain,
        ["DOMAIN_PROTOCOL"] = "https",
    };

    /// <summary>The messages received so far for that address.</summary>
    public List<MimeMessage> MailsTo(string email) =>
    [
        .. smtp.ReceivedEmail.Select(received => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data))))
            .Where(message => message.To.Mailboxes.Any(box => string.Equals(box.Address, email, StringComparison.OrdinalIgnoreCase))),
    ];

    /// <summary>
    /// The <paramref name="count"/>-th message for that address (mail leaves in the background),
    /// after checking for a moment that no other one follows it.
    /// </summary>
    public async Task<MimeMessage> MailAsync(string email, int count = 1)
    {
        for (var waited = 0; MailsTo(email).Count < count; waited += 50)
        {
            Assert.True(waited < 15_000, $"no e-mail #{count} to {email}");
            await Task.Delay(50);
        }
        await Task.Delay(300);
        var mails = MailsTo(email);
        Assert.Equal(count, mails.Count);
        return mails[^1];
    }

    /// <summary>Waits long enough for a queued message to have arrived, then checks none did.</summary>
    public async Task AssertNoMailAsync(string email)
    {
        await Task.Delay(800);
        Assert.Empty(MailsTo(email));
    }

    /// <summary>The reset token a message's link carries.</summary>
    public static string TokenOf(MimeMessage message) =>
        TokenInLink().Match(message.TextBody ?? "").Groups[1].Value is { Length: 64 } token ? token : throw new Xunit.Sdk.XunitException("no token in " + message.TextBody);

    [GeneratedRegex("token=([A-Z0-9]{64})")]
    private static partial Regex TokenInLink();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        smtp.Stop();
    }
}
