using System.Net;
using DanVan.Web.Infrastructure.Data;
using Npgsql;

namespace DanVan.Web.Infrastructure.Security;

/// <summary>
/// ASVS V12.3.1: in Production every connection that leaves the host is encrypted, or the app does not start. A
/// PostgreSQL connection string (the primary and the read replica) on another host needs <c>SSL Mode=VerifyFull</c>,
/// <c>VerifyCA</c> or <c>Require</c> (Npgsql's default, <c>Prefer</c>, falls back to plain text); an SMTP host on another
/// machine needs <c>Smtp:UseTls</c> (the default). A server on the same machine (loopback or a Unix socket) is exempt:
/// nothing crosses a network.
/// </summary>
public static class TransportSecurity
{
    /// <summary>What is not encrypted, one line each; empty when everything is.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (DatabaseSetup.ProviderFrom(configuration) == DatabaseProvider.Postgres)
        {
            foreach (var name in new[] { "Default", "ReadOnly" })
            {
                if (configuration.GetConnectionString(name) is not { Length: > 0 } text)
                {
                    continue;
                }

                var builder = new NpgsqlConnectionStringBuilder(text);
                if (
                    !IsLocal(builder.Host)
                    && builder.SslMode is not (SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
                )
                {
                    problems.Add(
                        $"ConnectionStrings:{name} reaches {builder.Host} unencrypted: add 'SSL Mode=VerifyFull' (or Require)."
                    );
                }
            }
        }

        if (
            configuration["Smtp:Host"] is { Length: > 0 } smtp
            && !configuration.GetValue("Smtp:UseTls", true)
            && !IsLocal(smtp)
        )
        {
            problems.Add($"Smtp:Host {smtp} is reached without TLS: set Smtp:UseTls to true.");
        }

        return problems;
    }

    /// <summary>Whether every host of a (possibly comma-separated) host list is this machine.</summary>
    public static bool IsLocal(string? hosts) =>
        string.IsNullOrWhiteSpace(hosts)
        || hosts
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(h =>
                h.StartsWith('/')
                || (IPAddress.TryParse(h.Trim('[', ']'), out var ip) ? IPAddress.IsLoopback(ip) : IsLocalName(h))
            );

    /// <summary>"localhost" or a loopback address, with or without a port.</summary>
    private static bool IsLocalName(string host)
    {
        var name = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }
}
