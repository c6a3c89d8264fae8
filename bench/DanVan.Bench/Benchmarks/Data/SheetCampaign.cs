using System.Globalization;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MiniExcelLibs;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>The benchmark's campaign: a daily one of the province with one indicator, created through the app
/// (<see cref="CreateCampaign"/>, <see cref="SaveIndicator"/>) long enough that its villages × days hold the rows; its
/// sheets in the template's layout.</summary>
internal sealed class SheetCampaign
{
    private string[] headers = [];

    public int CampaignId { get; private init; }

    public int IndicatorId { get; private init; }

    public int Periods { get; private init; }

    public DateOnly StartsOn { get; private init; }

    public IReadOnlyList<Unit> Villages { get; private init; } = [];

    public static async Task<SheetCampaign> CreateAsync(
        BenchUser officer,
        CancellationToken ct,
        int rows = FigureImportBench.BarRows
    )
    {
        await using var scope = officer.Scope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DanVanDbContext>();
        var villages = await db
            .Units.AsNoTracking()
            .Where(u => u.ProvinceId == officer.UnitId && u.Level == UnitLevel.Village && u.ValidTo == null)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        // The rows of the larger file: as many days as it needs (within the campaign's longest span).
        var periods = (rows + villages.Count - 1) / villages.Count;
        var today = VietnamTime.Today(services.GetRequiredService<TimeProvider>());
        if (periods > CampaignRules.MaxDays - 60)
        {
            throw new BenchException($"P5: {villages.Count} villages need {periods} days, more than a campaign lasts.");
        }

        var startsOn = today.AddDays(-(periods - 1));
        var created = await services
            .GetRequiredService<CreateCampaign>()
            .HandleAsync(
                new CampaignInput
                {
                    UnitId = officer.UnitId,
                    Name = $"Bench P5 {Guid.NewGuid():N}",
                    Purpose = "Performance bar P5 (deleted after the run).",
                    StartsOn = startsOn,
                    EndsOn = today.AddDays(30),
                    ReportingLevel = UnitLevel.Village,
                },
                ct
            );
        var campaignId = created.IsOk
            ? created.Value
            : throw new BenchException($"P5: campaign: {created.Error.Message}");
        var indicator = await services
            .GetRequiredService<SaveIndicator>()
            .HandleAsync(
                campaignId,
                null,
                new IndicatorInput
                {
                    Name = "Hộ đã ký cam kết",
                    Measure = MeasureUnit.Households,
                    Aggregation = Aggregation.Sum,
                    Direction = IndicatorDirection.HigherIsBetter,
                    Frequency = ReportingFrequency.Daily,
                    Decimals = 0,
                },
                ct
            );
        var indicatorId = indicator.IsOk
            ? indicator.Value
            : throw new BenchException($"P5: indicator: {indicator.Error.Message}");

        // The template's own header row (code, name, period, the indicator with its measure).
        var template = await services
            .GetRequiredService<ImportFigures>()
            .TemplateAsync(campaignId, ReportingFrequency.Daily, today, null, ct);
        using var stream = new MemoryStream(template?.Content ?? throw new BenchException("P5: no template"));
        var columns = stream.GetColumns(useHeaderRow: true)?.Select(c => c.ToString()!).ToArray() ?? [];
        if (columns.Length != 4)
        {
            throw new BenchException($"P5: the template's columns are {string.Join(", ", columns)}");
        }

        return new SheetCampaign
        {
            CampaignId = campaignId,
            IndicatorId = indicatorId,
            Periods = periods,
            StartsOn = startsOn,
            Villages = villages,
            headers = columns,
        };
    }

    /// <summary>The value of a cell: small whole numbers, the same in every run.</summary>
    private static int ValueOf(int row) => 1 + (row % 7);

    private (Unit Village, DateOnly Day) Cell(int row) =>
        (Villages[row % Villages.Count], StartsOn.AddDays(row / Villages.Count));

