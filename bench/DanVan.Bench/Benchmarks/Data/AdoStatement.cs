using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>
/// The SQL EF Core sends for a query (its <c>ToQueryString()</c>, the parameters as EF Core binds them), run again
/// through plain ADO.NET: a fresh connection from the same connection string (from the provider's own pool), one
/// command, one reader. The baseline of P2.
/// </summary>
internal sealed class AdoStatement
{
    private readonly bool postgres;
    private readonly string connectionString;
    private readonly DbParameter[] parameters;

    private AdoStatement(bool postgres, string connectionString, string sql, DbParameter[] parameters)
    {
        this.postgres = postgres;
        this.connectionString = connectionString;
        this.parameters = parameters;
        Sql = sql;
    }

    public string Sql { get; }

    /// <summary>The statement of <paramref name="query"/>: the SQL of <c>ToQueryString()</c> (checked to be the text
    /// of the command EF Core would run) and copies of that command's parameters.</summary>
    public static AdoStatement Of<T>(IQueryable<T> query, string connectionString)
    {
        var text = query.ToQueryString();
        using var command = query.CreateDbCommand();
        if (!text.EndsWith(command.CommandText, StringComparison.Ordinal))
        {
            throw new BenchException("ToQueryString() and the command EF Core runs differ:\n" + text);
        }

        var postgres = command is NpgsqlCommand;
        var copies = command.Parameters.Cast<DbParameter>().Select(p => Copy(p)).ToArray();
        return new AdoStatement(postgres, connectionString, command.CommandText, copies);
    }

    private static DbParameter Copy(DbParameter p) =>
        p switch
        {
            NpgsqlParameter n => n.Clone(),
            // A size is copied only when EF Core set one: Microsoft.Data.Sqlite cuts a text to an explicit Size 0.
            SqliteParameter s when s.Size > 0 => new SqliteParameter(s.ParameterName, s.Value)
            {
                SqliteType = s.SqliteType,
                Size = s.Size,
            },
            SqliteParameter s => new SqliteParameter(s.ParameterName, s.Value) { SqliteType = s.SqliteType },
            _ => throw new BenchException($"Unknown parameter type {p.GetType()}"),
        };

    /// <summary>Opens a connection, runs the statement and reads every row with <paramref name="row"/>.</summary>
    public async Task<List<T>> ListAsync<T>(Func<DbDataReader, T> row)
    {
        await using DbConnection connection = postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(Copy(p));
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>The column names of the statement's result, to check a hand-written reader against.</summary>
    public async Task<string[]> ColumnsAsync()
    {
        string[] names = [];
        await ListAsync(reader => names = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)]);
        return names;
    }
}
