using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DanVan.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Chooses SQLite (the embedded default) or PostgreSQL (production) from configuration
/// (<c>Database:Provider</c>, <c>ConnectionStrings:Default</c>), each with its own migrations assembly.
/// </summary>
public static class DatabaseSetup
{
    public const string SqliteMigrations = "DanVan.Migrations.Sqlite";
    public const string PostgresMigrations = "DanVan.Migrations.Postgres";
    public const string DefaultSqlite = "Data Source=data/danvan.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration) =>
        (configuration["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException(
                $"Unknown Database:Provider '{other}'; use 'sqlite' or 'postgres'."
            ),
        };

    public static IServiceCollection AddDanVanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString("Default")
            ?? (
                provider == DatabaseProvider.Sqlite
                    ? DefaultSqlite
                    : throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSQL.")
            );
        services.AddDbContext<DanVanDbContext>(options => Configure(options, provider, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        LoadMigrationAssembliesBesideTheApp();
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(connectionString);
            options
                .UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(SqliteDurability.Instance);
        }
        else
        {
            options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations));
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static int resolverInstalled;

    /// <summary>
    /// The migration assemblies reference this one, so they are not in its dependency manifest; they are
    /// copied beside it by the build (see the project file) and loaded from there by name.
    /// </summary>
    private static void LoadMigrationAssembliesBesideTheApp()
    {
        if (Interlocked.Exchange(ref resolverInstalled, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrations or PostgresMigrations))
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static Assembly? FindMigrationsAssembly(DatabaseProvider provider)
    {
        try
        {
            return Assembly.Load(provider == DatabaseProvider.Sqlite ? SqliteMigrations : PostgresMigrations);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Citizen data must survive a power loss: WAL journal, synchronous=FULL, and a busy timeout so
    /// concurrent writers wait instead of failing (QUALITY.md, reliability).
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(
            DbConnection connection,
            ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default
        )
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        /// <summary>The native connections already set up: Microsoft.Data.Sqlite pools them, and a pooled one keeps
        /// its settings when it is closed and opened again, so each is set up once rather than on every open (a
        /// statement and a parse of the connection string that every query paid, QUALITY.md P2).</summary>
        private static readonly ConditionalWeakTable<object, object> Prepared = new();

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Prepared.TryGetValue(handle, out _))
            {
                return;
            }

            // EF Core probes whether the database exists through a read-only connection; leave that one alone.
            if (new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly)
            {
                return;
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
                command.ExecuteNonQuery();
            }

            if (handle is not null)
            {
                Prepared.AddOrUpdate(handle, handle);
            }
        }
    }
}
