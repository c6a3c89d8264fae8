using DanVan.Web.Features.Notifications;
using MimeKit;

namespace DanVan.Tests.Security;

/// <summary>ASVS V1.3.11: what goes into an e-mail's headers cannot add a header or a recipient.</summary>
public sealed class MailHeaderTests
{
    private const string From = "DanVan <noreply@danvan.vn>";

    private static MimeMessage OnTheWire(OutgoingMail mail)
    {
        using var message = SmtpMailSender.Compose(From, mail);
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        wire.Position = 0;
        return MimeMessage.Load(wire);
    }

    [Fact]
    public void A_line_break_in_a_subject_adds_no_header_and_no_recipient()
    {
        var sent = OnTheWire(
            new OutgoingMail(
                "can.bo@danvan.vn",
                "Kiến nghị mới\r\nBcc: ke.xau@example.com\r\nX-Injected: 1\r\n\r\nThân thư giả",
                "Nội dung",
                "vi"
            )
        );
        Assert.Empty(sent.Bcc);
        Assert.Empty(sent.Cc);
        Assert.Null(sent.Headers["X-Injected"]);
        Assert.Equal("can.bo@danvan.vn", Assert.Single(sent.To.Mailboxes).Address);
        Assert.Contains("ke.xau@example.com", sent.Subject, StringComparison.Ordinal);
        Assert.Equal("Nội dung", sent.TextBody?.TrimEnd());
        Assert.Equal("vi", sent.Headers["Content-Language"] ?? sent.Body?.Headers["Content-Language"]);
    }

    [Theory]
    [InlineData("can.bo@danvan.vn\r\nBcc: ke.xau@example.com")]
    [InlineData("can.bo@danvan.vn, ke.xau@example.com")]
    [InlineData("can.bo@danvan.vn\nTo: ke.xau@example.com")]
    public void An_address_that_is_not_one_mailbox_is_refused_rather_than_sent(string to)
    {
        Assert.ThrowsAny<ParseException>(() =>
            SmtpMailSender.Compose(From, new OutgoingMail(to, "Thông báo", "Nội dung", "vi"))
        );
    }
}
