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

    /// <summary>Three statements: the report with its round, names, frozen figures and steps, together with the reports
    /// below it (their frozen figures and excerpts); its sections; the catalogue's values now.</summary>
    public async Task<ReportView?> HandleAsync(int id, CancellationToken ct)
    {
        var rows = await db
            .UnitReports.AsNoTracking()
            .Where(r => r.Id == id || r.ParentReportId == id)
            .Select(r => new
            {
                Report = r,
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                Figures = db.ReportFigures.Where(f => f.ReportId == r.Id).ToList(),
                // The report's own steps; none for the reports below.
                Events = db.ReportEvents.Where(e => e.ReportId == r.Id && e.ReportId == id).OrderBy(e => e.Id).ToList(),
                Excerpt = r.Id == id
                    ? null
                    : db
                        .ReportSections.Where(x => x.ReportId == r.Id && x.Text != null && x.Text != "")
                        .OrderBy(x => x.Order)
                        .Select(x => x.Text!.Substring(0, ExcerptLength + 1))
                        .FirstOrDefault(),
                Round = db.ReportingRounds.Single(x => x.Id == r.RoundId),
                RoundUnitName = r.Id == id
                    ? db
                        .Units.Where(u =>
                            u.Id == db.ReportingRounds.Where(x => x.Id == r.RoundId).Select(x => x.UnitId).First()
                        )
                        .Select(u => u.Name)
                        .First()
                    : null,
                ParentStatus = r.Id == id
                    ? db
                        .UnitReports.Where(p => p.Id == r.ParentReportId)
                        .Select(p => (ReportStatus?)p.Status)
                        .FirstOrDefault()
                    : null,
            })
            .ToListAsync(ct);
        var found = rows.SingleOrDefault(r => r.Report.Id == id);
        if (found is null || !user.Can(Permission.ReportsView, UnitScope.ScopeOf(found.Report)))
        {
            return null;
        }

        var report = found.Report;
        var round = found.Round;
        var sections = await db
            .ReportSections.AsNoTracking()
            .Where(s => s.ReportId == id)
            .OrderBy(s => s.Order)
            .ToListAsync(ct);
        var wanted = sections
            .SelectMany(s => s.FigureKeys)
            .Distinct()
            .Select(StatisticCatalogue.Find)
            .OfType<Statistic>()
            .ToList();
        var today = VietnamTime.Today(clock);
        var now = await statistics.ValuesAsync(report.Ref, round.Period, today, wanted, ct);
        var frozen = report.SubmittedAt is not null && !report.IsOpen;
        var byKey = found.Figures.ToDictionary(f => f.Key);
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
        var children = rows.Where(c => c.Report.Id != id)
            .Select(c => new ChildReport(
                c.Report.Id,
                c.Report.UnitId,
                c.UnitName,
                c.Report.Status,
                ReportRules.IsLate(c.Report, round.DueOn, today),
                c.Report.SubmittedAt,
                c.Report.IsOpen ? new Dictionary<string, double?>() : c.Figures.ToDictionary(f => f.Key, f => f.Value),
                c.Excerpt is { Length: > ExcerptLength } e ? e[..ExcerptLength].TrimEnd() + "…" : c.Excerpt
            ))
            .OrderBy(c => c.UnitName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .ToList();
        return new ReportView(
            report,
            round,
            found.UnitName,
            found.RoundUnitName ?? "",
            frozen,
            ReportRules.IsLate(report, round.DueOn, today),
            views,
            children,
            found.Events,
            ReportRules.Steps(user, report),
            report.IsOpen && ReportRules.MayWrite(user, report),
            found.ParentStatus
        );
    }
}
