using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using DanVan.Bench.Generate;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks;

/// <summary>How a measured value meets its limit.</summary>
public enum Limit
{
    AtMost,
    AtLeast,
}

/// <summary>One line of the table in docs/PERFORMANCE.md: a bar, what was compared, the measured value and its
/// limit.</summary>
public sealed record BenchResult(
    string Bar,
    string What,
    string Compared,
    double Measured,
    string Unit,
    Limit Kind,
    double Limit,
    string? Note = null,
    DateTime? Date = null,
    string? Commit = null,
    string? Proposed = null
)
{
    public bool Pass => Kind == Benchmarks.Limit.AtMost ? Measured <= Limit : Measured >= Limit;
}

/// <summary>
/// The replacement forms ADR-0021 proposes for the bars whose ratio measures a fixed cost on a small baseline
/// (proposed, not in force: the table shows them beside the quality plan's result, which still decides).
/// </summary>
internal static class ProposedBars
{
    /// <summary>P1: the dashboard ≤ 1.5 × the hand-written SQL + 5 ms.</summary>
    public static string P1(double appMs, double sqlMs) => Verdict(appMs, 1.5 * sqlMs + 5, "ms", "1.5 × SQL + 5 ms");

    /// <summary>P2: EF Core's client cost (its time − the statement's through ADO.NET) ≤ 0.25 × the statement + 0.2
    /// ms.</summary>
    public static string P2(double efMicroseconds, double adoMicroseconds) =>
        Verdict(
            (efMicroseconds - adoMicroseconds) / 1000,
            (0.25 * adoMicroseconds + 200) / 1000,
            "ms",
            "client cost ≤ 0.25 × SQL + 0.2 ms"
        );

    private static string Verdict(double measured, double limit, string unit, string rule) =>
        $"ADR-0021 ({rule}): {Report.Format(measured)} {unit}, limit {Report.Format(limit)} {unit}: {(measured <= limit ? "pass" : "fail")}";
}

/// <summary>A run's results with where and when they were measured.</summary>
public sealed record BenchRun(
    string Provider,
    string Scale,
    string Machine,
    DateTime Date,
    string Commit,
    long GeneratedRows,
    double GeneratorRowsPerSecond,
    TimeSpan Duration,
    IReadOnlyList<BenchResult> Results
)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>What every benchmark gets: the options, the generated data set's marker, the app's services on the
/// generated database, and where to print.</summary>
internal sealed class BenchContext(
    BenchOptions options,
    DatasetInfo dataset,
    IServiceProvider services,
    TextWriter output
)
{
    public BenchOptions Options { get; } = options;

    public DatasetInfo Dataset { get; } = dataset;

    /// <summary>The app's own services (Program.CreateBuilder) on the generated database.</summary>
    public IServiceProvider Services { get; } = services;

    public TextWriter Output { get; } = output;

    /// <summary>A quick run (scale below 0.1): shorter loads and fewer repetitions, same measurements.</summary>
    public bool Quick => Options.Scale < 0.1;

    /// <summary>Timed repetitions of a measurement: once in a smoke run, more in a quick run (short timings are
    /// noisier), five at larger scales; DANVAN_BENCH_REPS=N overrides (to profile a bar).</summary>
    public int Repetitions =>
        int.TryParse(Environment.GetEnvironmentVariable("DANVAN_BENCH_REPS"), out var reps) && reps > 0 ? reps
        : Options.Smoke ? 1
        : Quick ? 9
        : 5;

    /// <summary>Untimed runs before the timed ones (none in a smoke run).</summary>
    public int Warmups => Options.Smoke ? 0 : 2;

    public void Say(string line) => Output.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>A scope whose <see cref="ICurrentUser"/> is the generated account <paramref name="role"/> of the
    /// unit (its single grant active), as the app's middleware would sign it in.</summary>
    public async Task<AsyncServiceScope> SignedInScopeAsync(string role, int unitId, CancellationToken ct)
    {
        var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var account = await db
            .Users.AsNoTracking()
            .Where(a => a.HomeUnitId == unitId && a.Email!.StartsWith("bench." + role + "."))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.DisplayName })
            .FirstAsync(ct);
        var grants = await (
            from g in db.Assignments.AsNoTracking()
            join u in db.Units on g.UnitId equals u.Id
            where g.AccountId == account.Id
            select new Grant(
                g.Id,
                g.Role,
                u.Id,
                u.Name,
                u.Level,
                u.ProvinceId,
                u.CommuneId,
                u.VillageId,
                g.OrganizationId
            )
        ).ToListAsync(ct);
        scope
            .ServiceProvider.GetRequiredService<CurrentUser>()
            .SignedIn(account.Id, account.DisplayName, false, grants, unitId);
        return scope;
    }

    /// <summary>The unit ids of the three levels P1 measures: the country, the first province, its first commune.</summary>
    public async Task<(int Country, int Province, int Commune)> LevelsAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var country = await db.Units.Where(u => u.Level == UnitLevel.Central).Select(u => u.Id).SingleAsync(ct);
        var province = await db
            .Units.Where(u => u.Level == UnitLevel.Province)
            .OrderBy(u => u.Id)
            .Select(u => u.Id)
            .FirstAsync(ct);
        var commune = await db
            .Units.Where(u => u.Level == UnitLevel.Commune && u.ProvinceId == province)
            .OrderBy(u => u.Id)
            .Select(u => u.Id)
            .FirstAsync(ct);
        return (country, province, commune);
    }

    /// <summary>The median of <paramref name="runs"/> timed runs after <paramref name="warmup"/> untimed ones.</summary>
    public static async Task<TimeSpan> MedianAsync(Func<Task> action, int runs, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }

        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
