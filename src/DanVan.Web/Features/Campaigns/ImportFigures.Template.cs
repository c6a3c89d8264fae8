using System.Data;
using System.Globalization;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Localization;
using MiniExcelLibs;

namespace DanVan.Web.Features.Campaigns;

/// <summary>What the import page needs before a file: the campaign's context and the template of a period.</summary>
partial class ImportFigures
{
    public async Task<FigureImportContext?> ContextAsync(int campaignId, CancellationToken ct)
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (campaign, indicators) = found;
        var today = VietnamTime.Today(clock);
        var day =
            today < campaign.StartsOn ? campaign.StartsOn
            : today > campaign.EndsOn ? campaign.EndsOn
            : today;
        return new FigureImportContext(
            campaign.Id,
            campaign.Name,
            campaign.Status,
            campaign.AcceptsFigures,
            campaign.StartsOn,
            campaign.EndsOn,
            [.. indicators.Select(i => i.Frequency).Distinct().Order()],
            day,
            CampaignAccess.MayReportAny(user)
        );
    }

    /// <summary>The template of a period as an .xlsx workbook; null when the campaign is not visible.</summary>
    public async Task<(string FileName, byte[] Content)?> TemplateAsync(
        int campaignId,
        ReportingFrequency? frequency,
        DateOnly? date,
        int? unitId,
        CancellationToken ct
    )
    {
        var sheet = await grid.HandleAsync(campaignId, unitId, date, frequency, ct);
        if (sheet is null)
        {
            return null;
        }

        var table = new DataTable("figures");
        table.Columns.Add(L["FigureImport_ColumnCode"], typeof(string));
        table.Columns.Add(L["FigureImport_ColumnName"], typeof(string));
        table.Columns.Add(L["FigureImport_ColumnPeriod"], typeof(string));
        var headers = sheet.Indicators.Select(i => $"{i.Name} ({MeasureOf(i)})").ToList();
        for (var i = 0; i < headers.Count; i++)
        {
            // Two indicators with the same name and measure: the id tells them apart on the way back.
            var header =
                headers.Count(h =>
                    string.Equals(
                        TabularFile.NormalizeHeader(h),
                        TabularFile.NormalizeHeader(headers[i]),
                        StringComparison.Ordinal
                    )
                ) > 1
                    ? $"{headers[i]} [#{sheet.Indicators[i].Id}]"
                    : headers[i];
            table.Columns.Add(header, typeof(decimal));
        }

        var reportsAnywhere = CampaignAccess.MayReportAny(user);
        var period = sheet.Period.ToString(DateFormat, CultureInfo.InvariantCulture);
        foreach (var row in sheet.Rows.Where(r => r.MayReport || !reportsAnywhere))
        {
            var values = new object[3 + row.Cells.Count];
            values[0] = row.Code;
            values[1] = Neutralized(row.UnitName);
            values[2] = period;
            for (var i = 0; i < row.Cells.Count; i++)
            {
                values[3 + i] = row.Cells[i].Value is { } v ? v : DBNull.Value;
            }

            table.Rows.Add(values);
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(table, sheetName: "So lieu", cancellationToken: ct);
        return ($"so-lieu-{campaignId}-{sheet.Period:yyyyMMdd}.xlsx", stream.ToArray());
    }
}
