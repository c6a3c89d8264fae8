using System.ComponentModel.DataAnnotations;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Infrastructure.OfficialDocuments;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Reports;

/// <summary>What opening a round asks: the unit, the period (kind, year, month or quarter) and the due day.</summary>
public sealed class OpenRoundInput
{
    public int UnitId { get; set; }

    [DefinedValue]
    [Display(Name = nameof(SharedResource.Field_PeriodKind), ResourceType = typeof(SharedResource))]
    public PeriodKind Kind { get; set; } = PeriodKind.Month;

    [Range(
        2000,
        2100,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_Year), ResourceType = typeof(SharedResource))]
    public int Year { get; set; }

    /// <summary>The month (1–12) of a monthly round, the quarter (1–4) of a quarterly one.</summary>
    [Range(
        1,
        12,
        ErrorMessageResourceType = typeof(SharedResource),
        ErrorMessageResourceName = nameof(SharedResource.Val_Range)
    )]
    [Display(Name = nameof(SharedResource.Field_PeriodNumber), ResourceType = typeof(SharedResource))]
    public int Number { get; set; } = 1;

    /// <summary>The last day to submit; the 18th of the month after the period when empty.</summary>
    [Display(Name = nameof(SharedResource.Field_DueOn), ResourceType = typeof(SharedResource))]
    public DateOnly? DueOn { get; set; }

    public string? SubmissionId { get; set; }
}

