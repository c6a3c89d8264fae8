using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Tests.Operations;

/// <summary>
/// ASVS V13.2.2: the app runs with the least rights its work needs on the database. With
/// <c>Database:MigrateOnStartup=false</c> it signs people in, serves pages and writes records without touching the
/// schema; on PostgreSQL it does so under an account made by the README's own statements, which may read and write rows
/// but is refused when it tries to create, alter or drop a table.
/// </summary>
public sealed class SchemaRightsTests(SchemaRightsTests.RowsOnlyApp app) : IClassFixture<SchemaRightsTests.RowsOnlyApp>
{
    /// <summary>The app without migrations at start, on PostgreSQL under an account with row rights only.</summary>
    public sealed class RowsOnlyApp : DanVanApp
    {
        private readonly string role = "danvan_app_" + Guid.NewGuid().ToString("N")[..12];

        private string RowsOnlyConnection =>
            new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role, Password = null }.ToString();

        /// <summary>The README's statements that make the app's account, for this database and a role of its own.</summary>
        public IReadOnlyList<string> GrantStatements()
        {
            var block = Repository.ReadmeBlock("CREATE ROLE danvan_app");
            var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            return
            [
                .. block
                    .Split('\n')
                    .Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal))
                    .Select(l =>
                        l.Replace(" PASSWORD '…'", "", StringComparison.Ordinal)
                            .Replace("DATABASE danvan ", $"DATABASE \"{database}\" ", StringComparison.Ordinal)
                            .Replace("danvan_app", role, StringComparison.Ordinal)
                    ),
            ];
        }

        protected override async Task BeforeStartAsync()
        {
            if (Provider != DatabaseProvider.Postgres)
            {
                return;
            }

            // As the owner of the tables (the test database's owner), on this database.
            await using var owner = new NpgsqlConnection(ConnectionString);
            await owner.OpenAsync();
            foreach (var statement in GrantStatements())
            {
                await using var command = new NpgsqlCommand(statement, owner);
                await command.ExecuteNonQueryAsync();
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            if (Provider == DatabaseProvider.Postgres)
            {
                builder.UseSetting("ConnectionStrings:Default", RowsOnlyConnection);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Provider == DatabaseProvider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>The schema as the app's own connection sees it: every table and column with its type, and every
    /// index.</summary>
    private Task<string> SchemaAsync() =>
        app.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>(
                    app.Provider == DatabaseProvider.Postgres
                        ? """
                        SELECT coalesce(string_agg(c.relname || '.' || coalesce(a.attname, '') || ':' || coalesce(format_type(a.atttypid, a.atttypmod), c.relkind::text), ',' ORDER BY c.relname, a.attnum), '') AS "Value"
                        FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                        WHERE c.relnamespace = 'public'::regnamespace
                        """
                        : """
                        SELECT coalesce(group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), ','), '') AS "Value"
                        FROM (SELECT type, name, sql FROM sqlite_master ORDER BY type, name)
                        """
                )
                .SingleAsync()
        );

    [Fact]
    public async Task The_app_works_without_changing_the_schema_and_on_PostgreSQL_cannot_change_it()
    {
        var before = await SchemaAsync();
        Assert.Contains("AuditEntries", before, StringComparison.Ordinal);

        // Signing in (sessions, audit), the API (a token, an idempotent create) and the pages.
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var api = await app.ApiClientAsync(admin);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations/")
        {
            Content = JsonContent.Create(
                new
                {
                    unitId = app.Tree.C1.Id,
                    type = "WomensUnion",
                    name = "Chi hội phụ nữ thôn Đông",
                }
            ),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(create)).StatusCode);
        using var pages = await app.SignInAsync(admin);
        foreach (var page in new[] { "/", "/units", "/organizations", "/accounts", "/audit", "/account" })
        {
            Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync(page)).StatusCode);
        }

        Assert.Equal(before, await SchemaAsync());
        if (app.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var account = await app.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>(
                    """SELECT current_user || ' ' || rolsuper || ' ' || rolcreaterole AS "Value" FROM pg_roles WHERE rolname = current_user"""
                )
                .SingleAsync()
        );
        Assert.Matches("^danvan_app_[0-9a-f]{12} false false$", account);

        // The account the app runs under: rows yes, schema no (42501 insufficient privilege; 42501 or "must be
        // owner" for what only the owner may do).
        foreach (
            var ddl in new[]
            {
                """CREATE TABLE "Intruder" ("Id" integer)""",
                """ALTER TABLE "Units" ADD COLUMN "Intruder" integer""",
                """DROP TABLE "AuditEntries" """,
                """TRUNCATE "AuditEntries" """,
                """CREATE INDEX "IX_Intruder" ON "Units" ("Name")""",
            }
        )
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() =>
                app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(ddl))
            );
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{ddl}: {refused.MessageText}");
        }

        Assert.Equal(before, await SchemaAsync());
    }
}
