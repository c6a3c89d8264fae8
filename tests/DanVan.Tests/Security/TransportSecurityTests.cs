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

/// <summary>ASVS V13.3.1: back-end secrets come from systemd's credentials folder, one file per setting, and win over
/// every other source (<see cref="Credentials"/>).</summary>
public sealed class CredentialsTests
{
    [Fact]
    public void A_credential_file_is_a_setting_that_wins_over_the_others()
    {
        var folder = Directory.CreateTempSubdirectory("danvan-credentials-").FullName;
        try
        {
            File.WriteAllText(
                Path.Combine(folder, "ConnectionStrings__Default"),
                "Host=db.internal;Password=from-credential"
            );
            File.WriteAllText(Path.Combine(folder, "Smtp__Password"), "mail-secret");
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["ConnectionStrings:Default"] = "Host=db.internal;Password=from-environment",
                        ["Smtp:Host"] = "smtp.internal",
                    }
                )
                .AddCredentials(folder)
                .Build();
            Assert.Equal("Host=db.internal;Password=from-credential", configuration.GetConnectionString("Default"));
            Assert.Equal("mail-secret", configuration["Smtp:Password"]);
            Assert.Equal("smtp.internal", configuration["Smtp:Host"]);

            // No folder (not run by systemd, or no credentials): nothing changes.
            Assert.Null(new ConfigurationBuilder().AddCredentials(null).Build()["Smtp:Password"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_app_reads_the_folder_systemd_names()
    {
        // The app's own builder with CREDENTIALS_DIRECTORY set, as systemd starts the service. The folder holds only a
        // harmless probe: the variable is the whole test process's for a moment.
        var folder = Directory.CreateTempSubdirectory("danvan-credentials-").FullName;
        var before = Environment.GetEnvironmentVariable(Credentials.Variable);
        try
        {
            File.WriteAllText(Path.Combine(folder, "DanVanTests__CredentialProbe"), "read");
            Environment.SetEnvironmentVariable(Credentials.Variable, folder);
            var builder = Program.CreateBuilder([]);
            Assert.Equal("read", builder.Configuration["DanVanTests:CredentialProbe"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Credentials.Variable, before);
            Directory.Delete(folder, recursive: true);
        }
    }
}
