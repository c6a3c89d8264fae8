using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Reports;

/// <summary>A unit's report in a round's overview.</summary>
public sealed record RoundReportRow(
    int ReportId,
    int UnitId,
    string UnitName,
    bool IsRoundUnit,
    ReportStatus Status,
    bool Late,
    DateTimeOffset? SubmittedAt,
    string? ReportsFor,
    string? ReturnReason
);

/// <summary>How many of a round's reports (those the caller sees) stand where.</summary>
public sealed record RoundCounts(int Total, int Submitted, int Missing, int Late, int Returned, int Approved)
{
    public static RoundCounts Of(IReadOnlyCollection<RoundReportRow> rows) =>
        new(
            rows.Count,
            rows.Count(r => r.Status is not (ReportStatus.Draft or ReportStatus.Returned)),
            rows.Count(r => r.Status is ReportStatus.Draft or ReportStatus.Returned),
            rows.Count(r => r.Late),
            rows.Count(r => r.Status == ReportStatus.Returned),
            rows.Count(r => r.Status is ReportStatus.Approved or ReportStatus.Locked)
        );
}

public sealed record RoundView(
    ReportingRound Round,
    string UnitName,
    IReadOnlyList<RoundReportRow> Reports,
    RoundCounts Counts,
    DateOnly Today
);

public sealed record RoundListRow(ReportingRound Round, string UnitName, RoundCounts Counts, int? OwnReportId);

/// <summary>
/// The rounds and their reports as the caller may see them: a province's staff see every report of their rounds, a
/// commune's staff their own. Late and missing are decided against the due day in Vietnam time
/// (<see cref="ReportRules.IsLate"/>).
/// </summary>
public sealed class ReadRounds(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int ListSize = 60;

    public async Task<RoundView?> RoundAsync(int id, CancellationToken ct)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return null;
        }

        var rows = await Visible()
            .Where(r => r.RoundId == id)
            .Select(r => new { Report = r, Name = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).Single() })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var today = VietnamTime.Today(clock);
        var name = await db.Units.Where(u => u.Id == round.UnitId).Select(u => u.Name).SingleAsync(ct);
        var reports = rows.Select(r => Row(r.Report, r.Name, round, today))
            .OrderBy(r => !r.IsRoundUnit)
            .ThenBy(r => r.UnitName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .ToList();
        return new RoundView(round, name, reports, RoundCounts.Of(reports), today);
    }

    /// <summary>The rounds where the caller sees at least one report, newest period first, with their counts.</summary>
    public async Task<IReadOnlyList<RoundListRow>> ListAsync(CancellationToken ct)
    {
        var visible = Visible();
        var rounds = await db
            .ReportingRounds.AsNoTracking()
            .Where(r => visible.Any(x => x.RoundId == r.Id))
            .OrderByDescending(r => r.From)
            .ThenByDescending(r => r.Kind)
            .Take(ListSize)
            .Select(r => new { Round = r, Name = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).Single() })
            .ToListAsync(ct);
        var ids = rounds.Select(r => r.Round.Id).ToList();
        var reports = await visible
            .Where(r => ids.Contains(r.RoundId))
            .Select(r => new
            {
                r.Id,
                r.RoundId,
                r.UnitId,
                r.ParentReportId,
                r.Status,
                r.SubmittedOn,
                r.SubmittedLate,
            })
            .ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        var own = user.Active?.UnitId;
        var byRound = reports.ToLookup(r => r.RoundId);
        return
        [
            .. rounds.Select(r =>
            {
                var rows = byRound[r.Round.Id]
                    .Select(x =>
                        Row(
                            new UnitReport
                            {
                                Id = x.Id,
                                UnitId = x.UnitId,
                                ParentReportId = x.ParentReportId,
                                Status = x.Status,
                                SubmittedOn = x.SubmittedOn,
                                SubmittedLate = x.SubmittedLate,
                            },
                            "",
                            r.Round,
                            today
                        )
                    )
                    .ToList();
                return new RoundListRow(
                    r.Round,
                    r.Name,
                    RoundCounts.Of(rows),
                    byRound[r.Round.Id].FirstOrDefault(x => x.UnitId == own)?.Id
                );
            }),
        ];
    }

    private IQueryable<UnitReport> Visible() =>
        db.UnitReports.AsNoTracking().Where(UnitScope.Rows<UnitReport>(user, Permission.ReportsView));

    private static RoundReportRow Row(UnitReport r, string name, ReportingRound round, DateOnly today) =>
        new(
            r.Id,
            r.UnitId,
            name,
            r.ParentReportId is null,
            r.Status,
            ReportRules.IsLate(r, round.DueOn, today),
            r.SubmittedAt,
            r.ReportsFor,
            r.ReturnReason
        );
}
