using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Cli;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DanVan.Tests.Operations;

/// <summary>
/// Backup and restore (ADR-0032) on the provider under test: a backup of a database with records, accounts, a
/// signed-in session (so data-protection keys) and a document; restoring it into the non-empty database is refused, a
/// backup from a newer schema or of the other provider is refused; the database wiped and restored, every table's count
/// and checksum equal those before and the manifest's, and the session signed in before the backup still works (its
/// keys came back); the scheduled backup keeps the newest files.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly DanVanApp app = new();
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("danvan-backup-test-");

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private async Task<IReadOnlyList<TableSum>> SumsAsync() =>
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            try
            {
                return await DatabaseBackup.SumsAsync(connection, db.Model, null, CancellationToken.None);
            }
            finally
            {
                await connection.CloseAsync();
            }
        });

    private async Task<(int Code, string Output)> RunAsync(string command, params string[] args)
    {
        var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(app.Services, command, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_backup_wiped_and_restored_gives_every_table_back_with_its_count_and_checksum()
    {
        // Records of several kinds, a session (its keys), and a document's bytes.
        var account = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var session = await app.SignInAsync(account);
        var api = await app.ApiClientAsync(account);
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await api.PostAsJsonAsync(
                    "/api/v1/organizations",
                    new
                    {
                        unitId = app.Tree.C1.Id,
                        type = "WomensUnion",
                        name = "Hội Liên hiệp Phụ nữ xã Đông Hòa",
                    }
                )
            ).StatusCode
        );
        var before = await SumsAsync();
        Assert.Contains(before, t => t.Table == "DataProtectionKeys" && t.Rows > 0);
        Assert.Contains(before, t => t.Table == "AuditEntries" && t.Rows > 0);

        var file = Path.Combine(folder.FullName, "nightly", "danvan.zip");
        var (code, output) = await RunAsync("backup", file);
        Assert.True(code == 0, output);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var manifest = await DatabaseBackup.ReadManifestAsync(file, CancellationToken.None);
        Assert.Equal(app.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite", manifest.Provider);
        Assert.Equal(
            await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).Last()),
            manifest.Migration
        );
        Assert.Equal(before, manifest.Tables);

        // Not over a database with tables in it, unless forced.
        (code, output) = await RunAsync("restore", file);
        Assert.Equal(1, code);
        Assert.Contains("not empty", output, StringComparison.Ordinal);

        // A backup from a newer schema, or of the other provider, is refused before anything is touched.
        foreach (
            var (name, change, says) in new (string, Func<BackupManifest, BackupManifest>, string)[]
            {
                ("newer.zip", m => m with { Migration = "29991231000000_FromTheFuture" }, "newer"),
                (
                    "other.zip",
                    m => m with { Provider = m.Provider == "sqlite" ? "postgres" : "sqlite" },
                    "cannot be restored"
                ),
            }
        )
        {
            var altered = Path.Combine(folder.FullName, name);
            File.Copy(file, altered);
            using (var zip = ZipFile.Open(altered, ZipArchiveMode.Update))
            {
                zip.GetEntry(DatabaseBackup.ManifestEntry)!.Delete();
                await using var entry = zip.CreateEntry(DatabaseBackup.ManifestEntry).Open();
                await JsonSerializer.SerializeAsync(entry, change(manifest), JsonSerializerOptions.Web);
            }

            (code, output) = await RunAsync("restore", altered, "--force");
            Assert.Equal(1, code);
            Assert.Contains(says, output, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SumsAsync());

        // The database lost, then restored from the file.
        var connection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        if (app.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var wipe = new NpgsqlConnection(connection);
            await wipe.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", wipe);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(connection).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }

        Assert.DoesNotContain(await SumsSafeAsync(), t => t.Rows > 0);
        (code, output) = await RunAsync("restore", file);
        Assert.True(code == 0, output);
        Assert.Contains("every table's count and checksum equal the manifest", output, StringComparison.Ordinal);
        Assert.Equal(before, await SumsAsync());

        // The session signed in before the backup still opens a signed-in page: its keys came back with the data.
        var home = await session.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(
            "Hội Liên hiệp Phụ nữ xã Đông Hòa",
            await home.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );

        // A restore over the restored database with --force gives the same again.
        (code, output) = await RunAsync("restore", file, "--force");
        Assert.True(code == 0, output);
        Assert.Equal(before, await SumsAsync());
    }

    /// <summary>The sums of a wiped database: its tables are gone, so none counts.</summary>
    private async Task<IReadOnlyList<TableSum>> SumsSafeAsync()
    {
        try
        {
            return await SumsAsync();
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return [];
        }
    }

    [Fact]
    public async Task The_scheduled_backup_writes_a_file_named_by_its_time_and_keeps_the_newest()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var scheduled = new ScheduledBackups(
            scopes,
            new JobLeases(scopes, clock, NullLogger<JobLeases>.Instance),
            Options.Create(
                new BackupOptions
                {
                    Folder = folder.FullName,
                    IntervalHours = 24,
                    Keep = 2,
                }
            ),
            clock,
            NullLogger<ScheduledBackups>.Instance
        );
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await scheduled.RunOnceAsync(CancellationToken.None));
            // The period's backup is written once, however often an instance ticks in it.
            Assert.False(await scheduled.RunOnceAsync(CancellationToken.None));
            clock.Advance(TimeSpan.FromHours(24));
        }

        var kept = Directory.GetFiles(folder.FullName).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);
        Assert.Equal(["danvan-20261207-010000.zip", "danvan-20261208-010000.zip"], kept);
        var manifest = await DatabaseBackup.ReadManifestAsync(
            Path.Combine(folder.FullName, "danvan-20261208-010000.zip"),
            CancellationToken.None
        );
        Assert.Contains(manifest.Tables, t => t.Table == "Units" && t.Rows > 0);
    }
}
