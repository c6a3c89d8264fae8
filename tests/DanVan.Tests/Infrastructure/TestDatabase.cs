using System.Security.Cryptography;
using System.Text;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// A private database per test application, on the provider chosen by DANVAN_TEST_PROVIDER (sqlite, the
/// default, or postgres with DANVAN_TEST_PG pointing at a server). Each is a copy of a template that was
/// migrated once per test run, so fixtures start in milliseconds rather than re-running migrations.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    private TestDatabase(string connectionString, Func<Task> drop)
    {
        ConnectionString = connectionString;
        this.drop = drop;
    }

    private readonly Func<Task> drop;

    public static DatabaseProvider Provider =>
        (Environment.GetEnvironmentVariable("DANVAN_TEST_PROVIDER") ?? "sqlite").Equals(
            "postgres",
            StringComparison.OrdinalIgnoreCase
        )
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("DANVAN_TEST_PG")
        ?? "Host=127.0.0.1;Port=54329;Username=danvan;Database=postgres";

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var source = await TemplateAsync();
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "danvan-tests", $"{Guid.NewGuid():N}.db");
            File.Copy(source, file);
            var connection = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            return new TestDatabase(connection, () =>
            {
                // Pooled connections keep the file (and its WAL) open; without the pool every request would open the
                // file, replay the WAL index and checkpoint on the last close.
                using (var pooled = new SqliteConnection(connection))
                {
                    SqliteConnection.ClearPool(pooled);
                }

                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }

                return Task.CompletedTask;
            });
        }

        var name = $"danvan_t_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name };
        return new TestDatabase(builder.ToString(), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public ValueTask DisposeAsync() => new(drop());

    /// <summary>The migrated template: one per provider and set of migrations, reused across runs.</summary>
    private static async Task<string> TemplateAsync()
    {
        if (template is not null)
        {
            return template;
        }

        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null)
            {
                return template;
            }

            var migrations = MigrationsFingerprint();
            if (Provider == DatabaseProvider.Sqlite)
            {
                var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "danvan-tests")).FullName;
                var file = Path.Combine(folder, $"template-{migrations}.db");
                if (!File.Exists(file))
                {
                    var building = file + $".{Environment.ProcessId}.tmp";
                    await MigrateAsync(
                        DatabaseProvider.Sqlite,
                        new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()
                    );
                    using (var checkpoint = new SqliteConnection($"Data Source={building};Pooling=False"))
                    {
                        checkpoint.Open();
                        using var command = checkpoint.CreateCommand();
                        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                        command.ExecuteNonQuery();
                    }

                    File.Move(building, file, overwrite: true);
                }

                return template = file;
            }

            var name = $"danvan_tpl_{migrations}";
            await using (var admin = new NpgsqlConnection(PostgresAdmin))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                    await create.ExecuteNonQueryAsync();
                    await MigrateAsync(
                        DatabaseProvider.Postgres,
                        new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ToString()
                    );
                    NpgsqlConnection.ClearAllPools();
                }
            }

            return template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        await using var db = new DanVanDbContext(options.Options);
        await db.Database.MigrateAsync();
        await DatabaseInitializer.EnsureRootAsync(db);
    }

    private static string MigrationsFingerprint()
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        DatabaseSetup.Configure(
            options,
            Provider,
            Provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : PostgresAdmin
        );
        using var db = new DanVanDbContext(options.Options);
        var ids = string.Join(",", db.Database.GetMigrations());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..12];
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(PostgresAdmin);
                await admin.OpenAsync();
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20)
            {
                // "source database is being accessed by other users": another copy is starting; wait a moment.
                await Task.Delay(100 * attempt);
            }
        }
    }
}
