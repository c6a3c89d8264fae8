using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Statistics;

/// <summary>A category's petitions of the period: received, answered and answered on time (catalogue figures).</summary>
public sealed record PetitionCategoryFigures(
    int CategoryId,
    string Name,
    double Received,
    double Answered,
    double AnsweredOnTime
)
{
    public double? OnTimePercent => Answered == 0 ? null : Math.Round(100.0 * AnsweredOnTime / Answered, 1);
}

/// <summary>The petition dashboard of a unit's subtree for a period, as the page and the API show it.</summary>
public sealed record PetitionDashboardResult(
    int UnitId,
    string UnitName,
    PeriodKind Kind,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    IReadOnlyList<StatisticApiValue> Figures,
    IReadOnlyList<PetitionCategoryFigures> ByCategory,
    IReadOnlyList<AgencyWorkload> ByAgency
)
{
    public double? this[string key] => Figures.SingleOrDefault(f => f.Key == key)?.Value;
}

/// <summary>
/// The petition dashboard (<c>/petitions/dashboard</c>, <c>/api/v1/petitions/dashboard</c>): the catalogue's petition
/// figures for a period with the period before and a year earlier (the very numbers of the unit dashboard, the home
/// page and the portal: one definition, read from the summary rows), the received, answered and on-time figures by
/// category (the summary rows' breakdown), and each agency's open and overdue petitions today
/// (<see cref="PetitionWorkload"/>). For those who may see the subtree's petitions. Three statements.
/// </summary>
internal sealed class PetitionDashboard(
    [FromKeyedServices(ReadReplica.Key)] DanVanDbContext db,
    [FromKeyedServices(ReadReplica.Key)] ReadStatistics statistics,
    PetitionWorkload workload,
    ICurrentUser user,
    TimeProvider clock
)
{
    public static readonly IReadOnlyList<Statistic> Figures =
    [
        .. StatisticCatalogue.Sections.Single(s => s.Section == "petitions").Keys.Select(StatisticCatalogue.Get),
    ];

    /// <summary>Null when there is no such unit or the caller may not see its petitions.</summary>
    public async Task<PetitionDashboardResult?> ReadAsync(int? unitId, StatisticPeriod period, CancellationToken ct)
    {
        // The unit with the categories' names beside it (a join on nothing): one statement.
        var id = unitId ?? user.Active?.UnitId;
        var rows = id is null
            ? []
            : await (
                from u in db.Units.AsNoTracking().Where(u => u.Id == id)
                from c in db.PetitionCategories.AsNoTracking().DefaultIfEmpty()
                select new
                {
                    Unit = new UnitRef(u.Id, u.Level, u.ProvinceId, u.CommuneId, u.VillageId),
                    UnitName = u.Name,
                    CategoryId = (int?)c!.Id,
                    c.Name,
                    c.NameEn,
                    c.NameDe,
                    c.SortOrder,
                    c.IsActive,
                }
            ).ToListAsync(ct);
        if (rows.Count == 0 || !user.Can(Permission.PetitionsView, rows[0].Unit))
        {
            return null;
        }

        var (unit, unitName) = (rows[0].Unit, rows[0].UnitName);
        var categories = rows.Where(r => r.CategoryId is not null)
            .OrderBy(r => r.SortOrder)
            .ThenBy(r => r.CategoryId)
            .Select(r => new
            {
                Id = r.CategoryId!.Value,
                r.Name,
                r.NameEn,
                r.NameDe,
                r.IsActive,
            })
            .ToList();
        var today = VietnamTime.Today(clock);
        var values = await statistics.ValuesAsync(
            unit,
            period,
            today,
            [.. Figures, StatisticCatalogue.Get(StatisticCatalogue.PetitionsAnsweredOnTime)],
            ct
        );
        var received = values[StatisticCatalogue.PetitionsReceived].Parts;
        var answered = values[StatisticCatalogue.PetitionsAnswered].Parts;
        var onTime = values[StatisticCatalogue.PetitionsAnsweredOnTime].Parts;
        var byCategory = categories
            .Where(c => c.IsActive || received.ContainsKey(c.Id) || answered.ContainsKey(c.Id))
            .Select(c => new PetitionCategoryFigures(
                c.Id,
                Cultures.Pick(c.Name, c.NameEn, c.NameDe),
                received.GetValueOrDefault(c.Id),
                answered.GetValueOrDefault(c.Id),
                onTime.GetValueOrDefault(c.Id)
            ))
            .ToList();
        var byAgency = await workload.ByAgencyAsync(unit, today, ct);
        return new PetitionDashboardResult(
            unit.Id,
            unitName,
            period.Kind,
            period.From,
            period.To,
            period.StockDay(today),
            [
                .. Figures
                    .Select(s => values[s.Key])
                    .Select(v => new StatisticApiValue(v.Statistic.Key, v.Value, v.Previous, v.YearBefore, v.Parts)),
            ],
            byCategory,
            byAgency
        );
    }
}
