using System.Globalization;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// A campaign's figures as .csv or .xlsx, one row a figure: unit (code and name), indicator with its measure, period,
/// value (a number), note, who saved it and when (Vietnam time). The figures of the caller's own units only (the
/// campaign's view right over each figure's unit), narrowed to a unit's subtree and a range of periods as asked; read
/// in keyset pages of 2,000 and written as they arrive. Audited.
/// </summary>
internal sealed class ExportFigures(
    DanVanDbContext db,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L
)
{
    private const int PageSize = 2000;

    public async Task<IResult?> HandleAsync(
        int campaignId,
        int? unitId,
        DateOnly? from,
        DateOnly? to,
        ExportFormat format,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return null;
        }

        var (_, indicators) = found;
        var indicatorNames = indicators.ToDictionary(
            i => i.Id,
            i => $"{i.Name} ({CampaignRules.MeasureLabel(i, m => L.Enum(m))})"
        );
        var figures = db.Set<CampaignFigure>()
            .AsNoTracking()
            .Where(x => x.CampaignId == campaignId)
            .Where(UnitScope.Rows<CampaignFigure>(user, Permission.CampaignsView));
        if (unitId is { } root)
        {
            figures = figures.Where(x =>
                x.UnitId == root || x.ProvinceId == root || x.CommuneId == root || x.VillageId == root
            );
        }

        if (from is { } first)
        {
            figures = figures.Where(x => x.Period >= first);
        }

        if (to is { } last)
        {
            figures = figures.Where(x => x.Period <= last);
        }

        string[] headers =
        [
            L["FigureImport_ColumnCode"],
            L["FigureImport_ColumnName"],
            L["Export_Indicator"],
            L["Export_Period"],
            L["Export_Value"],
            L["Export_Note"],
            L["Export_SavedBy"],
            L["Export_SavedAt"],
        ];
        // The figures may come from the read replica (a background export); the audit entry goes to the primary.
        primary.Audit(
            AuditAction.Exported,
            nameof(CampaignFigure),
            campaignId.ToString(CultureInfo.InvariantCulture),
            user.Active?.Unit,
            string.Create(
                CultureInfo.InvariantCulture,
                $"format={format}; unit={unitId}; from={from:yyyy-MM-dd}; to={to:yyyy-MM-dd}"
            )
        );
        await primary.SaveChangesAsync(ct);
        return await TableExport.ResultAsync(
            format,
            $"so-lieu-phong-trao-{campaignId}",
            headers,
            Rows(figures, indicatorNames),
            ct
        );
    }

    private IEnumerable<object?[]> Rows(IQueryable<CampaignFigure> figures, Dictionary<int, string> indicators)
    {
        var after = 0L;
        while (true)
        {
            var cursor = after;
            var page = figures
                .Where(x => x.Id > cursor)
                .OrderBy(x => x.Id)
                .Take(PageSize)
                .Select(x => new
                {
                    x.Id,
                    x.IndicatorId,
                    x.Period,
                    x.Value,
                    x.Note,
                    x.ActorName,
                    x.UpdatedAt,
                    Unit = db.Units.Where(u => u.Id == x.UnitId).Select(u => new { u.Code, u.Name }).First(),
                })
                .ToList();
            foreach (var x in page)
            {
                yield return
                [
                    x.Unit.Code,
                    x.Unit.Name,
                    indicators.GetValueOrDefault(x.IndicatorId),
                    x.Period,
                    x.Value,
                    x.Note,
                    x.ActorName,
                    VietnamTime.FromUtc(x.UpdatedAt),
                ];
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