    /// <summary>A sheet of <paramref name="rows"/> rows in the template's layout, the newest days first.</summary>
    public Task WriteAsync(string path, int rows, CancellationToken ct)
    {
        IEnumerable<Dictionary<string, object>> Rows()
        {
            for (var i = 0; i < rows; i++)
            {
                var (village, day) = Cell(i);
                yield return new Dictionary<string, object>
                {
                    [headers[0]] = village.Code,
                    [headers[1]] = village.Name,
                    [headers[2]] = day.ToString(ImportFigures.DateFormat, CultureInfo.InvariantCulture),
                    [headers[3]] = (decimal)ValueOf(i),
                };
            }
        }

        return MiniExcel.SaveAsAsync(path, Rows(), sheetName: "So lieu", overwriteFile: true, cancellationToken: ct);
    }

    /// <summary>The baseline's read: every cell of the file through the reader the app uses (ExcelDataReader), as the
    /// figures it holds.</summary>
    public List<CampaignFigure> ReadFigures(string path)
    {
        var byCode = Villages.ToDictionary(v => v.Code);
        var figures = new List<CampaignFigure>();
        var at = DateTime.UtcNow;
        using var stream = File.OpenRead(path);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var values = new object?[reader.FieldCount];
        _ = reader.Read(); // the column names
        while (reader.Read())
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            // An empty row (the reader may give one at the end) is no figure, as the app's reader skips it.
            if (Convert.ToString(values[0], CultureInfo.InvariantCulture) is not { Length: > 0 } code)
            {
                continue;
            }

            var village = byCode[code];
            figures.Add(
                new CampaignFigure
                {
                    Id = keyBase + figures.Count + 1,
                    CampaignId = CampaignId,
                    IndicatorId = IndicatorId,
                    UnitId = village.Id,
                    ProvinceId = village.ProvinceId,
                    CommuneId = village.CommuneId,
                    VillageId = village.VillageId,
                    Period = DateOnly.ParseExact(
                        Convert.ToString(values[2], CultureInfo.InvariantCulture)!,
                        ImportFigures.DateFormat,
                        CultureInfo.InvariantCulture
                    ),
                    Value = Convert.ToDecimal(values[3], CultureInfo.InvariantCulture),
                    UpdatedAt = at,
                    ActorName = "bench",
                    Version = 1,
                }
            );
        }

        return figures;
    }

    /// <summary>Removes the figures the import wrote (and their history), so the baseline writes the same rows into
    /// the same empty campaign; the keys it gives are above every figure's.</summary>
    public async Task ClearFiguresAsync(BenchOptions options, CancellationToken ct)
    {
        await using var connection = await BenchSql.OpenAsync(options, ct);
        await BenchSql.ExecuteAsync(
            connection,
            $"""DELETE FROM "CampaignFigureRevisions" WHERE "CampaignId" = {CampaignId}""",
            ct
        );
        await BenchSql.ExecuteAsync(
            connection,
            $"""DELETE FROM "CampaignFigures" WHERE "CampaignId" = {CampaignId}""",
            ct
        );
        keyBase = await BenchSql.ScalarAsync(
            connection,
            """SELECT COALESCE(MAX("Id"), 0) FROM "CampaignFigures" """,
            ct
        );
    }

    private long keyBase;

    /// <summary>The campaign and every row that names it: the tables of the app's model with a campaign column
    /// (foreign keys off on <paramref name="connection"/>).</summary>
    public static async Task DeleteAsync(
        System.Data.Common.DbConnection connection,
        IModel model,
        int campaignId,
        CancellationToken ct
    )
    {
        var tables = model
            .GetEntityTypes()
            .Where(e => e.ClrType != typeof(Campaign) && e.FindProperty(nameof(CampaignFigure.CampaignId)) is not null)
            .Select(e =>
                (Table: e.GetTableName()!, Column: e.FindProperty(nameof(CampaignFigure.CampaignId))!.GetColumnName())
            )
            .Distinct();
        foreach (var (table, column) in tables)
        {
            await BenchSql.ExecuteAsync(connection, $"""DELETE FROM "{table}" WHERE "{column}" = {campaignId}""", ct);
        }

        var campaigns = model.FindEntityType(typeof(Campaign))!.GetTableName();
        await BenchSql.ExecuteAsync(connection, $"""DELETE FROM "{campaigns}" WHERE "Id" = {campaignId}""", ct);
    }
}
