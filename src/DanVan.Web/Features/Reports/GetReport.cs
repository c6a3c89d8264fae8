using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Reports;

/// <summary>A figure of a report: as frozen at the submission (or, before it, as the catalogue has it now), and the
/// catalogue's value now.</summary>
public sealed record FigureLine(Statistic Statistic, double? Value, double? Previous, double? YearBefore, double? Now)
{
    /// <summary>How much the catalogue's value has moved since the figure was frozen (null when it has not).</summary>
    public double? ChangedBy =>
        Now != Value && (Now is not null || Value is not null) ? (Now ?? 0) - (Value ?? 0) : null;
}

public sealed record SectionView(ReportSection Section, IReadOnlyList<FigureLine> Figures);

/// <summary>A report of the level below, with its frozen figures (none before its submission) and the start of its
/// narrative.</summary>
public sealed record ChildReport(
    int ReportId,
    int UnitId,
    string UnitName,
    ReportStatus Status,
    bool Late,
    DateTimeOffset? SubmittedAt,
    IReadOnlyDictionary<string, double?> Figures,
    string? Excerpt
);

/// <summary>Everything a report's page, the API and the documents show.</summary>
public sealed record ReportView(
    UnitReport Report,
    ReportingRound Round,
    string UnitName,
    string RoundUnitName,
    bool Frozen,
    bool Late,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<ChildReport> Children,
    IReadOnlyList<ReportEvent> Events,
    IReadOnlyList<ReportAction> Steps,
    bool MayWrite,
    ReportStatus? ParentStatus
)
{
    public IEnumerable<Statistic> Statistics => Sections.SelectMany(s => s.Figures).Select(f => f.Statistic);
}

/// <summary>
/// Reads a report the caller may see: its sections with their figures — the frozen ones once submitted, the catalogue's
/// before — and the catalogue's value now beside each (so a later change shows with its difference), the reports of the
/// level below with their frozen figures and excerpts, its steps and the caller's possible next steps.
/// </summary>
public sealed class GetReport(DanVanDbContext db, ReadStatistics statistics, ICurrentUser user, TimeProvider clock)
{
    public const int ExcerptLength = 280;

    public async Task<ReportView?> HandleAsync(int id, CancellationToken ct)
    {
        var found = await db
            .UnitReports.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new
            {
                Report = r,
                Round = db.ReportingRounds.Single(x => x.Id == r.RoundId),
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).Single(),
                RoundUnitName = db
                    .Units.Where(u =>
                        u.Id == db.ReportingRounds.Where(x => x.Id == r.RoundId).Select(x => x.UnitId).Single()
                    )
                    .Select(u => u.Name)
                    .Single(),
                ParentStatus = db
                    .UnitReports.Where(p => p.Id == r.ParentReportId)
                    .Select(p => (ReportStatus?)p.Status)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null || !user.Can(Permission.ReportsView, UnitScope.ScopeOf(found.Report)))
        {
            return null;
        }

        var report = found.Report;
        var sections = await db
            .ReportSections.AsNoTracking()
            .Where(s => s.ReportId == id)
            .OrderBy(s => s.Order)
            .ToListAsync(ct);
        var figures = await db.ReportFigures.AsNoTracking().Where(f => f.ReportId == id).ToListAsync(ct);
        var events = await db
            .ReportEvents.AsNoTracking()
            .Where(e => e.ReportId == id)
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        var wanted = sections
            .SelectMany(s => s.FigureKeys)
            .Distinct()
            .Select(StatisticCatalogue.Find)
            .OfType<Statistic>()
            .ToList();
        var today = VietnamTime.Today(clock);
        var now = await statistics.ValuesAsync(report.Ref, found.Round.Period, today, wanted, ct);
        var frozen = report.SubmittedAt is not null && !report.IsOpen;
        var byKey = figures.ToDictionary(f => f.Key);
        var views = sections
            .Select(s => new SectionView(
                s,
                [
                    .. s
                        .FigureKeys.Where(now.ContainsKey)
                        .Select(k =>
                            frozen && byKey.TryGetValue(k, out var f)
                                ? new FigureLine(now[k].Statistic, f.Value, f.Previous, f.YearBefore, now[k].Value)
                                : new FigureLine(
                                    now[k].Statistic,
                                    now[k].Value,
                                    now[k].Previous,
                                    now[k].YearBefore,
                                    now[k].Value
                                )
                        ),
                ]
            ))
            .ToList();
        var children = await ChildrenAsync(report, found.Round, today, ct);
        return new ReportView(
            report,
            found.Round,
            found.UnitName,
            found.RoundUnitName,
            frozen,
            ReportRules.IsLate(report, found.Round.DueOn, today),
            views,
            children,
            events,
            ReportRules.Steps(user, report),
            report.IsOpen && ReportRules.MayWrite(user, report),
            found.ParentStatus
        );
    }

    private async Task<IReadOnlyList<ChildReport>> ChildrenAsync(
        UnitReport report,
        ReportingRound round,
        DateOnly today,
        CancellationToken ct
    )
    {
        var rows = await db
            .UnitReports.AsNoTracking()
            .Where(c => c.ParentReportId == report.Id)
            .Select(c => new
            {
                c.Id,
                c.UnitId,
                Name = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).Single(),
                c.Status,
                c.SubmittedAt,
                c.SubmittedOn,
                c.SubmittedLate,
                Figures = db.ReportFigures.Where(f => f.ReportId == c.Id).Select(f => new { f.Key, f.Value }).ToList(),
                Excerpt = db
                    .ReportSections.Where(s => s.ReportId == c.Id && s.Text != null && s.Text != "")
                    .OrderBy(s => s.Order)
                    .Select(s => s.Text!.Substring(0, ExcerptLength + 1))
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(c => new ChildReport(
                    c.Id,
                    c.UnitId,
                    c.Name,
                    c.Status,
                    ReportRules.IsLate(
                        new UnitReport
                        {
                            Status = c.Status,
                            SubmittedOn = c.SubmittedOn,
                            SubmittedLate = c.SubmittedLate,
                        },
                        round.DueOn,
                        today
                    ),
                    c.SubmittedAt,
                    c.Status is ReportStatus.Draft or ReportStatus.Returned
                        ? new Dictionary<string, double?>()
                        : c.Figures.ToDictionary(f => f.Key, f => f.Value),
                    c.Excerpt is { Length: > ExcerptLength } e ? e[..ExcerptLength].TrimEnd() + "…" : c.Excerpt
                ))
                .OrderBy(c => c.UnitName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)),
        ];
    }
}
