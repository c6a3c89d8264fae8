using System.Text.Json;
using DanVan.Bench;
using DanVan.Bench.Benchmarks;
using DanVan.Bench.Generate;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Data;
using Npgsql;

namespace DanVan.Tests.Bench;

/// <summary>
/// The benchmark instrument itself works: the generator at a tiny scale (one province, one commune) on the suite's
/// provider, its consistency check, and one iteration of the in-process bars (P1, P4) writing a results file and
/// the table — in a temporary folder, never the repository's docs. The benchmarks proper run with scripts/bench.sh.
/// </summary>
public sealed class BenchSmokeTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(
        Path.GetTempPath(),
        "danvan-bench-smoke",
        Guid.NewGuid().ToString("N")
    );
    private string connection = "";
    private string database = "";

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }
        else
        {
            database = $"danvan_bench_smoke_{Guid.NewGuid():N}";
            connection = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdmin)
            {
                Database = database,
            }.ConnectionString;
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (database.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        Directory.Delete(folder, recursive: true);
    }

    private BenchOptions Options(params string[] more) =>
        BenchOptions.Parse(
            [
                "--scale",
                "0.0003",
                "--provider",
                TestDatabase.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                "--connection",
                connection,
                "--out",
                folder,
                .. more,
            ],
            folder
        );

    [Fact]
    public async Task The_generator_writes_a_consistent_data_set_and_one_benchmark_iteration_fills_the_table()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = new StringWriter();
        Assert.Equal(0, await Generator.RunAsync(Options(), log, ct));
        Assert.Contains("Generated:", log.ToString(), StringComparison.Ordinal);

        // One province, one commune: the rows a commune holds at any scale.
        var check = new StringWriter();
        Assert.Equal(0, await Checker.RunAsync(Options(), check, ct));
        Assert.Matches(@"petitions\s+1[,.]505\b", check.ToString());
        // Personnel: the province's 20 cadres and the commune's 8, a quota for each of them and each year of the plan.
        Assert.Matches(@"cadres\s+28\b", check.ToString());
        Assert.Matches(@"staffing quotas\s+12\b", check.ToString());
        Assert.Contains("check: the data set is consistent.", check.ToString(), StringComparison.Ordinal);

        // A second generate at the same scale does nothing; another scale is refused.
        var again = new StringWriter();
        Assert.Equal(0, await Generator.RunAsync(Options(), again, ct));
        Assert.Contains("nothing to do", again.ToString(), StringComparison.Ordinal);
        var other = BenchOptions.Parse(
            ["--scale", "0.0004", "--provider", Options().ProviderName, "--connection", connection, "--out", folder],
            folder
        );
        var refused = await Assert.ThrowsAsync<BenchException>(() => Checker.RequireAsync(other, ct));
        Assert.Contains("not 0.0004", refused.Message, StringComparison.Ordinal);

        // 0 when every bar passes, 1 when one fails (a single run on one commune proves no ratio): either way a result.
        Assert.InRange(await Runner.RunAsync(Options("--only", "P1,P4", "--smoke"), TextWriter.Null, ct), 0, 1);
        var run = JsonSerializer.Deserialize<BenchRun>(
            await File.ReadAllTextAsync(Report.ResultsFile(folder, Options().ProviderName, "0.0003"), ct),
            BenchRun.Json
        )!;
        var p1 = run.Results.Where(r => r.Bar == "P1").ToList();
        // Five dashboards (the portal's statistics too) at three levels, the province's coverage matrix, the staffing
        // plan at three levels and the responsibility coverage at two.
        Assert.Equal(21, p1.Count);
        Assert.Contains(p1, r => r.What.StartsWith("coverage matrix, province", StringComparison.Ordinal));
        Assert.Equal(3, p1.Count(r => r.What.StartsWith("staffing plan, ", StringComparison.Ordinal)));
        Assert.Contains(p1, r => r.What.StartsWith("responsibility coverage, province", StringComparison.Ordinal));
        Assert.Contains(p1, r => r.What.StartsWith("responsibility coverage, commune", StringComparison.Ordinal));
        Assert.All(p1, r => Assert.True(r.Measured > 0 && double.IsFinite(r.Measured), r.What));
        var p4 = Assert.Single(run.Results, r => r.Bar == "P4");
        Assert.True(p4.Pass, $"{p4.Compared}: {p4.Measured} statements");
        var table = await File.ReadAllTextAsync(Path.Combine(folder, "docs", "PERFORMANCE.md"), ct);
        Assert.Contains("| P1 | home page, country:", table, StringComparison.Ordinal);
    }
}
