using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DanVan.Tests.Operations;

/// <summary>
/// The read replica (ADR-0034): dashboards, the portal and background exports read from a PostgreSQL standby while its
/// replay is within the staleness bound, from the primary otherwise; writes made while reading from it (an export's
/// audit entry) go to the primary. On PostgreSQL the "standby" is a copy of the test database whose commune carries
/// another name, so each page shows where it read from.
/// </summary>
public sealed class ReadReplicaTests(ReadReplicaTests.ReplicaApp app) : IClassFixture<ReadReplicaTests.ReplicaApp>
{
    private const string ReplicaName = "Xã Bản Sao";

    private static IConfiguration Settings(string provider, string? readOnly) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Database:Provider"] = provider,
                    ["ConnectionStrings:Default"] = "Host=127.0.0.1;Database=primary",
                    ["ConnectionStrings:ReadOnly"] = readOnly,
                    ["Database:ReplicaMaxStalenessSeconds"] = "10",
                    ["Database:ReplicaCheckSeconds"] = "2",
                }
            )
            .Build();

    [Fact]
    public void The_standby_is_read_only_while_what_it_replayed_is_within_the_staleness_bound()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var replica = new ReadReplica(Settings("postgres", "Host=127.0.0.1;Database=standby"), clock);
        Assert.True(replica.Configured);
        Assert.False(replica.Usable); // never measured: the primary
        Assert.Null(replica.Staleness);

        // Caught up at the first check.
        replica.Record(clock.GetUtcNow(), primaryLsn: 100, replayedLsn: 100);
        Assert.True(replica.Usable);
        Assert.Equal(TimeSpan.Zero, replica.Staleness);

        // The primary moves on every two seconds; the standby stops replaying at 100. Its reads age with the clock
        // and stop being used once they would miss a commit older than ten seconds.
        for (var check = 1; check <= 5; check++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            replica.Record(clock.GetUtcNow(), 100 + (ulong)check * 10, 100);
            Assert.True(replica.Usable, $"check {check}: {replica.Staleness}");
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(replica.Usable); // 11 s without a check it has replayed past
        Assert.Equal(TimeSpan.FromSeconds(11), replica.Staleness);

        // It replays up to the position of the check four seconds in (120): it is then 7 s behind, usable again.
        replica.Record(clock.GetUtcNow(), 170, 125);
        Assert.Equal(TimeSpan.FromSeconds(7), replica.Staleness);
        Assert.True(replica.Usable);

        // Caught up again: current.
        clock.Advance(TimeSpan.FromSeconds(2));
        replica.Record(clock.GetUtcNow(), 180, 180);
        Assert.Equal(TimeSpan.Zero, replica.Staleness);

        Assert.Equal(0x16_B374D848UL, ReadReplica.ParseLsn("16/B374D848"));
        Assert.Equal(0UL, ReadReplica.ParseLsn("0/0"));

        // Without ReadOnly nothing is read from a standby; SQLite has none; a check slower than the bound is refused.
        Assert.False(new ReadReplica(Settings("postgres", null), clock).Usable);
        var sqlite = Assert.Throws<InvalidOperationException>(() =>
            new ReadReplica(Settings("sqlite", "Data Source=x.db"), clock)
        );
        Assert.Contains("Database:Provider postgres", sqlite.Message, StringComparison.Ordinal);
        var slow = new ConfigurationBuilder()
            .AddConfiguration(Settings("postgres", "Host=x"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ReplicaCheckSeconds"] = "10" })
            .Build();
        Assert.Throws<InvalidOperationException>(() => new ReadReplica(slow, clock));
    }

    [Fact]
    public async Task Dashboards_the_portal_and_background_exports_read_from_a_current_standby_and_from_the_primary_otherwise()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.P1);
        using var pages = await app.SignInAsync(officer);
        var replica = app.Services.GetRequiredService<ReadReplica>();
        var dashboard = $"/units/{app.Tree.P1.Id}/dashboard";

        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // No standby: the dashboards' context is the request's own, and a background export runs on it.
            Assert.False(replica.Configured);
            await using var scope = app.Services.CreateAsyncScope();
            Assert.Same(
                scope.ServiceProvider.GetRequiredService<DanVanDbContext>(),
                scope.ServiceProvider.GetRequiredKeyedService<DanVanDbContext>(ReadReplica.Key)
            );
            Assert.Contains(app.Tree.C1.Name, await ExportUnitsAsync(pages), StringComparison.Ordinal);
            Assert.Empty(app.Log.Errors);
            return;
        }

        // Not measured yet: the primary.
        Assert.Contains(app.Tree.C1.Name, await TextAsync(pages, dashboard), StringComparison.Ordinal);
        Assert.Contains(app.Tree.C1.Name, await ExportUnitsAsync(pages), StringComparison.Ordinal);

        // Measured (a copy is as current as its own WAL): the dashboard, the portal and a background export read it.
        Assert.True(replica.Configured);
        await replica.CheckAsync(CancellationToken.None);
        Assert.True(replica.Usable, $"staleness {replica.Staleness}");
        Assert.Contains(ReplicaName, await TextAsync(pages, dashboard), StringComparison.Ordinal);
        using (var anonymous = app.NewPageClient())
        {
            Assert.Contains(
                ReplicaName,
                await TextAsync(anonymous, $"/statistics/{app.Tree.P1.Id}"),
                StringComparison.Ordinal
            );
        }

        var audited = await ExportAuditCountAsync(officer.Id);
        var exported = await ExportUnitsAsync(pages);
        Assert.Contains(ReplicaName, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Tree.C1.Name, exported, StringComparison.Ordinal);
        // Its audit entry is on the primary (the standby refuses a save). The job and the officer exist only on the
        // primary (both are newer than the copy): the job was read, and the officer's rights loaded, from there.
        Assert.Equal(audited + 1, await ExportAuditCountAsync(officer.Id));

        // Past the bound without a new measurement: back to the primary.
        app.Clock.Advance(replica.MaxStaleness + TimeSpan.FromSeconds(1));
        Assert.False(replica.Usable);
        Assert.Contains(app.Tree.C1.Name, await TextAsync(pages, dashboard), StringComparison.Ordinal);
        Assert.DoesNotContain(ReplicaName, await ExportUnitsAsync(pages), StringComparison.Ordinal);
        Assert.Empty(app.Log.Errors);
    }

    private static async Task<string> TextAsync(PageClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
        return page.Body!.TextContent;
    }

    /// <summary>The unit list as a background export: asked for, run, downloaded.</summary>
    private async Task<string> ExportUnitsAsync(PageClient pages)
    {
        var asked = await pages.GetAsync("/units/export?format=csv&background=true");
        var id = Guid.Parse(asked.Headers.Location!.ToString()["/exports/".Length..]);
        await app.Services.GetRequiredService<BackgroundExports>().RunPendingAsync(CancellationToken.None);
        var file = await pages.GetAsync($"/exports/{id}/download");
        Assert.True(file.IsSuccessStatusCode, $"export {id}: {file.StatusCode}");
        return await file.Content.ReadAsStringAsync();
    }

    private Task<int> ExportAuditCountAsync(int accountId) =>
        app.WithDbAsync(db =>
            db.AuditEntries.CountAsync(a => a.Action == AuditAction.Exported && a.AccountId == accountId)
        );

    /// <summary>On PostgreSQL, the app with <c>ConnectionStrings:ReadOnly</c> on a copy of its database whose commune C1
    /// is named <see cref="ReplicaName"/>; on SQLite, the app as it is (no standby).</summary>
    public sealed class ReplicaApp : DanVanApp
    {
        private readonly string standby = $"danvan_r_{Guid.NewGuid():N}";

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        private string StandbyConnection =>
            new NpgsqlConnectionStringBuilder(ConnectionString) { Database = standby }.ToString();

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            if (Provider != DatabaseProvider.Postgres)
            {
                return;
            }

            var primary = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"CREATE DATABASE \"{standby}\" TEMPLATE \"{primary}\"");
            await using var copy = new NpgsqlConnection(StandbyConnection);
            await copy.OpenAsync();
            await using var rename = new NpgsqlCommand(
                "UPDATE \"Units\" SET \"Name\" = @name WHERE \"Id\" = @id",
                copy
            );
            rename.Parameters.AddWithValue("name", ReplicaName);
            rename.Parameters.AddWithValue("id", Tree.C1.Id);
            Assert.Equal(1, await rename.ExecuteNonQueryAsync());
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Provider == DatabaseProvider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync($"DROP DATABASE IF EXISTS \"{standby}\" WITH (FORCE)");
            }
        }

        private static async Task AdminAsync(string sql)
        {
            await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (Provider == DatabaseProvider.Postgres)
            {
                builder.UseSetting("ConnectionStrings:ReadOnly", StandbyConnection);
            }
        }

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddSingleton<TimeProvider>(Clock);
        }
    }
}
