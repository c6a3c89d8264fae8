using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DanVan.Web.Features.Notifications;

/// <summary>
/// The mail server (section "Smtp"). E-mail is off unless <see cref="Host"/> and <see cref="From"/> are set.
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>The sender, "noreply@example.vn" or "DanVan &lt;noreply@example.vn&gt;".</summary>
    public string? From { get; set; }

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>TLS from the first byte on port 465, STARTTLS (required) on any other port; false sends in clear (a
    /// local relay).</summary>
    public bool UseTls { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>One plain-text e-mail to one address.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string Language);

/// <summary>Sends e-mail. The app sends through SMTP (<see cref="SmtpMailSender"/>); tests put in a recorder.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>Sends each message over its own SMTP connection with MailKit.</summary>
internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var smtp = options.Value;
        if (smtp is not { IsConfigured: true, Host: { } host, From: { } from })
        {
            throw new InvalidOperationException("Smtp:Host and Smtp:From are not configured.");
        }

        using var message = Compose(from, mail);
        using var client = new SmtpClient();
        var security =
            !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>
    /// The message as it goes on the wire. MimeKit encodes every header it writes (ASVS V1.3.11): a subject holding a
    /// line break and a header of its own stays one encoded subject; an address is parsed, and one that is not a single
    /// mailbox is refused rather than sent.
    /// </summary>
    internal static MimeMessage Compose(string from, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Headers.Add("Content-Language", mail.Language);
        // RFC 3834: tells auto-responders (out-of-office) not to answer.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body };
        return message;
    }
}
