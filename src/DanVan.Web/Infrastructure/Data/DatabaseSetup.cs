using System.Collections.Concurrent;
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
        var primaryOptions = new Lazy<DbContextOptions<DanVanDbContext>>(() =>
            PrimaryOptions(provider, connectionString)
        );
        services.AddSingleton<ReadReplica>();
        services.AddScoped<ReadIntent>();
        // A scope that reads from the standby (a background export) gets a context on it, while it is current.
        services.AddDbContext<DanVanDbContext>(
            (sp, options) =>
            {
                var replica = sp.GetRequiredService<ReadReplica>();
                if (sp.GetRequiredService<ReadIntent>().FromReplica && replica.Usable)
                {
                    replica.Configure(options);
                }
                else
                {
                    Configure(options, provider, connectionString);
                }
            }
        );
        // What a dashboard or the portal asks for: the standby while it is current, the request's own context
        // otherwise.
        services.AddKeyedScoped<DanVanDbContext>(ReadReplica.Key, (sp, _) =>
            sp.GetRequiredService<ReadReplica>() is { Usable: true, Options: { } replica }
                ? new DanVanDbContext(replica, sp.GetService<Auth.ICurrentUser>(), sp.GetService<TimeProvider>())
                : sp.GetRequiredService<DanVanDbContext>()
        );
        // A write in a scope that reads from the standby.
        services.AddKeyedScoped<DanVanDbContext>(ReadReplica.PrimaryKey, (sp, _) =>
            sp.GetRequiredService<ReadIntent>().FromReplica
                ? new DanVanDbContext(
                    primaryOptions.Value,
                    sp.GetService<Auth.ICurrentUser>(),
                    sp.GetService<TimeProvider>()
                )
                : sp.GetRequiredService<DanVanDbContext>()
        );
        return services;
    }

    private static DbContextOptions<DanVanDbContext> PrimaryOptions(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        Configure(options, provider, connectionString);
        return options.Options;
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
            options.UseNpgsql(WithSessionDefaults(connectionString), o => o.MigrationsAssembly(PostgresMigrations));
        }
    }

    private sealed record TunedConnection(string Given, string Used);

    private static TunedConnection? lastPostgres;

    /// <summary>
    /// The PostgreSQL session settings DanVan runs with, as startup options of the connection (so they survive the
    /// pool's reset): just-in-time compilation off (ADR-0023) — DanVan's statements read indexes and summary rows
    /// for a page, and JIT compiling them cost more than it saved (the country's home page: 184 ms of 904 ms).
    /// A connection string that sets <c>Options</c> itself is used as given.
    /// </summary>
    public static string WithSessionDefaults(string connectionString)
    {
        if (lastPostgres is { } last && last.Given == connectionString)
        {
            return last.Used;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        var used = builder.ConnectionString;
        lastPostgres = new TunedConnection(connectionString, used);
        return used;
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

        // The pragmas belong to the native connection, which the pool keeps open between uses: each native
        // connection gets them once, not every time EF Core opens the pooled one (three statements per query).
        private static readonly ConditionalWeakTable<object, object> Applied = new();
        private static readonly ConcurrentDictionary<string, bool> ReadOnly = new();

        private static void Apply(DbConnection connection)
        {
            // EF Core probes whether the database exists through a read-only connection; leave that one alone.
            var readOnly = ReadOnly.GetOrAdd(connection.ConnectionString, cs =>
                new SqliteConnectionStringBuilder(cs).Mode == SqliteOpenMode.ReadOnly
            );
            if (readOnly || connection is not SqliteConnection { Handle: { } handle })
            {
                return;
            }

            if (Applied.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
            command.ExecuteNonQuery();
            Applied.AddOrUpdate(handle, handle);
        }
    }
}
