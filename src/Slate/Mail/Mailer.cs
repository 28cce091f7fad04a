using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Slate.Mail;

/// <summary>An e-mail to one address: its subject, HTML body and plain-text part.</summary>
public sealed record MailMessage(string To, string Subject, string Html, string Text);

/// <summary>
/// Sends e-mails over SMTP as Zou's settings describe (MAIL_SERVER, MAIL_PORT, MAIL_USERNAME,
/// MAIL_PASSWORD, MAIL_USE_TLS, MAIL_USE_SSL), from "Kitsu Bot &lt;MAIL_DEFAULT_SENDER&gt;".
/// Requests only queue their messages (after their changes are committed): a slow or broken
/// mail server never delays or fails a request, and an answer takes as long whether a message
/// went out or not. Without a mail server (or with MAIL_ENABLED off) each message is logged
/// instead; a failed delivery is logged and dropped, as Zou does.
/// </summary>
public sealed class Mailer(Settings settings, ILogger<Mailer> logger) : BackgroundService
{
    const int TimeoutMilliseconds = 30_000;

    readonly Channel<MailMessage> queue = Channel.CreateUnbounded<MailMessage>(new UnboundedChannelOptions { SingleReader = true });

    bool Configured => settings.MailEnabled && settings.MailServer.Length > 0;

    public void Send(MailMessage message) => queue.Writer.TryWrite(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (!Configured)
            {
                logger.LogInformation("E-mail not sent (no mail server configured) to {To}: {Subject}\n{Text}",
                    message.To, message.Subject, message.Text);
                continue;
            }
            try
            {
                await DeliverAsync(message, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Failed to send the e-mail to {To} ({Subject})", message.To, message.Subject);
            }
        }
    }

    async Task DeliverAsync(MailMessage message, CancellationToken ct)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress("Kitsu Bot", settings.MailDefaultSender));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        var security = settings.MailUseSsl ? SecureSocketOptions.SslOnConnect
            : settings.MailUseTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        await client.ConnectAsync(settings.MailServer, settings.MailPort, security, ct);
        if (settings.MailUsername.Length > 0) await client.AuthenticateAsync(settings.MailUsername, settings.MailPassword, ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}
