using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// A PostgreSQL streaming-replication standby that dashboards, the public portal and background exports read from
/// (ADR-0034), with a proven staleness bound: every few seconds the instance notes the time and then the primary's WAL
/// position, and asks the standby how far it has replayed. A read goes to the standby only while the newest noted
/// moment it has replayed past is at most <see cref="MaxStaleness"/> old — so a page served from it misses no commit
/// older than that — and to the primary otherwise (standby behind, unreachable, or not checked lately). Without
/// <c>ConnectionStrings:ReadOnly</c> everything reads from the primary.
/// </summary>
public sealed class ReadReplica
{
    /// <summary>The service key of the context (and the figure reader) that may read from the standby.</summary>
    public const string Key = "read-replica";

    /// <summary>The service key of a context on the primary, for a write made in a scope that reads from the standby
    /// (a background export's audit entry).</summary>
    public const string PrimaryKey = "primary";

    private readonly TimeProvider clock;
    private readonly object gate = new();
    private readonly Queue<(DateTimeOffset At, ulong Lsn)> samples = new();
    private DateTimeOffset? caughtUpTo;

    public ReadReplica(IConfiguration configuration, TimeProvider clock)
    {
        this.clock = clock;
        ConnectionString = configuration.GetConnectionString("ReadOnly") is { Length: > 0 } readOnly ? readOnly : null;
        PrimaryConnectionString = configuration.GetConnectionString("Default");
        MaxStaleness = TimeSpan.FromSeconds(configuration.GetValue("Database:ReplicaMaxStalenessSeconds", 10.0));
        CheckEvery = TimeSpan.FromSeconds(configuration.GetValue("Database:ReplicaCheckSeconds", 2.0));
        if (ConnectionString is null)
        {
            return;
        }

        if (DatabaseSetup.ProviderFrom(configuration) != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:ReadOnly names a PostgreSQL standby; it needs Database:Provider postgres."
            );
        }

        if (CheckEvery >= MaxStaleness)
        {
            throw new InvalidOperationException(
                "Database:ReplicaCheckSeconds must be shorter than Database:ReplicaMaxStalenessSeconds."
            );
        }

        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        Configure(options);
        Options = options.Options;
    }

    /// <summary>The standby's connection string; null when none is configured.</summary>
    public string? ConnectionString { get; }

    private string? PrimaryConnectionString { get; }

    /// <summary>The oldest a read from the standby may be (<c>Database:ReplicaMaxStalenessSeconds</c>, 10).</summary>
    public TimeSpan MaxStaleness { get; }

    /// <summary>How often each instance measures the standby (<c>Database:ReplicaCheckSeconds</c>, 2).</summary>
    public TimeSpan CheckEvery { get; }

    public bool Configured => ConnectionString is not null;

    /// <summary>The options of a context on the standby: no tracking, and a save refused.</summary>
    internal DbContextOptions<DanVanDbContext>? Options { get; }

    /// <summary>How old a read from the standby would be now, at worst; null when it has not been measured.</summary>
    public TimeSpan? Staleness
    {
        get
        {
            lock (gate)
            {
                return caughtUpTo is { } at ? clock.GetUtcNow() - at : null;
            }
        }
    }

    /// <summary>Whether a read now may go to the standby.</summary>
    public bool Usable => Configured && Staleness is { } staleness && staleness <= MaxStaleness;

    /// <summary>Configures a context on the standby.</summary>
    internal void Configure(DbContextOptionsBuilder options)
    {
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, ConnectionString!);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(ReadOnlyGuard.Instance);
    }

    /// <summary>
    /// Notes that the primary's WAL stood at <paramref name="primaryLsn"/> at <paramref name="at"/> (every commit
    /// acknowledged before then lies at or below it) and that the standby has replayed up to
    /// <paramref name="replayedLsn"/>.
    /// </summary>
    public void Record(DateTimeOffset at, ulong primaryLsn, ulong replayedLsn)
    {
        lock (gate)
        {
            samples.Enqueue((at, primaryLsn));
            while (samples.Count > 0 && samples.Peek().Lsn <= replayedLsn)
            {
                var (sampledAt, _) = samples.Dequeue();
                caughtUpTo = caughtUpTo is { } known && known > sampledAt ? known : sampledAt;
            }

            // A standby that stopped replaying keeps the queue growing only as long as the bound is not yet exceeded.
            while (samples.Count > 0 && at - samples.Peek().At > MaxStaleness * 4)
            {
                samples.Dequeue();
            }
        }
    }

    /// <summary>Measures the standby once: the time, the primary's WAL position, the standby's replay position.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        if (ConnectionString is null || PrimaryConnectionString is null)
        {
            return;
        }

        var at = clock.GetUtcNow();
        var primary = await LsnAsync(PrimaryConnectionString, "SELECT pg_current_wal_lsn()::text", ct);
        // A server that is not a standby (a copy, or the primary itself named twice) is as current as its own WAL.
        var replayed = await LsnAsync(
            ConnectionString,
            "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text",
            ct
        );
        Record(at, primary, replayed);
    }

    private static async Task<ulong> LsnAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return ParseLsn((string)(await command.ExecuteScalarAsync(ct))!);
    }

    /// <summary>A WAL position as PostgreSQL writes it ("16/B374D848").</summary>
    public static ulong ParseLsn(string lsn)
    {
        var slash = lsn.IndexOf('/', StringComparison.Ordinal);
        return (ulong.Parse(lsn[..slash], NumberStyles.HexNumber, CultureInfo.InvariantCulture) << 32)
            | ulong.Parse(lsn[(slash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a save on a context that reads from the standby: writes belong on the primary.</summary>
    private sealed class ReadOnlyGuard : SaveChangesInterceptor
    {
        public static readonly ReadOnlyGuard Instance = new();

        public override InterceptionResult<int> SavingChanges(
            DbContextEventData eventData,
            InterceptionResult<int> result
        ) => throw Refused();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        ) => throw Refused();

        private static InvalidOperationException Refused() =>
            new("This context reads from the read replica; a save belongs on the primary (ReadReplica.PrimaryKey).");
    }
}

/// <summary>Set on a scope whose every read may go to the standby (a background export) before anything in it asks for
/// a database context.</summary>
public sealed class ReadIntent
{
    public bool FromReplica { get; set; }
}

/// <summary>Measures the standby every <see cref="ReadReplica.CheckEvery"/>, on every instance (each decides for its
/// own reads; no lease).</summary>
public sealed class ReplicaMonitor(ReadReplica replica, ILogger<ReplicaMonitor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var usable = true;
        using var timer = new PeriodicTimer(replica.CheckEvery);
        do
        {
            try
            {
                await replica.CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                log.LogDebug("The read replica could not be measured: {Message}", e.Message);
            }

            if (replica.Usable != usable)
            {
                usable = replica.Usable;
                if (usable)
                {
                    log.LogWarning(
                        "The read replica is current again ({Staleness}); dashboards, the portal and exports read from it.",
                        replica.Staleness
                    );
                }
                else
                {
                    log.LogWarning(
                        "The read replica is behind or unreachable ({Staleness}); reads go to the primary.",
                        replica.Staleness
                    );
                }
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
