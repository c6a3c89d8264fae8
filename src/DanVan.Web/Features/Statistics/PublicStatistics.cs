using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DanVan.Web.Features.Statistics;

/// <summary>A public figure: its value, or none because it is too small to publish (<see cref="Suppressed"/>) or there
/// is no data.</summary>
public sealed record PublicFigure(string Key, string Name, double? Value, bool Suppressed);

public sealed record PublicUnitFigures(int UnitId, string Name, UnitLevel Level, IReadOnlyList<PublicFigure> Figures);

/// <summary>The portal's statistics of a unit (the country, a province or a commune) for a year, with its child
/// units'.</summary>
public sealed record PublicStatisticsData(
    PublicUnitFigures Unit,
    int Year,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    int Threshold,
    IReadOnlyList<PublicUnitFigures> Children,
    int? ParentId,
    string? ParentName
);

/// <summary>
/// The figures the catalogue marks public (<see cref="Visibility.Public"/>: models recognized, dialogue sessions,
/// petitions received, answered and answered on time), for the country, a province or a commune and a year, read by the
/// same query as the signed-in dashboards, so the numbers are theirs. Never personal data, and never a count small
/// enough to point at a person: a count from 1 to <see cref="Threshold"/> − 1 is published as "fewer than
/// <see cref="Threshold"/>", and so is a share whose denominator is that small. Cached for five minutes per unit and
/// year (the portal is open to everyone).
/// </summary>
public sealed class PublicStatistics(
    [FromKeyedServices(ReadReplica.Key)] DanVanDbContext db,
    [FromKeyedServices(ReadReplica.Key)] ReadStatistics read,
    IMemoryCache cache,
    TimeProvider clock
)
{
    /// <summary>Counts below this are not published (a commune with 2 petitions of one kind would point at people).</summary>
    public const int Threshold = 5;

    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<Statistic> Figures { get; } =
    [.. StatisticCatalogue.All.Where(s => s.Visibility == Visibility.Public)];

    /// <summary>Null when there is no such active unit at the province or commune level (or the country).</summary>
    public async Task<PublicStatisticsData?> ReadAsync(int? unitId, int? year, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        var y = year is { } asked && asked >= 2000 && asked <= today.Year ? asked : today.Year;
        var key =
            $"public-statistics:{unitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "root"}:{y}:{today.DayNumber}:{System.Globalization.CultureInfo.CurrentUICulture.Name}";
        if (cache.TryGetValue(key, out PublicStatisticsData? cached))
        {
            return cached;
        }

        var data = await ComputeAsync(unitId, y, today, ct);
        cache.Set(key, data, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return data;
    }

    private async Task<PublicStatisticsData?> ComputeAsync(int? unitId, int year, DateOnly today, CancellationToken ct)
    {
        // The unit and its active children (no villages: the portal stops at communes), in one statement.
        var units = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.ValidTo == null
                && u.Level <= UnitLevel.Commune
                && (unitId == null ? u.Level <= UnitLevel.Province : u.Id == unitId || u.ParentId == unitId)
            )
            .ToListAsync(ct);
        var unit = units.SingleOrDefault(u => unitId is null ? u.Level == UnitLevel.Central : u.Id == unitId);
        if (unit is null)
        {
            return null;
        }

        var period = StatisticPeriod.Of(PeriodKind.Year, year);
        var values = await read.ValuesAsync(unit.Ref, period, today, Figures, ct);
        var childUnits = units
            .Where(u => u.ParentId == unit.Id && u.Id != unit.Id && u.Level <= UnitLevel.Commune)
            .Select(u => new ChildUnit(u.Id, u.Name, u.Level, true))
            .ToList();
        var children =
            childUnits.Count == 0 ? [] : await read.ChildrenAsync(unit.Ref, childUnits, period, today, Figures, ct);
        var parent =
            unit.ParentId is { } parentId && unit.Level > UnitLevel.Province
                ? await db
                    .Units.AsNoTracking()
                    .Where(u => u.Id == parentId)
                    .Select(u => u.Name)
                    .SingleOrDefaultAsync(ct)
                : null;
        return new PublicStatisticsData(
            new PublicUnitFigures(
                unit.Id,
                unit.Name,
                unit.Level,
                Publish(key => values.TryGetValue(key, out var v) ? v.Value : null)
            ),
            year,
            period.From,
            period.To,
            period.StockDay(today),
            Threshold,
            [
                .. children.Select(c => new PublicUnitFigures(
                    c.UnitId,
                    c.Name,
                    c.Level,
                    Publish(key => c.Values.GetValueOrDefault(key))
                )),
            ],
            parent is null ? null : unit.ParentId,
            parent
        );
    }

    /// <summary>The public figures of one unit, small counts and shares of small counts suppressed.</summary>
    public static IReadOnlyList<PublicFigure> Publish(Func<string, double?> value) =>
        [
            .. Figures.Select(s =>
            {
                var v = value(s.Key);
                var small = s.Formula switch
                {
                    Share share => value(share.Denominator) is { } d && d < Threshold,
                    _ => v is { } n && n > 0 && n < Threshold,
                };
                return new PublicFigure(s.Key, s.Name(), small ? null : v, small);
            }),
        ];
}
