using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>One table's rows in a backup: how many, and a SHA-256 over them in key order.</summary>
public sealed record TableSum(string Table, long Rows, string Sha256);

/// <summary>What a backup holds: the provider, the app's version, the schema's last migration, and every table's
/// count and checksum (checked again after a restore).</summary>
public sealed record BackupManifest(
    int Format,
    string Provider,
    string AppVersion,
    string Migration,
    DateTime CreatedAtUtc,
    IReadOnlyList<TableSum> Tables
);

/// <summary>Why a backup or restore stopped; the operator command prints the message and exits 1.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backup and restore of the whole database, which holds everything DanVan keeps: the records, the uploaded documents
/// and the data-protection keys (ADR-0032). A backup is one zip file: <c>manifest.json</c> and the database — SQLite's
/// through its online backup API (a consistent copy while the app runs), PostgreSQL's through <c>pg_dump</c> in custom
/// format, taken in one snapshot with the manifest's counts and checksums. A restore refuses a backup of the other
/// provider, one from a newer schema than the app knows, and a target database that already has tables unless forced;
/// it then checks every table's count and checksum against the manifest.
/// </summary>
public static class DatabaseBackup
{
    public const int FormatVersion = 1;
    public const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "database.sqlite";
    private const string PostgresEntry = "database.pgdump";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes a backup of <paramref name="db"/>'s database to <paramref name="file"/>.</summary>
    public static async Task<BackupManifest> BackupAsync(DanVanDbContext db, string file, CancellationToken ct)
    {
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
        var work = Directory.CreateTempSubdirectory("danvan-backup-");
        try
        {
            var dump = Path.Combine(work.FullName, "db");
            BackupManifest manifest;
            string entry;
            if (db.Database.IsSqlite())
            {
                entry = SqliteEntry;
                var source = new SqliteConnection(db.Database.GetConnectionString());
                await source.OpenAsync(ct);
                await using (source)
                await using (var copy = new SqliteConnection(Unpooled(dump)))
                {
                    await copy.OpenAsync(ct);
                    source.BackupDatabase(copy);
                    // The counts and checksums of the copy itself, so they describe exactly what the backup holds.
                    manifest = Manifest("sqlite", migration, await SumsAsync(copy, db.Model, null, ct));
                }
            }
            else
            {
                entry = PostgresEntry;
                await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(ct);
                // One snapshot for the dump and the checksums: writes that land meanwhile are in neither.
                await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
                var id = (string)(await export.ExecuteScalarAsync(ct))!;
                await RunAsync(
                    "pg_dump",
                    ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={id}", $"--file={dump}"],
                    connection.ConnectionString,
                    ct
                );
                manifest = Manifest("postgres", migration, await SumsAsync(connection, db.Model, snapshot, ct));
                await snapshot.CommitAsync(ct);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            // Written beside the target and moved into place, so a backup file is always whole; readable by its owner
            // only, since it holds personal data and the keys.
            var partial = file + ".partial";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var output = new FileStream(partial, options))
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
            {
                await using (var m = zip.CreateEntry(ManifestEntry).Open())
                {
                    await JsonSerializer.SerializeAsync(m, manifest, Json, ct);
                }

                // The custom format is compressed already; SQLite's pages compress well.
                var level = entry == PostgresEntry ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
                await using var data = zip.CreateEntry(entry, level).Open();
                await using var input = File.OpenRead(dump);
                await input.CopyToAsync(data, ct);
            }

            File.Move(partial, file, overwrite: true);
            return manifest;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>Reads a backup's manifest.</summary>
    public static async Task<BackupManifest> ReadManifestAsync(string file, CancellationToken ct)
    {
        using var zip = Open(file);
        var entry = zip.GetEntry(ManifestEntry)
            ?? throw new BackupException($"{file}: not a DanVan backup (no manifest).");
        await using var stream = entry.Open();
        return await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct)
            ?? throw new BackupException($"{file}: the manifest is empty.");
    }

    /// <summary>Restores a backup into <paramref name="db"/>'s database and checks it against the manifest.</summary>
    public static async Task<BackupManifest> RestoreAsync(
        DanVanDbContext db,
        string file,
        bool force,
        CancellationToken ct
    )
    {
        var manifest = await ReadManifestAsync(file, ct);
        var provider = db.Database.IsSqlite() ? "sqlite" : "postgres";
        if (manifest.Format > FormatVersion)
        {
            throw new BackupException($"{file}: backup format {manifest.Format} is newer than this version reads.");
        }

        if (manifest.Provider != provider)
        {
            throw new BackupException($"{file}: a {manifest.Provider} backup cannot be restored into {provider}.");
        }

        if (manifest.Migration.Length > 0 && !db.Database.GetMigrations().Contains(manifest.Migration))
        {
            throw new BackupException(
                $"{file}: the backup's schema ({manifest.Migration}, version {manifest.AppVersion}) is newer than this "
                    + "version of DanVan knows; restore it with that version or a later one."
            );
        }

        if (!force && await HasTablesAsync(db, ct))
        {
            throw new BackupException(
                "The target database is not empty: restore into a new database, or add --force to replace everything in it."
            );
        }

        var work = Directory.CreateTempSubdirectory("danvan-restore-");
        try
        {
            var dump = Path.Combine(work.FullName, "db");
            using (var zip = Open(file))
            {
                var entry = zip.GetEntry(provider == "sqlite" ? SqliteEntry : PostgresEntry)
                    ?? throw new BackupException($"{file}: the database is missing from the backup.");
                entry.ExtractToFile(dump);
            }

            if (provider == "sqlite")
            {
                SqliteConnection.ClearAllPools();
                await using var source = new SqliteConnection(Unpooled(dump));
                await source.OpenAsync(ct);
                await using var target = new SqliteConnection(db.Database.GetConnectionString());
                await target.OpenAsync(ct);
                // The online backup API copies every page over the target's: its old content goes entirely.
                source.BackupDatabase(target);
            }
            else
            {
                var connection = db.Database.GetConnectionString()!;
                NpgsqlConnection.ClearAllPools();
                if (force)
                {
                    await using var wipe = new NpgsqlConnection(connection);
                    await wipe.OpenAsync(ct);
                    await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", wipe);
                    await drop.ExecuteNonQueryAsync(ct);
                }

                await RunAsync(
                    "pg_restore",
                    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump],
                    connection,
                    ct
                );
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            var check = db.Database.GetDbConnection();
            await check.OpenAsync(ct);
            try
            {
                var restored = await SumsAsync(check, db.Model, null, ct);
                var differ = manifest
                    .Tables.Where(t =>
                        restored.FirstOrDefault(r => r.Table == t.Table) is not { } r
                        || r.Rows != t.Rows
                        || r.Sha256 != t.Sha256
                    )
                    .Select(t => t.Table)
                    .ToList();
                if (differ.Count > 0)
                {
                    throw new BackupException(
                        $"The restored database differs from the backup's manifest in {differ.Count} table(s): {string.Join(", ", differ)}."
                    );
                }
            }
            finally
            {
                await check.CloseAsync();
            }

            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Every table's count and checksum (the app's tables and the migrations' history), read in key order
    /// from <paramref name="connection"/>.</summary>
    public static async Task<IReadOnlyList<TableSum>> SumsAsync(
        DbConnection connection,
        IModel model,
        DbTransaction? transaction,
        CancellationToken ct
    )
    {
        var tables = model
            .GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.GetViewName() is null && t.FindPrimaryKey() is not null)
            .GroupBy(t => t.GetTableName()!)
            .Select(g =>
            {
                var table = StoreObjectIdentifier.Table(g.Key, null);
                var key = g.First().FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(table)!).ToList();
                return (Name: g.Key, Key: key);
            })
            .Append(("__EFMigrationsHistory", ["MigrationId"]))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .ToList();
        var sums = new List<TableSum>();
        foreach (var (name, key) in tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM \"{name}\" ORDER BY {string.Join(", ", key.Select(k => $"\"{k}\""))}";
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                // Columns by name, so a table's checksum does not depend on the order its columns were added in.
                var columns = Enumerable
                    .Range(0, reader.FieldCount)
                    .OrderBy(reader.GetName, StringComparer.Ordinal)
                    .ToList();
                while (await reader.ReadAsync(ct))
                {
                    rows++;
                    foreach (var i in columns)
                    {
                        Append(hash, reader.IsDBNull(i) ? null : reader.GetValue(i));
                    }

                    hash.AppendData("\n"u8);
                }
            }

            sums.Add(new TableSum(name, rows, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }

        return sums;
    }

    private static void Append(IncrementalHash hash, object? value)
    {
        switch (value)
        {
            case null:
                hash.AppendData("\u0000N"u8);
                break;
            case byte[] bytes:
                hash.AppendData(Encoding.UTF8.GetBytes($"\u0000B{bytes.Length}:"));
                hash.AppendData(bytes);
                break;
            default:
                var text = value switch
                {
                    DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    float f => f.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
                hash.AppendData(Encoding.UTF8.GetBytes($"\u0000S{text.Length}:{text}"));
                break;
        }
    }

    private static BackupManifest Manifest(string provider, string migration, IReadOnlyList<TableSum> tables) =>
        new(
            FormatVersion,
            provider,
            typeof(DatabaseBackup).Assembly.GetName().Version?.ToString() ?? "",
            migration,
            TimeProvider.System.GetUtcNow().UtcDateTime,
            tables
        );

    private static async Task<bool> HasTablesAsync(DanVanDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static ZipArchive Open(string file)
    {
        try
        {
            return ZipFile.OpenRead(file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"{file}: cannot be read as a DanVan backup ({e.Message}).");
        }
    }

    private static string Unpooled(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    /// <summary>Runs a PostgreSQL client tool (from Debian's packages, on the PATH) against the connection's server
    /// and database; the password goes through the environment, never the command line.</summary>
    private static async Task RunAsync(string tool, string[] args, string connectionString, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Append($"--dbname={c.Database}"))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = c.Username;
        if (c.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} could not be started ({e.Message}): install PostgreSQL's client tools.");
        }

        using var process = started ?? throw new BackupException($"{tool} could not be started.");
        var error = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await output;
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }
}