/// <summary>
/// Opens a reporting round: one report per reporting unit of the province's subtree (the province itself and each of
/// its communes in force), each with the template's sections and a header pre-filled from its unit. A commune merged
/// during the period is reported for by its successor, and the round says so. One round per unit, kind and period.
/// </summary>
public sealed class OpenRound(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(OpenRoundInput input, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.UnitId, ct);
        if (unit is null || !user.Can(Permission.ReportsView, unit.Ref) && !user.Can(Permission.ReportsOpen, unit.Ref))
        {
            return new NotFoundError(L["Reports_UnitNotFound"]);
        }

        if (!user.Can(Permission.ReportsOpen, unit.Ref))
        {
            return new ForbiddenError(L["Reports_CannotOpen"]);
        }

        var errors = RequestValidation.Validate(input);
        if (!ReportRules.OpensRounds(unit.Level) || !unit.IsActive)
        {
            errors.Add(nameof(OpenRoundInput.UnitId), L["Reports_NotAReportingParent"]);
        }

        if (input.Kind == PeriodKind.Custom)
        {
            errors.Add(nameof(OpenRoundInput.Kind), L["Val_Choose", L["Field_PeriodKind"]]);
        }

        if (input.Kind == PeriodKind.Quarter && input.Number > 4)
        {
            errors.Add(nameof(OpenRoundInput.Number), L["Reports_QuarterNumber"]);
        }

        var inForce = await TemplateInForce.ForAsync(db, unit.Id, input.Kind, ct);
        var template = inForce.Template;
        if (ReportTemplates.Check(template) is { } problem)
        {
            errors.Add("", L[problem]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var period = StatisticPeriod.Of(input.Kind, input.Year, input.Number);
        var today = VietnamTime.Today(clock);
        var due = input.DueOn ?? inForce.DueOn(period);
        if (period.From > today)
        {
            errors.Add(nameof(OpenRoundInput.Year), L["Reports_PeriodNotStarted"]);
        }

        if (due < period.To)
        {
            errors.Add(nameof(OpenRoundInput.DueOn), L["Reports_DueBeforeEnd", VietnamTime.Format(period.To)]);
        }

        if (
            await db.ReportingRounds.AnyAsync(
                r => r.UnitId == unit.Id && r.Kind == period.Kind && r.From == period.From,
                ct
            )
        )
        {
            errors.Add(nameof(OpenRoundInput.Year), L["Reports_RoundExists"]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        return await Idempotency.CreateOnceAsync(
            db,
            input.SubmissionId,
            nameof(ReportingRound),
            () => CreateAsync(unit, period, due, template, inForce.Regime, user.AccountId, ct),
            ct
        );
    }

    /// <summary>Opens the round of a period on the province's schedule (<see cref="ScheduledRounds"/>): nobody opened
    /// it, so nobody's rights are checked; the template in force and its due day apply. False when the round exists
    /// (opened by hand, or by another instance a moment earlier).</summary>
    public async Task<bool> OpenOnScheduleAsync(Unit province, StatisticPeriod period, CancellationToken ct)
    {
        if (
            await db.ReportingRounds.AnyAsync(
                r => r.UnitId == province.Id && r.Kind == period.Kind && r.From == period.From,
                ct
            )
        )
        {
            return false;
        }

        var inForce = await TemplateInForce.ForAsync(db, province.Id, period.Kind, ct);
        var result = await CreateAsync(
            province,
            period,
            inForce.DueOn(period),
            inForce.Template,
            inForce.Regime,
            null,
            ct
        );
        return result.IsOk;
    }

    private async Task<Result<int>> CreateAsync(
        Unit province,
        StatisticPeriod period,
        DateOnly due,
        ReportTemplate template,
        DocumentRegime regime,
        int? openedById,
        CancellationToken ct
    )
    {
        // The communes in force report; one retired since the period began is reported for by its successor.
        var communes = await db
            .Units.AsNoTracking()
            .Where(u =>
                u.ProvinceId == province.Id
                && u.Level == UnitLevel.Commune
                && (u.ValidTo == null || u.ValidTo >= period.From)
            )
            .ToListAsync(ct);
        var byId = communes.ToDictionary(u => u.Id);
        var reporting = communes.Where(u => u.IsActive).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var reportsFor = new Dictionary<int, List<Unit>>();
        foreach (var retired in communes.Where(u => !u.IsActive))
        {
            var successor = retired;
            for (var hops = 0; successor is { IsActive: false } && hops < 10; hops++)
            {
                successor = successor.SuccessorId is { } s ? byId.GetValueOrDefault(s) : null;
            }

            if (successor is { IsActive: true })
            {
                (reportsFor.TryGetValue(successor.Id, out var list) ? list : reportsFor[successor.Id] = []).Add(
                    retired
                );
            }
        }

        var round = new ReportingRound
        {
            Kind = period.Kind,
            From = period.From,
            To = period.To,
            DueOn = due,
            TemplateKey = template.Key,
            OpenedById = openedById,
            OpenedAt = clock.GetUtcNow().ToUniversalTime(),
            MergerNote =
                reportsFor.Count == 0
                    ? null
                    : Truncate(
                        string.Join(
                            "\n",
                            reportsFor.Select(p =>
                                $"{byId[p.Key].Name}: {string.Join(", ", p.Value.Select(u => $"{u.Name} ({VietnamTime.Format(u.ValidTo!.Value)})"))}"
                            )
                        ),
                        4000
                    ),
        };
        ReportRules.Stamp(province.Ref, round);
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        db.ReportingRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A twin request opened the same round a moment earlier.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ValidationError.For(L["Val_FixBelow"], nameof(OpenRoundInput.Year), L["Reports_RoundExists"]);
        }

        var top = NewReport(round, province, province, null, regime);
        await db.SaveChangesAsync(ct);
        var reports = new List<UnitReport> { top };
        foreach (var commune in reporting)
        {
            var report = NewReport(round, commune, province, top.Id, regime);
            if (reportsFor.TryGetValue(commune.Id, out var merged))
            {
                report.ReportsFor = Truncate(string.Join(", ", merged.Select(u => u.Name)), 2000);
            }

            reports.Add(report);
        }

        await db.SaveChangesAsync(ct);
        foreach (var report in reports)
        {
            var order = 0;
            foreach (var section in template.Sections)
            {
                var row = new ReportSection
                {
                    ReportId = report.Id,
                    Order = order++,
                    Key = section.Key,
                    Title = section.Title,
                    Figures = string.Join(',', section.Figures),
                };
                report.StampOnto(row);
                db.ReportSections.Add(row);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return round.Id;
    }

    private UnitReport NewReport(ReportingRound round, Unit unit, Unit province, int? parent, DocumentRegime regime)
    {
        var report = new UnitReport
        {
            RoundId = round.Id,
            UnitLevel = unit.Level,
            ParentReportId = parent,
        };
        ReportRules.Stamp(unit.Ref, report);
        ReportRules.Prefill(report, unit, province, regime);
        db.UnitReports.Add(report);
        return report;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
