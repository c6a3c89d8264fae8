using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>
/// The bare baseline of P3: what the framework can do with the same rows. A minimal ASP.NET Core app inside the bench
/// process (Kestrel on a free loopback port, no middleware, no logging) whose endpoints run, through plain ADO.NET,
/// the statement the page runs for its first 50 rows and write them as a simple HTML table:
/// <c>/petitions?province=ID</c> (the petition list: the province's subtree, newest first, with the unit's and the
/// organization's names) and <c>/models?province=ID&amp;word=W</c> (the model search: the province's models whose
/// search text holds the word, newest first, with the unit's name).
/// </summary>
internal sealed class BareServer : IAsyncDisposable
{
    /// <summary>The petition list's statement for its first page (ListPetitions: one row more than shown, to know
    /// there is a next page). The app's filter is the province column of the officer's grant.</summary>
    private const string PetitionsSql = """
        SELECT p."Id", p."TrackingCode", p."Title", p."Status", p."CategoryId", p."UnitId",
            (SELECT u."Name" FROM "Units" AS u WHERE u."Id" = p."UnitId" LIMIT 1),
            p."ReceivedOn", p."DueOn", p."AssignedOrganizationId",
            (SELECT o."Name" FROM "Organizations" AS o WHERE o."Id" = p."AssignedOrganizationId" LIMIT 1),
            p."EscalatedToUnitId" IS NOT NULL, p."ParentPetitionId" IS NOT NULL,
            p."HandlingUnitId", p."ProvinceId", p."CommuneId", p."VillageId"
        FROM "Petitions" AS p
        WHERE p."ProvinceId" = @province
        ORDER BY p."Id" DESC
        LIMIT 51
        """;

    /// <summary>The model search's statement for its first page (ListModels); "contains" as each provider's EF Core
    /// translation writes it.</summary>
    private const string ModelsSql = """
        SELECT m0."Id", m0."Name", m0."Kind", m0."Status", m0."FieldId", m0."UnitId", u."Name",
            m0."RecognitionLevel", m0."RegisteredOn", m0."RecognizedOn"
        FROM (
            SELECT m."Id", m."FieldId", m."Kind", m."Name", m."RecognitionLevel", m."RecognizedOn", m."RegisteredOn",
                m."Status", m."UnitId"
            FROM "Models" AS m
            WHERE m."ProvinceId" = @province AND {0}
            ORDER BY m."Id" DESC
            LIMIT 51
        ) AS m0
        INNER JOIN "Units" AS u ON m0."UnitId" = u."Id"
        ORDER BY m0."Id" DESC
        """;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly WebApplication app;
    private readonly BenchOptions options;

    private BareServer(WebApplication app, BenchOptions options, Uri baseAddress)
    {
        this.app = app;
        this.options = options;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareServer> StartAsync(BenchOptions options, CancellationToken ct)
    {
        var port = AppProcess.FreePort();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        // The bench owns its process's signals: a console lifetime would take SIGINT and SIGTERM for itself.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        var server = new BareServer(app, options, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/petitions", context =>
            server.WriteTableAsync(context, server.PetitionsAsync(Int(context, "province"), context.RequestAborted))
        );
        app.MapGet("/models", context =>
            server.WriteTableAsync(
                context,
                server.ModelsAsync(
                    Int(context, "province"),
                    context.Request.Query["word"].ToString(),
                    context.RequestAborted
                )
            )
        );
        await app.StartAsync(ct);
        return server;
    }

    /// <summary>The petition list's first 50 rows (the first column is the id).</summary>
    public Task<List<object?[]>> PetitionsAsync(int province, CancellationToken ct) =>
        ReadAsync(PetitionsSql, [("province", province)], ct);

    /// <summary>The model search's first 50 rows (the first column is the id).</summary>
    public Task<List<object?[]>> ModelsAsync(int province, string word, CancellationToken ct) =>
        options.Provider == DatabaseProvider.Sqlite
            ? ReadAsync(
                string.Format(CultureInfo.InvariantCulture, ModelsSql, "instr(m.\"SearchText\", @word) > 0"),
                [("province", province), ("word", word)],
                ct
            )
            : ReadAsync(
                string.Format(CultureInfo.InvariantCulture, ModelsSql, "m.\"SearchText\" LIKE @pattern"),
                [("province", province), ("pattern", "%" + word + "%")],
                ct
            );

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static int Int(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    /// <summary>A host lifetime that leaves the process's signals alone.</summary>
    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private DbConnection Connect() =>
        options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(options.ConnectionString)
            : new NpgsqlConnection(options.ConnectionString);

    private async Task<List<object?[]>> ReadAsync(
        string sql,
        (string Name, object Value)[] parameters,
        CancellationToken ct
    )
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>(50);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (rows.Count < 50 && await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task WriteTableAsync(HttpContext context, Task<List<object?[]>> read)
    {
        var rows = await read;
        var html = new StringBuilder(16_384);
        html.Append(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>DanVan</title></head><body><table>"
        );
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var value in row)
            {
                html.Append("<td>")
                    .Append(Encoder.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""))
                    .Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }
}
