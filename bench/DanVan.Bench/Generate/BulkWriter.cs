using System.Data.Common;
using System.Diagnostics;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Bench.Generate;

/// <summary>
/// Writes entities of the app's own classes straight into their tables, column by column as EF Core maps them
/// (names, value converters and store types from the model), by each provider's bulk path: PostgreSQL's binary
/// <c>COPY</c> through Npgsql, SQLite prepared multi-row inserts in large transactions. Keys are given by the
/// generator (so rows refer to each other without a round trip); sequences are moved past them afterwards.
/// </summary>
internal abstract class BulkWriter(DanVanDbContext db, Progress progress) : IAsyncDisposable
{
    protected DanVanDbContext Db { get; } = db;

    protected Progress Progress { get; } = progress;

    public static BulkWriter For(DanVanDbContext db, Progress progress) =>
        db.Database.IsNpgsql() ? new PostgresBulkWriter(db, progress) : new SqliteBulkWriter(db, progress);

    /// <summary>Writes every row of the sequence (streamed: nothing is held but the current batch).</summary>
    public abstract Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
        where T : class;

    /// <summary>Runs one statement on the writer's connection.</summary>
    public abstract Task ExecuteAsync(string sql, CancellationToken ct);

    /// <summary>Moves the identity sequences past the generated keys (PostgreSQL; SQLite follows by itself).</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The columns of an entity's table in model order, keys included (the generator gives them), with how to
    /// read each one's store value: the app's own map (<see cref="BulkInsert.ColumnsOf{T}"/>).</summary>
    protected IReadOnlyList<BulkInsert.Column> ColumnsOf<T>(out string table)
    {
        (table, var columns) = BulkInsert.ColumnsOf<T>(Db, keys: true);
        return columns;
    }
}

