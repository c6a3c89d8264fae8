using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Bench;

/// <summary>The options every command shares.</summary>
internal sealed record BenchOptions(
    double Scale,
    DatabaseProvider Provider,
    string ConnectionString,
    int Seed,
    string RepositoryRoot,
    bool Force,
    IReadOnlySet<string> Only
)
{
    public string ScaleText => Scale.ToString("0.0###", CultureInfo.InvariantCulture);

    public string ProviderName => Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    /// <summary>Options from the command line: <c>--scale S --provider sqlite|postgres [--connection CS]
    /// [--seed N] [--force] [--only P1,P3]</c>. Without a connection string: SQLite at artifacts/bench/danvan-S.db, PostgreSQL
    /// at DANVAN_BENCH_PG (a server's connection string) with the database danvan_bench_S.</summary>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        var scale = 0.01;
        var provider = DatabaseProvider.Sqlite;
        string? connection = null;
        var seed = 20_260_701;
        var force = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scale":
                    var text = Value();
                    if (
                        !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out scale)
                        || scale <= 0
                        || scale > 1
                    )
                    {
                        throw new BenchException(
                            $"--scale {text}: give a number above 0 and at most 1 (1.0 is national)."
                        );
                    }

                    break;
                case "--provider":
                    provider = Value().ToLowerInvariant() switch
                    {
                        "sqlite" => DatabaseProvider.Sqlite,
                        "postgres" or "postgresql" => DatabaseProvider.Postgres,
                        var other => throw new BenchException($"--provider {other}: use sqlite or postgres."),
                    };
                    break;
                case "--connection":
                    connection = Value();
                    break;
                case "--seed":
                    seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--force":
                    force = true;
                    break;
                case "--only":
                    only.UnionWith(
                        Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    );
                    break;
                default:
                    throw new BenchException($"Unknown option {args[i]}.");
            }
        }

        var scaleName = scale.ToString("0.0###", CultureInfo.InvariantCulture).Replace('.', '_');
        connection ??=
            provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(repositoryRoot, "artifacts", "bench", $"danvan-{scaleName}.db")}"
                : new NpgsqlConnectionStringBuilder(
                    Environment.GetEnvironmentVariable("DANVAN_BENCH_PG")
                        ?? throw new BenchException(
                            "PostgreSQL: set DANVAN_BENCH_PG to a server's connection string (scripts/bench.sh starts one) or give --connection."
                        )
                )
                {
                    Database = $"danvan_bench_{scaleName}",
                }.ConnectionString;
        return new BenchOptions(scale, provider, connection, seed, repositoryRoot, force, only);
    }

    /// <summary>Whether a bar is to be measured in this run (all unless --only names some).</summary>
    public bool Runs(string bar) => Only.Count == 0 || Only.Contains(bar);

    public DbContextOptions<DanVanDbContext> DbOptions()
    {
        var builder = new DbContextOptionsBuilder<DanVanDbContext>();
        DatabaseSetup.Configure(builder, Provider, ConnectionString);
        return builder.Options;
    }

    /// <summary>The host arguments that point the app at this database.</summary>
    public string[] HostArgs(params string[] more) =>
        [
            $"--Database:Provider={ProviderName}",
            $"--ConnectionStrings:Default={ConnectionString}",
            "--Database:MigrateOnStartup=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            .. more,
        ];

    /// <summary>Checks the server answers, with a clear message when it does not.</summary>
    public async Task EnsureServerAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Timeout = 5 };
        try
        {
            await using var conn = new NpgsqlConnection(admin.ConnectionString);
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new BenchException(
                $"PostgreSQL is not answering at {admin.Host}:{admin.Port} ({e.Message}). Start it, or run scripts/bench.sh, which starts one."
            );
        }
    }

    /// <summary>Removes the database (a SQLite file and its journal, or the PostgreSQL database).</summary>
    public async Task DropAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            SqliteConnection.ClearAllPools();
            // A first run: the folder of the file may not exist yet (File.Delete needs it).
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            {
                File.Delete(path);
            }

            return;
        }

        var target = new NpgsqlConnectionStringBuilder(ConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" };
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A refusal or failure the bench explains in one line (no stack trace).</summary>
internal sealed class BenchException(string message) : Exception(message);
