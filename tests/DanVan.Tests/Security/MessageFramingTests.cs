using System.Net;
using System.Net.Sockets;
using System.Text;
using DanVan.Tests.Infrastructure;

namespace DanVan.Tests.Security;

/// <summary>
/// ASVS V4.2.1: the app server finds where each HTTP/1.1 request ends by the protocol's rules, so a request whose length
/// is ambiguous cannot smuggle a second one past a proxy. The requests are written byte by byte to the app's own Kestrel
/// on a loopback port (the in-memory test server does not parse HTTP), and the answers are read until the server closes.
/// </summary>
public sealed class MessageFramingTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    /// <summary>Writes <paramref name="request"/> as it is and reads every answer until the server closes the
    /// connection (or two seconds pass without a byte).</summary>
    private async Task<string> ExchangeAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, app.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, quiet.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (IOException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    private static string[] StatusLines(string answer) =>
        [.. answer.Split("\r\n").Where(l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))];

    /// <summary>A second request hidden where a server that misread the first one's length would take it for the
    /// next.</summary>
    private const string Smuggled = "GET /smuggled-request HTTP/1.1\r\nHost: localhost\r\n\r\n";

    [Fact]
    public async Task A_well_formed_request_is_answered_and_the_connection_stays_open_for_the_next()
    {
        // The control: a post to the health check with a plain length is framed fine and answered 200 (the check
        // never answers 400), so a 400 below is the server refusing the framing, not the app refusing the request.
        var answer = await ExchangeAsync(
            "POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        );
        Assert.Equal(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"], StatusLines(answer));
    }

    [Theory]
    [InlineData("two different Content-Length headers", "Content-Length: 5\r\nContent-Length: 47\r\n", "hello")]
    [InlineData("a transfer coding that does not end in chunked", "Transfer-Encoding: gzip\r\n", "hello")]
    [InlineData("a header folded over two lines", "X-Folded: one\r\n two\r\nContent-Length: 0\r\n", "")]
    [InlineData("a header line ended by a bare line feed", "X-Bare: one\nContent-Length: 0\r\n", "")]
    [InlineData("a space before the colon", "Content-Length : 0\r\n", "")]
    public async Task An_ambiguous_request_is_refused_with_400_and_nothing_after_it_is_read(
        string what,
        string headers,
        string body
    )
    {
        var answer = await ExchangeAsync($"POST /health HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n{body}{Smuggled}");
        Assert.True(StatusLines(answer) is ["HTTP/1.1 400 Bad Request"], $"{what}: {answer}");
    }

    [Fact]
    public async Task A_body_with_a_chunk_size_that_is_not_a_number_ends_the_connection()
    {
        // The health check answers without reading the body; the server then drains it, fails on the chunk size and
        // closes the connection rather than looking for a next request in the bytes that follow.
        var answer = await ExchangeAsync(
            "POST /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
                + Smuggled
        );
        Assert.True(StatusLines(answer).Length == 1, answer);
    }

    [Fact]
    public async Task A_request_with_both_lengths_is_read_by_its_chunks_and_the_connection_is_closed()
    {
        // RFC 9112 §6.1: Transfer-Encoding wins over Content-Length, and the server closes the connection after
        // answering, so bytes a front end counted differently are never read as a request of their own.
        var answer = await ExchangeAsync(
            "POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + Smuggled
        );
        var statuses = StatusLines(answer);
        Assert.True(statuses.Length == 1, answer);
        Assert.DoesNotContain("smuggled", answer, StringComparison.OrdinalIgnoreCase);
    }
}
