using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Slate.Data;
using Slate.Domain;

namespace Slate.Mail;

/// <summary>
/// The account e-mails Slate writes (Zou's purposes: an invitation, a password recovery link, a
/// changed password, a second factor turned off by an admin), in English, each as HTML and plain
/// text, signed with the organisation's name. Call them once the change is committed.
/// </summary>
public sealed class MailMessages(SlateDb db, Mailer mailer)
{
    public async Task InvitationAsync(Person person, string link)
    {
        var studio = await StudioNameAsync();
        Send(person, $"{studio}: you are invited to Kitsu", "Welcome to Kitsu",
            [$"Hello {person.FirstName},", $"{studio} invites you to work together on Kitsu.",
             $"Your login is {person.Email}. Choose your password with the button below; the link works once and for 7 days."],
            ("Choose my password", link));
    }

    public async Task PasswordRecoveryAsync(Person person, string link, string? fromAddress)
    {
        var studio = await StudioNameAsync();
        Send(person, $"{studio}: reset your Kitsu password", "Password recovery",
            [$"Hello {person.FirstName},",
             $"Someone asked {When(person)}{From(fromAddress)} to reset the password of your Kitsu account.",
             "To choose a new password, follow the link below; it works once and for 2 hours.",
             "If you did not ask for it, ignore this message: your password stays as it is."],
            ("Reset my password", link));
    }

    public async Task PasswordChangedAsync(Person person, string? fromAddress)
    {
        var studio = await StudioNameAsync();
        Send(person, $"{studio}: your Kitsu password was changed", "Password changed",
            [$"Hello {person.FirstName},", $"The password of your Kitsu account was changed {When(person)}{From(fromAddress)}.",
             "If you did not do it, tell your studio's administrator right away."], null);
    }

    public async Task PasswordChangedByAdminAsync(Person person)
    {
        var studio = await StudioNameAsync();
        Send(person, $"{studio}: an administrator changed your Kitsu password", "Password changed by an administrator",
            [$"Hello {person.FirstName},", $"An administrator of {studio} set a new password for your Kitsu account {When(person)}.",
             "Ask them for it, or use \"Forgot password\" on the login page. Your open sessions were closed."], null);
    }

    public async Task TwoFactorDisabledByAdminAsync(Person person)
    {
        var studio = await StudioNameAsync();
        Send(person, $"{studio}: two-factor authentication turned off", "Two-factor authentication turned off",
            [$"Hello {person.FirstName},",
             $"An administrator of {studio} turned off the two-factor authentication of your Kitsu account {When(person)}.",
             "You log in with your password alone until you set it up again in your profile."], null);
    }

    void Send(Person person, string subject, string title, string[] paragraphs, (string Label, string Url)? button)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family: sans-serif; color: #333; max-width: 600px;\">")
            .Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2>");
        foreach (var paragraph in paragraphs) html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        var text = new StringBuilder().Append(title).Append("\n\n");
        foreach (var paragraph in paragraphs) text.Append(paragraph).Append("\n\n");
        if (button is var (label, url))
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url))
                .Append("\" style=\"background: #00b242; color: #fff; padding: 10px 16px; border-radius: 4px; text-decoration: none;\">")
                .Append(WebUtility.HtmlEncode(label)).Append("</a></p>")
                .Append("<p style=\"font-size: small;\">").Append(WebUtility.HtmlEncode(url)).Append("</p>");
            text.Append(label).Append(": ").Append(url).Append('\n');
        }
        html.Append("</body></html>");
        mailer.Send(new MailMessage(person.Email!, subject, html.ToString(), text.ToString().TrimEnd() + "\n"));
    }

    /// <summary>Now, in the person's time zone.</summary>
    static string When(Person person)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(person.Timezone ?? "", out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(Clock.UtcNow(), DateTimeKind.Utc), zone);
        return $"on {local:yyyy-MM-dd} at {local:HH:mm} ({zone.Id})";
    }

    static string From(string? address) => address is null ? "" : $" from the address {address}";

    async Task<string> StudioNameAsync() =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => o.Name).FirstOrDefaultAsync() ?? "Kitsu";
}
