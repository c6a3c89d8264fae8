using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Reports;

/// <summary>A step on a report: submit, return (reason), approve, reopen (reason).</summary>
public sealed class ReportStepInput
{
    [DefinedValue]
    public ReportAction Action { get; set; }

    /// <summary>The version of the report the actor saw; a step on a report changed since is a conflict.</summary>
    public int Version { get; set; }

    [MaxChars(ReportRules.ReasonLength), PlainText]
    [Display(Name = nameof(SharedResource.Field_Reason), ResourceType = typeof(SharedResource))]
    public string? Reason { get; set; }
}

/// <summary>
/// Moves a report one step (docs/decisions/ADR-0029): the unit submits (its figures frozen from the catalogue in the
/// same transaction, marked late after the due day); the level above returns it with a reason, or approves it once every
/// report below it is approved (naming those that are not) — which locks the reports below; a locked or approved report
/// is reopened only by the level above, with a reason, and only while the report above it is still open to change.
/// </summary>
public sealed class TransitionReport(
    DanVanDbContext db,
    ReadStatistics statistics,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(int id, ReportStepInput input, CancellationToken ct)
    {
        var report = await db.UnitReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !user.Can(Permission.ReportsView, UnitScope.ScopeOf(report)))
        {
            return new NotFoundError(L["Reports_NotFound"]);
        }

        if (!Enum.IsDefined(input.Action))
        {
            return ValidationError.For(L["Val_FixBelow"], nameof(ReportStepInput.Action), L["Reports_UnknownStep"]);
        }

        var action = input.Action;
        var allowed =
            action == ReportAction.Submit ? ReportRules.MayWrite(user, report) : ReportRules.MayReview(user, report);
        if (!allowed)
        {
            return new ForbiddenError(L["Reports_CannotTakeStep", L.Enum(action)]);
        }

        if (!ReportRules.From(action).Contains(report.Status))
        {
            return new ConflictError(
                action == ReportAction.Submit && report.Status == ReportStatus.Submitted
                    ? L["Reports_AlreadySubmitted", VietnamTime.Format(report.SubmittedOn ?? default)]
                    : L["Reports_IllegalStep", L.Enum(action), L.Enum(report.Status)]
            );
        }

        var errors = RequestValidation.Validate(input);
        if (ReportRules.NeedsReason(action) && string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add(nameof(ReportStepInput.Reason), L["Val_Required", L["Field_Reason"]]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var round = await db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == report.RoundId, ct);
        var children = await db.UnitReports.Where(c => c.ParentReportId == report.Id).ToListAsync(ct);
        if (action == ReportAction.Approve)
        {
            var pending = children.Where(c => c.Status is not (ReportStatus.Approved or ReportStatus.Locked)).ToList();
            if (pending.Count > 0)
            {
                var names = await db
                    .Units.AsNoTracking()
                    .Where(u => pending.Select(p => p.UnitId).Contains(u.Id))
                    .OrderBy(u => u.Name)
                    .Select(u => u.Name)
                    .ToListAsync(ct);
                var shown = string.Join(", ", names.Take(10)) + (names.Count > 10 ? ", …" : "");
                return new ConflictError(L["Reports_ChildrenNotApproved", names.Count, shown]);
            }
        }

        if (action == ReportAction.Reopen && report.ParentReportId is { } parentId)
        {
            var parent = await db.UnitReports.AsNoTracking().SingleAsync(p => p.Id == parentId, ct);
            if (parent.Status is ReportStatus.Approved or ReportStatus.Locked)
            {
                return new ConflictError(L["Reports_ReopenParentFirst"]);
            }
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = input.Version;
        var from = report.Status;
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = VietnamTime.Today(clock);
        report.Status = ReportRules.To(action);
        switch (action)
        {
            case ReportAction.Submit:
                report.SubmittedAt = now;
                report.SubmittedOn = today;
                report.SubmittedById = user.AccountId;
                report.SubmittedLate = today > round.DueOn;
                report.ReturnReason = null;
                await FreezeAsync(report, round, today, ct);
                break;
            case ReportAction.Approve:
                report.ApprovedAt = now;
                report.ApprovedById = user.AccountId;
                foreach (var child in children.Where(c => c.Status == ReportStatus.Approved))
                {
                    Step(child, ReportAction.Approve, ReportStatus.Approved, ReportStatus.Locked, null, now);
                    child.Status = ReportStatus.Locked;
                }

                break;
            default:
                report.ReturnReason = input.Reason!.Trim();
                report.ApprovedAt = null;
                report.ApprovedById = null;
                foreach (var child in children.Where(c => c.Status == ReportStatus.Locked))
                {
                    // The reports below feed this one: open to its reviewers again, as approved.
                    Step(child, ReportAction.Reopen, ReportStatus.Locked, ReportStatus.Approved, input.Reason, now);
                    child.Status = ReportStatus.Approved;
                }

                break;
        }

        Step(report, action, from, report.Status, ReportRules.NeedsReason(action) ? input.Reason!.Trim() : null, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError(L["Conflict_ChangedMeanwhile"]);
        }

        return report.Id;
    }

    private void Step(
        UnitReport report,
        ReportAction action,
        ReportStatus from,
        ReportStatus to,
        string? reason,
        DateTimeOffset at
    )
    {
        var row = new ReportEvent
        {
            ReportId = report.Id,
            Action = action,
            From = from,
            To = to,
            Reason = reason,
            ById = user.AccountId ?? 0,
            ByName = user.DisplayName ?? "",
            At = at,
        };
        report.StampOnto(row);
        db.ReportEvents.Add(row);
    }

    /// <summary>Copies the catalogue's values of the report's figures, for its unit and the round's period, as they
    /// stand in this transaction.</summary>
    private async Task FreezeAsync(UnitReport report, ReportingRound round, DateOnly today, CancellationToken ct)
    {
        var keys = await db
            .ReportSections.AsNoTracking()
            .Where(s => s.ReportId == report.Id && s.Figures != "")
            .Select(s => s.Figures)
            .ToListAsync(ct);
        var wanted = keys.SelectMany(k => k.Split(','))
            .Distinct()
            .Select(StatisticCatalogue.Find)
            .OfType<Statistic>()
            .ToList();
        var values = await statistics.ValuesAsync(report.Ref, round.Period, today, wanted, ct);
        // A resubmission replaces what the last one froze (the trail keeps both).
        db.ReportFigures.RemoveRange(await db.ReportFigures.Where(f => f.ReportId == report.Id).ToListAsync(ct));
        foreach (var value in values.Values)
        {
            var row = new ReportFigure
            {
                ReportId = report.Id,
                Key = value.Statistic.Key,
                Value = value.Value,
                Previous = value.Previous,
                YearBefore = value.YearBefore,
            };
            report.StampOnto(row);
            db.ReportFigures.Add(row);
        }
    }
}
