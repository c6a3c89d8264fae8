using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using DanVan.Tests.Infrastructure;

namespace DanVan.Tests.Security;

/// <summary>
/// The README's TLS proxy, run as written (ASVS V4.1.2, V12.1.1, V12.1.2, V12.2.1): Debian's haproxy with the README's
/// configuration block — only the addresses and the certificate's path replaced — in front of the app on Kestrel, with a
/// throw-away certificate. OpenSSL's client then tries what an attacker or an old browser would: TLS 1.0 and 1.1, a
/// cipher without forward secrecy, a CBC cipher, plain HTTP.
/// </summary>
public sealed partial class ProxyTlsTests(KestrelApp app) : IClassFixture<KestrelApp>, IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("danvan-tls-").FullName;
    private Process? proxy;
    private int https;
    private int http;
    private byte[] certificateHash = [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Haproxy =>
        File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy"
        : File.Exists("/usr/bin/haproxy") ? "/usr/bin/haproxy"
        : throw new InvalidOperationException(
            "haproxy is not installed (apt-get install haproxy; scripts/test.sh does)"
        );

    public async ValueTask InitializeAsync()
    {
        // A certificate for localhost, its key in the same PEM file as haproxy wants it.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddHours(-1),
            DateTimeOffset.UtcNow.AddDays(1)
        );
        certificateHash = certificate.GetCertHash(HashAlgorithmName.SHA256);
        var pem = Path.Combine(folder, "danvan.pem");
        await File.WriteAllTextAsync(
            pem,
            certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n"
        );

        (https, http) = (FreePort(), FreePort());
        var configuration = Repository
            .ReadmeBlock("ssl crt /etc/haproxy/danvan.pem")
            .Replace(
                "bind :443 ssl crt /etc/haproxy/danvan.pem",
                $"bind 127.0.0.1:{https} ssl crt {pem}",
                StringComparison.Ordinal
            )
            .Replace("bind :80\n", $"bind 127.0.0.1:{http}\n", StringComparison.Ordinal)
            .Replace("127.0.0.1:8081", $"127.0.0.1:{app.Port}", StringComparison.Ordinal)
            .Replace("127.0.0.1:8082", $"127.0.0.1:{app.Port}", StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{https} ssl crt", configuration, StringComparison.Ordinal);
        Assert.Contains($"bind 127.0.0.1:{http}\n", configuration, StringComparison.Ordinal);
        var file = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(file, configuration);

        proxy = Process.Start(
            new ProcessStartInfo(Haproxy, ["-db", "-f", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        // Up when both ports accept connections (haproxy binds them before it serves).
        var until = DateTime.UtcNow.AddSeconds(15);
        foreach (var port in new[] { https, http })
        {
            while (true)
            {
                if (proxy.HasExited)
                {
                    Assert.Fail("haproxy stopped: " + await proxy.StandardError.ReadToEndAsync());
                }

                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < until)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (proxy is { HasExited: false })
        {
            proxy.Kill(entireProcessTree: true);
            proxy.WaitForExit(5000);
        }

        proxy?.Dispose();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>One handshake by OpenSSL's client with these options; its whole output.</summary>
    private async Task<string> HandshakeAsync(params string[] options)
    {
        using var client = Process.Start(
            new ProcessStartInfo(
                "openssl",
                ["s_client", "-connect", $"127.0.0.1:{https}", "-servername", "localhost", .. options]
            )
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        client.StandardInput.Close(); // end of input: the client closes after the handshake
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = client.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = client.StandardError.ReadToEndAsync(timeout.Token);
        await client.WaitForExitAsync(timeout.Token);
        return await output + await errors;
    }

    /// <summary>The line the client prints once the handshake is done (the session block after it comes only with a
    /// session ticket, which a client that leaves at once may not wait for).</summary>
    [GeneratedRegex(@"New, (?<protocol>TLSv[0-9.]+), Cipher is (?<cipher>\S+)")]
    private static partial Regex Negotiated();

    [Theory]
    [InlineData("-tls1_2", "TLSv1.2")]
    [InlineData("-tls1_3", "TLSv1.3")]
    public async Task TLS_1_2_and_1_3_are_taken_with_a_forward_secret_AEAD_cipher(string option, string protocol)
    {
        var output = await HandshakeAsync(option);
        var negotiated = Negotiated().Match(output);
        Assert.True(negotiated.Success, output);
        Assert.Equal(protocol, negotiated.Groups["protocol"].Value);
        var cipher = negotiated.Groups["cipher"].Value;
        // TLS 1.3's suites are all AEAD with ephemeral keys; at 1.2 the suite must say so itself.
        Assert.True(
            protocol == "TLSv1.3"
                ? cipher is "TLS_AES_128_GCM_SHA256" or "TLS_AES_256_GCM_SHA384" or "TLS_CHACHA20_POLY1305_SHA256"
                : cipher.StartsWith("ECDHE-", StringComparison.Ordinal)
                    && (
                        cipher.Contains("-GCM-", StringComparison.Ordinal)
                        || cipher.Contains("CHACHA20", StringComparison.Ordinal)
                    ),
            $"{protocol} negotiated {cipher}"
        );
    }

    [Theory]
    [InlineData("-tls1")]
    [InlineData("-tls1_1")]
    public async Task TLS_1_0_and_1_1_are_refused_by_the_proxy(string option)
    {
        // The client's own floor is lowered, so the refusal can only be the proxy's: a protocol-version alert.
        var output = await HandshakeAsync(option, "-cipher", "DEFAULT:@SECLEVEL=0");
        Assert.Contains("alert protocol version", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AES128-SHA")] // RSA key exchange: no forward secrecy, and CBC
    [InlineData("AES256-GCM-SHA384")] // RSA key exchange
    [InlineData("ECDHE-RSA-AES128-SHA")] // forward secret, but CBC
    [InlineData("ECDHE-RSA-AES256-SHA384")] // CBC
    public async Task Ciphers_without_forward_secrecy_or_authenticated_encryption_are_refused(string cipher)
    {
        var output = await HandshakeAsync("-tls1_2", "-cipher", cipher);
        Assert.Contains("alert handshake failure", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_HTTP_is_sent_to_HTTPS_and_HTTPS_reaches_the_app_which_answers_with_HSTS()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirected = await plain.GetAsync(new Uri($"http://127.0.0.1:{http}/units?page=2"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal($"https://127.0.0.1:{http}/units?page=2", redirected.Headers.Location?.ToString());

        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            // Only the test's own certificate is trusted: the proxy serves it, not some other endpoint.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).SequenceEqual(certificateHash),
        };
        using var secure = new HttpClient(handler);
        var answer = await secure.GetAsync(new Uri($"https://127.0.0.1:{https}/account/login"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(
            "max-age=31536000; includeSubDomains",
            string.Join(",", answer.Headers.GetValues("Strict-Transport-Security"))
        );
    }
}
