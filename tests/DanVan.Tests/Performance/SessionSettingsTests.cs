using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Performance;

/// <summary>
/// The database sessions the app opens run with DanVan's settings: on PostgreSQL just-in-time compilation is off
/// (ADR-0023: it cost the country's home page 184 ms of 904 ms); on SQLite the write-ahead log with full
/// synchronisation (nothing committed is lost).
/// </summary>
public sealed class SessionSettingsTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task The_app_s_sessions_run_with_DanVan_s_settings()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = conn.CreateCommand();
        if (app.Provider == DatabaseProvider.Postgres)
        {
            command.CommandText = "SHOW jit";
            Assert.Equal("off", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        else
        {
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)); // FULL
        }
    }

    [Fact]
    public void A_connection_string_that_sets_options_is_used_as_given()
    {
        var given = "Host=127.0.0.1;Database=danvan;Options=-c jit=on";
        Assert.Contains("jit=on", DatabaseSetup.WithSessionDefaults(given), StringComparison.Ordinal);
        Assert.DoesNotContain("jit=off", DatabaseSetup.WithSessionDefaults(given), StringComparison.Ordinal);
        Assert.Contains(
            "-c jit=off",
            DatabaseSetup.WithSessionDefaults("Host=127.0.0.1;Database=danvan"),
            StringComparison.Ordinal
        );
    }
}
