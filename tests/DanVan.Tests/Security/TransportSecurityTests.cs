using DanVan.Web.Infrastructure.Security;
using Microsoft.Extensions.Configuration;

namespace DanVan.Tests.Security;

/// <summary>ASVS V12.3.1: in Production the app refuses to start when its database or mail connection leaves the
/// machine unencrypted (<see cref="TransportSecurity"/>, checked by <c>PrepareDatabaseAsync</c> before anything
/// else).</summary>
public sealed class TransportSecurityTests
{
    private static IReadOnlyList<string> ProblemsOf(params (string Key, string Value)[] settings) =>
        TransportSecurity.Problems(
            new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
                .Build()
        );

    [Fact]
    public void A_database_or_mail_server_on_another_machine_must_be_reached_encrypted()
    {
        const string Remote = "Host=db.danvan.internal;Username=danvan;Database=danvan";
        var plain = ProblemsOf(
            ("Database:Provider", "postgres"),
            ("ConnectionStrings:Default", Remote),
            ("ConnectionStrings:ReadOnly", Remote + ";SSL Mode=Prefer"),
            ("Smtp:Host", "smtp.danvan.internal"),
            ("Smtp:UseTls", "false")
        );
        Assert.Equal(3, plain.Count);
        Assert.Contains(plain, p => p.StartsWith("ConnectionStrings:Default", StringComparison.Ordinal));
        Assert.Contains(plain, p => p.StartsWith("ConnectionStrings:ReadOnly", StringComparison.Ordinal));
        Assert.Contains(plain, p => p.StartsWith("Smtp:Host", StringComparison.Ordinal));

        Assert.Empty(
            ProblemsOf(
                ("Database:Provider", "postgres"),
                ("ConnectionStrings:Default", Remote + ";SSL Mode=VerifyFull"),
                ("ConnectionStrings:ReadOnly", Remote + ";SSL Mode=Require"),
                ("Smtp:Host", "smtp.danvan.internal")
            )
        );
    }

    [Fact]
    public void A_server_on_the_same_machine_needs_no_encryption()
    {
        foreach (
            var host in new[]
            {
                "127.0.0.1",
                "localhost",
                "/var/run/postgresql",
                "::1",
                "[::1]:5432",
                "127.0.0.1,localhost",
            }
        )
        {
            Assert.Empty(
                ProblemsOf(
                    ("Database:Provider", "postgres"),
                    ("ConnectionStrings:Default", $"Host={host};Username=danvan;Database=danvan"),
                    ("Smtp:Host", host),
                    ("Smtp:UseTls", "false")
                )
            );
        }

        // One remote host among several is enough to need it; SQLite has no network at all.
        Assert.Single(
            ProblemsOf(
                ("Database:Provider", "postgres"),
                ("ConnectionStrings:Default", "Host=127.0.0.1,db2.danvan.internal;Username=danvan")
            )
        );
        Assert.Empty(
            ProblemsOf(("Database:Provider", "sqlite"), ("ConnectionStrings:Default", "Data Source=/srv/danvan.db"))
        );
    }
}
