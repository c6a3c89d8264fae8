using DanVan.Bench;
using DanVan.Bench.Benchmarks.Crash;
using DanVan.Bench.Generate;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Data;
using Npgsql;

namespace DanVan.Tests.Bench;

/// <summary>
/// QUALITY.md R1 at a small size, on the suite's provider: the crash harness (<see cref="CrashTrials"/>, the bench's
/// <c>crash</c> command that docs/RELIABILITY.md's figures come from) starts the real app as a child process on a
/// generated data set, kills it with SIGKILL during a figure import while petitions are being recorded, and checks the
/// database: integrity, the import all there or absent with its audit entry, no acknowledged petition lost, the
/// re-run import exact, every summary equal to its recompute. Two trials of a 1,000-row import here; twenty of
/// 100,000 rows (and the PostgreSQL server stopped too) with the bench.
/// </summary>
public sealed class CrashSmokeTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(
        Path.GetTempPath(),
        "danvan-crash-smoke",
        Guid.NewGuid().ToString("N")
    );
    private string connection = "";
    private string database = "";

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            connection = $"Data Source={Path.Combine(folder, "crash.db")}";
        }
        else
        {
            database = $"danvan_crash_smoke_{Guid.NewGuid():N}";
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

    private string[] Args(params string[] more) =>
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
        ];

    [Fact]
    public async Task Killed_during_an_import_the_app_leaves_it_whole_or_absent_and_loses_no_acknowledged_petition()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(0, await Generator.RunAsync(BenchOptions.Parse(Args(), folder), TextWriter.Null, ct));

        var log = new StringWriter();
        var exit = await CrashTrials.RunAsync(
            Args("--trials", "2", "--rows", "1000", "--writers", "2"),
            BenchPaths.RepositoryRoot(),
            log,
            ct
        );
        var text = log.ToString();
        Assert.True(exit == 0, text);
        Assert.Matches(
            @"R1 trial 1: killed after [\d.]+ s; .*1,000 after the re-run; \d+ petitions acknowledged, 0 lost; ok",
            text
        );
        Assert.Matches(
            @"R1 trial 2: killed after [\d.]+ s; .*1,000 after the re-run; \d+ petitions acknowledged, 0 lost; ok",
            text
        );
        Assert.Contains("partial 0;", text, StringComparison.Ordinal);
        Assert.Contains("trials failed 0", text, StringComparison.Ordinal);
        Assert.Matches(@"petitions acknowledged [1-9]\d*, lost 0", text);
    }
}
