using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// Writes many new rows of one entity type inside the context's open transaction with the provider's bulk path —
/// PostgreSQL binary <c>COPY</c>, SQLite prepared multi-row <c>INSERT</c>s — instead of one tracked insert per row
/// (ADR-0022). The values are the ones EF Core would store (the model's converters applied); keys the database
/// generates are neither written nor read back. The change tracker never sees the rows, so the generic audit trail
/// does not either: only rows that keep their own history (<see cref="IOwnHistory"/>) are written this way, by the
/// code that writes that history.
/// </summary>
public static class BulkInsert
{
    /// <summary>Binds stay near 200 a statement: SQLite finds a parameter by a linear search of its names.</summary>
    private const int SqliteParameters = 200;

    /// <param name="keys">Whether the rows carry their keys (from <see cref="ReserveKeysAsync{T}"/>); otherwise the
    /// database generates them.</param>
    /// <param name="rows">Read once, as they are written: a projection is never held whole.</param>
    public static async Task InsertAsync<T>(DbContext db, IEnumerable<T> rows, CancellationToken ct, bool keys = false)
        where T : class
    {
        if (rows is ICollection<T> { Count: 0 })
        {
            return;
        }

        var transaction = TransactionOf(db);
        var (table, columns) = ColumnsOf<T>(db, keys);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (db.Database.IsNpgsql())
        {
            await CopyAsync((NpgsqlConnection)transaction.Connection!, table, names, columns, rows, ct);
        }
        else
        {
            await RowsSqliteAsync(
                (SqliteTransaction)transaction,
                $"INSERT INTO \"{table}\" ({names}) VALUES {{0}}",
                columns.Count,
                rows,
                (row, c) => columns[c].StoreValue(row),
                ct
            );
        }
    }

    /// <summary>
    /// Keys for new rows of a table with a generated <c>long</c> key, taken the way the database would take them, so
    /// that rows written in bulk can be referred to without reading them back: PostgreSQL draws them from the
    /// column's sequence; SQLite, whose writing transaction holds the whole database, continues after the largest key
    /// ever given (its AUTOINCREMENT counter, so a removed row's key is never given again).
    /// </summary>
    public static async Task<long[]> ReserveKeysAsync<T>(DbContext db, int count, CancellationToken ct)
        where T : class
    {
        var keys = new long[count];
        if (count == 0)
        {
            return keys;
        }

        var transaction = TransactionOf(db);
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, null))!;
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (db.Database.IsNpgsql())
        {
            command.CommandText =
                $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', '{key}')) FROM generate_series(1, {count.ToString(CultureInfo.InvariantCulture)})";
            await using var reader = await command.ExecuteReaderAsync(ct);
            for (var i = 0; i < count && await reader.ReadAsync(ct); i++)
            {
                keys[i] = reader.GetInt64(0);
            }
        }
        else
        {
            command.CommandText =
                $"SELECT MAX(COALESCE((SELECT MAX(\"{key}\") FROM \"{table}\"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))";
            var last = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                keys[i] = last + 1 + i;
            }
        }

        return keys;
    }

    /// <summary>
    /// SQLite: a statement over many rows of values ("INSERT … VALUES (…), (…) ON CONFLICT …") run for a batch read
    /// once, as it is written: prepared statements of up to 64 rows each, so that a large batch is neither one huge
    /// text nor a statement per row. <paramref name="sql"/> formats the statement around its VALUES list ({0}).
    /// </summary>
    public static Task ExecuteRowsSqliteAsync<T>(
        DbContext db,
        string sql,
        int columns,
        IEnumerable<T> rows,
        Func<T, int, object?> value,
        CancellationToken ct
    ) => RowsSqliteAsync((SqliteTransaction)TransactionOf(db), sql, columns, rows, value, ct);

    private static async Task RowsSqliteAsync<T>(
        SqliteTransaction transaction,
        string sql,
        int columns,
        IEnumerable<T> rows,
        Func<T, int, object?> value,
        CancellationToken ct
    )
    {
        async Task RunRowsAsync(SqliteCommand command, T[] batch)
        {
            var n = 0;
            foreach (var row in batch)
            {
                for (var c = 0; c < columns; c++)
                {
                    command.Parameters[n++].Value = value(row, c) is { } v ? ToSqlite(v) : DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        var perStatement = Math.Max(1, Math.Min(64, SqliteParameters / columns));
        SqliteCommand? full = null;
        try
        {
            foreach (var batch in rows.Chunk(perStatement))
            {
                if (batch.Length == perStatement)
                {
                    full ??= PrepareRows(transaction, sql, columns, perStatement);
                    await RunRowsAsync(full, batch);
                }
                else
                {
                    await using var rest = PrepareRows(transaction, sql, columns, batch.Length);
                    await RunRowsAsync(rest, batch);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static SqliteCommand PrepareRows(SqliteTransaction transaction, string sql, int columns, int rows)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, ValuesList(command, columns, rows));
        command.Prepare();
        return command;
    }

    /// <summary>"(@p0, @p1), (@p2, @p3)…" with its parameters added to <paramref name="command"/>.</summary>
    private static string ValuesList(SqliteCommand command, int columns, int rows)
    {
        var values = new StringBuilder();
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            values.Append(r == 0 ? "(" : ",(");
            for (var c = 0; c < columns; c++)
            {
                var name = "@p" + n++.ToString(CultureInfo.InvariantCulture);
                values.Append(c == 0 ? name : "," + name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            values.Append(')');
        }

        return values.ToString();
    }

    private static System.Data.Common.DbTransaction TransactionOf(DbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");

    /// <summary>The text or number EF Core's SQLite provider stores for a value already converted to its store type
    /// (dates, times and decimals as text; enums as numbers).</summary>
    public static object ToSqlite(object value) =>
        value switch
        {
            DateTime d => d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.0###########################", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
            _ => value,
        };

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection,
        string table,
        string names,
        IReadOnlyList<Column> columns,
        IEnumerable<T> rows,
        CancellationToken ct
    )
        where T : class
    {
        // The store type without its length or precision ("character varying(200)" is written as "character varying").
        var types = columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim()).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)",
            ct
        );
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].StoreValue(row) is { } value)
                {
                    await importer.WriteAsync(value, types[i], ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>The table and its columns in model order, without a key the database generates unless the rows carry
    /// their own.</summary>
    public static (string Table, IReadOnlyList<Column> Columns) ColumnsOf<T>(DbContext db, bool keys)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (!keys && property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never)
            {
                continue;
            }

            if (property.IsShadowProperty() || property.PropertyInfo is null)
            {
                throw new InvalidOperationException($"{table}.{property.Name} has no CLR property to write");
            }

            columns.Add(
                new Column(property.GetColumnName(store)!, property, (RelationalTypeMapping)property.GetTypeMapping())
            );
        }

        return (table, columns);
    }

    /// <summary>A mapped column: its name, and how to read an entity's value as the database stores it.</summary>
    public sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        private readonly Func<object, object?> getter = Property.GetGetter().GetClrValueUsingContainingEntity;

        /// <summary>The value as the database stores it (converters applied).</summary>
        public object? StoreValue(object entity) =>
            getter(entity) is { } value ? Mapping.Converter?.ConvertToProvider(value) ?? value : null;
    }
}