/// <summary>PostgreSQL: binary COPY (one per table), foreign keys and triggers off for the session.</summary>
internal sealed class PostgresBulkWriter(DanVanDbContext db, Progress progress) : BulkWriter(db, progress)
{
    private NpgsqlConnection? connection;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is null)
        {
            connection = new NpgsqlConnection(Db.Database.GetConnectionString());
            await connection.OpenAsync(ct);
            // Rows are written parent first and checked afterwards by `check`; per-row foreign-key triggers
            // would only slow the copy (the role must be a superuser, as the benchmark's own server's is).
            // Index builds after the load get memory to sort in.
            await using var cmd = new NpgsqlCommand(
                "SET session_replication_role = replica; SET maintenance_work_mem = '1GB'",
                connection
            );
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return connection;
    }

    public override async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
    {
        var columns = ColumnsOf<T>(out var table);
        var conn = await OpenAsync(ct);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        // The store type without its length or precision ("character varying(300)" is written as "character varying").
        var dbTypes = columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim()).ToArray();
        long count = 0;
        await using (
            var importer = await conn.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)",
                ct
            )
        )
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].StoreValue(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(value, dbTypes[i], ct);
                    }
                }

                count++;
                Progress.Add(table, 1);
            }

            await importer.CompleteAsync(ct);
        }

        return count;
    }

    public override async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        // Every identity column's sequence moved past the largest key written.
        const string sql = """
            SELECT c.relname, a.attname
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.attidentity <> '' AND n.nspname = current_schema() AND c.relkind = 'r'
            """;
        var identities = new List<(string Table, string Column)>();
        await using (var cmd = new NpgsqlCommand(sql, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                identities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in identities)
        {
            await ExecuteAsync(
                $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)""",
                ct
            );
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>SQLite: prepared multi-row INSERTs, 200,000 rows to a transaction, the durability pragmas relaxed
/// for the load (the file is checked and checkpointed at the end).</summary>
internal sealed class SqliteBulkWriter(DanVanDbContext db, Progress progress) : BulkWriter(db, progress)
{
    private const int RowsPerTransaction = 200_000;
    private SqliteConnection? connection;

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is null)
        {
            connection = new SqliteConnection(Db.Database.GetConnectionString());
            await connection.OpenAsync(ct);
            foreach (
                var pragma in new[]
                {
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = OFF",
                    "PRAGMA foreign_keys = OFF",
                    "PRAGMA cache_size = -262144",
                    "PRAGMA temp_store = MEMORY",
                }
            )
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = pragma;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        return connection;
    }

    public override async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
    {
        var columns = ColumnsOf<T>(out var table);
        var conn = await OpenAsync(ct);
        // About 200 parameters to a statement: Microsoft.Data.Sqlite binds each by name, and SQLite finds a name
        // by a linear search, so binding costs grow with the square of a statement's parameters.
        var perStatement = Math.Max(1, Math.Min(64, 200 / columns.Count));
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var full = Prepare(conn, table, names, columns, perStatement);
        long count = 0;
        var batch = new List<T>(perStatement);
        DbTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(ct);
            full.Transaction = (SqliteTransaction)tx;
            var sinceCommit = 0;
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == perStatement)
                {
                    await RunAsync(full, columns, batch, ct);
                    count += batch.Count;
                    sinceCommit += batch.Count;
                    Progress.Add(table, batch.Count);
                    batch.Clear();
                    if (sinceCommit >= RowsPerTransaction)
                    {
                        await tx.CommitAsync(ct);
                        await tx.DisposeAsync();
                        tx = await conn.BeginTransactionAsync(ct);
                        full.Transaction = (SqliteTransaction)tx;
                        sinceCommit = 0;
                    }
                }
            }

            if (batch.Count > 0)
            {
                await using var rest = Prepare(conn, table, names, columns, batch.Count);
                rest.Transaction = (SqliteTransaction)tx;
                await RunAsync(rest, columns, batch, ct);
                count += batch.Count;
                Progress.Add(table, batch.Count);
            }

            await tx.CommitAsync(ct);
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await full.DisposeAsync();
        }

        return count;
    }

    private static SqliteCommand Prepare(
        SqliteConnection conn,
        string table,
        string names,
        IReadOnlyList<BulkInsert.Column> columns,
        int rows
    )
    {
        var cmd = conn.CreateCommand();
        var values = new System.Text.StringBuilder();
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            values.Append(r == 0 ? "(" : ",(");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@p" + n++;
                values.Append(c == 0 ? name : "," + name);
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = name;
                cmd.Parameters.Add(parameter);
            }

            values.Append(')');
        }

        cmd.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES {values}";
        cmd.Prepare();
        return cmd;
    }

    private static async Task RunAsync<T>(
        SqliteCommand cmd,
        IReadOnlyList<BulkInsert.Column> columns,
        List<T> batch,
        CancellationToken ct
    )
        where T : class
    {
        var n = 0;
        foreach (var row in batch)
        {
            foreach (var column in columns)
            {
                var parameter = cmd.Parameters[n++];
                var value = column.StoreValue(row);
                // The type mapping's own parameter configuration (DateOnly/DateTime/decimal as EF Core writes them).
                parameter.Value = value is null ? DBNull.Value : BulkInsert.ToSqlite(value);
            }
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>Rows written per table and per second, printed every few seconds while the generator runs.</summary>
internal sealed class Progress(TextWriter output)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, long> tables = [];
    private long total;
    private long lastTotal;
    private TimeSpan lastPrint;

    public long Total => total;

    public TimeSpan Elapsed => clock.Elapsed;

    public IReadOnlyDictionary<string, long> Tables => tables;

    public void Add(string table, long rows)
    {
        tables[table] = tables.GetValueOrDefault(table) + rows;
        total += rows;
        var now = clock.Elapsed;
        if (now - lastPrint >= TimeSpan.FromSeconds(5))
        {
            var rate = (total - lastTotal) / (now - lastPrint).TotalSeconds;
            output.WriteLine(
                $"  {now:hh\\:mm\\:ss}  {table, -22} {tables[table], 12:N0} rows   total {total, 13:N0}   {rate, 10:N0} rows/s"
            );
            lastPrint = now;
            lastTotal = total;
        }
    }

    public double RowsPerSecond => total / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
}
