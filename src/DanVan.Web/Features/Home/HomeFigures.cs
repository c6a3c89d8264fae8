using DanVan.Web.Features.Audit;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Home;

public sealed record HomeFigures(
    IReadOnlyDictionary<UnitKind, int> UnitsByKind,
    int? Accounts,
    int? DisabledAccounts,
    int Organizations,
    ModelStatusCounts Models,
    int Year,
    IReadOnlyDictionary<string, FigureValue> YearFigures,
    StatisticPeriod Month,
    IReadOnlyDictionary<string, FigureValue> MonthFigures,
    IReadOnlyList<AuditRow> RecentActivity,
    PetitionAttention Petitions,
    IReadOnlyList<CampaignBehind> CampaignsBehind
);

/// <summary>What needs someone today among the subtree's petitions and dialogues (PetitionStatistics'
/// predicates).</summary>
/// <summary><see cref="Register"/>: the caller reads the subtree's petition register (an agency handler sees only its
/// queue).</summary>
public sealed record PetitionAttention(
    int Open,
    int Overdue,
    int AwaitingAssignment,
    int AwaitingExtensionDecision,
    int EscalatedHere,
    int? AgencyOpen,
    int? AgencyOverdue,
    int ConferenceResultsMissing,
    bool Register = true
);

/// <summary>
/// The figures of the home page for the unit the account works in: units by kind, accounts and
/// organizations inside that unit's subtree, and the latest entries of its audit trail. All counted from
/// the rows; nothing is a placeholder. The figures of the year and the month come from the statistics catalogue
/// (<see cref="ReadStatistics"/>), the same definition the dashboards, the portal and the reports use. Five statements.
/// </summary>
internal sealed class GetHomeFigures(
    DanVanDbContext db,
    ICurrentUser user,
    ListAudit audit,
    ModelStatistics models,
    ReadStatistics statistics,
    TimeProvider clock
)
{
    public async Task<HomeFigures?> HandleAsync(CancellationToken ct)
    {
        if (user.Active is not { } active)
        {
            return null;
        }

        var scope = active.Unit;

        // Units by kind, organizations and accounts of the subtree as one UNION ALL of tallies: one statement.
        const int UnitKey = 100,
            OrganizationsKey = 1,
            AccountsKey = 2,
            DisabledKey = 3;
        var units = InSubtree(
                db.Units.AsNoTracking().Where(u => u.ValidTo == null),
                scope,
                u => u.ProvinceId,
                u => u.CommuneId,
                u => u.VillageId
            )
            .GroupBy(u => u.Kind)
            .Select(g => new { Key = UnitKey + (int)g.Key, Count = g.Count() });
        var organizationRows = InSubtree(
                db.Organizations.AsNoTracking().Where(o => o.IsActive),
                scope,
                o => o.ProvinceId,
                o => o.CommuneId,
                o => o.VillageId
            )
            .GroupBy(o => OrganizationsKey)
            .Select(g => new { Key = g.Key, Count = g.Count() });
        var accountRows = InSubtree(
                db.Users.AsNoTracking(),
                scope,
                a => a.ProvinceId,
                a => a.CommuneId,
                a => a.VillageId
            )
            .GroupBy(a => a.IsDisabled ? DisabledKey : AccountsKey)
            .Select(g => new { Key = g.Key, Count = g.Count() });
        // What needs someone today: petitions (the dashboard's predicates) and conferences without published results.
        const int OpenKey = 10,
            OverdueKey = 11,
            AssignKey = 12,
            ExtensionKey = 13,
            EscalatedKey = 14,
            AgencyOpenKey = 15,
            AgencyOverdueKey = 16,
            ResultsKey = 17;
        var today = VietnamTime.Today(clock);
        var petitions = InSubtree(
            db.Petitions.AsNoTracking(),
            scope,
            p => p.ProvinceId,
            p => p.CommuneId,
            p => p.VillageId
        );
        var register = user.Can(Permission.PetitionsView, scope);
        var registered = register ? petitions : petitions.Where(_ => false);
        var agencyOrgs = user
            .Grants.Where(g => g.OrganizationId != null && RolePermissions.Grants(g.Role, Permission.PetitionsAnswer))
            .Select(g => g.OrganizationId)
            .Distinct()
            .ToList();
        var agency = petitions
            .Where(p => agencyOrgs.Contains(p.AssignedOrganizationId))
            .Where(PetitionStatistics.IsRunning);
        var attention = Tallied(registered.Where(PetitionStatistics.IsOpen), OpenKey)
            .Concat(Tallied(registered.Where(PetitionStatistics.IsOverdueOn(today)), OverdueKey))
            .Concat(Tallied(registered.Where(PetitionStatistics.AwaitsAssignment), AssignKey))
            .Concat(Tallied(registered.Where(PetitionStatistics.AwaitsExtensionDecision), ExtensionKey))
            .Concat(
                Tallied(
                    db.Petitions.AsNoTracking()
                        .Where(p => register && p.EscalatedToUnitId == scope.Id)
                        .Where(PetitionStatistics.IsRunning),
                    EscalatedKey
                )
            )
            .Concat(Tallied(agency, AgencyOpenKey))
            .Concat(Tallied(agency.Where(PetitionStatistics.IsOverdueOn(today)), AgencyOverdueKey))
            .Concat(
                InSubtree(db.Dialogues.AsNoTracking(), scope, d => d.ProvinceId, d => d.CommuneId, d => d.VillageId)
                    .Where(d =>
                        d.Type == DialogueType.DialogueConference && d.ResultsPublishedOn == null && d.HeldOn < today
                    )
                    .GroupBy(d => ResultsKey)
                    .Select(g => new Tally { Key = g.Key, Count = g.Count() })
            );
        var tallyRows = units
            .Select(t => new Tally { Key = t.Key, Count = t.Count })
            .Concat(organizationRows.Select(t => new Tally { Key = t.Key, Count = t.Count }))
            .Concat(accountRows.Select(t => new Tally { Key = t.Key, Count = t.Count }))
            .Concat(attention);

        // Running campaigns behind schedule: their campaign-level nodes ride in the same statement as the tallies.
        const int CampaignKey = -1;
        var campaignRows = user.Can(Permission.CampaignsView, scope)
            ? CampaignsBehind.RunningNodes(db, scope, today)
            : CampaignsBehind.RunningNodes(db, scope, today).Where(_ => false);
        // The campaigns' rows come first: a figure is stored as thousandths, and the union takes its columns' conversion
        // from its first query (with the tallies first, the home page showed 10.366.000 graves where the campaign's
        // dashboard showed 10.366).
        var rows = await campaignRows
            .Select(r => new HomeRow
            {
                Key = CampaignKey,
                Count = 0,
                CampaignId = r.CampaignId,
                Name = r.Name,
                StartsOn = r.StartsOn,
                EndsOn = r.EndsOn,
                IndicatorId = r.IndicatorId,
                Indicator = r.Indicator,
                SortOrder = r.SortOrder,
                Aggregation = r.Aggregation,
                Direction = r.Direction,
                Decimals = r.Decimals,
                Actual = r.Actual,
                Target = r.Target,
                FirstPeriod = r.FirstPeriod,
                LastPeriod = r.LastPeriod,
                FirstChange = r.FirstChange,
            })
            .Concat(
                tallyRows.Select(t => new HomeRow
                {
                    Key = t.Key,
                    Count = t.Count,
                    CampaignId = null,
                    Name = null,
                    StartsOn = null,
                    EndsOn = null,
                    IndicatorId = null,
                    Indicator = null,
                    SortOrder = null,
                    Aggregation = null,
                    Direction = null,
                    Decimals = null,
                    Actual = null,
                    Target = null,
                    FirstPeriod = null,
                    LastPeriod = null,
                    FirstChange = null,
                })
            )
            .ToListAsync(ct);
        var tallies = rows.Where(r => r.Key != CampaignKey).ToDictionary(t => t.Key, t => t.Count);
        int Tally(int key) => tallies.TryGetValue(key, out var n) ? n : 0;
        var behind = CampaignsBehind.Assess(
            rows.Where(r => r.Key == CampaignKey)
                .Select(r => new CampaignNodeRow
                {
                    CampaignId = r.CampaignId!.Value,
                    Name = r.Name!,
                    StartsOn = r.StartsOn!.Value,
                    EndsOn = r.EndsOn!.Value,
                    IndicatorId = r.IndicatorId!.Value,
                    Indicator = r.Indicator!,
                    SortOrder = r.SortOrder!.Value,
                    Aggregation = r.Aggregation!.Value,
                    Direction = r.Direction!.Value,
                    Decimals = r.Decimals!.Value,
                    Actual = r.Actual!.Value,
                    Target = r.Target!.Value,
                    FirstPeriod = r.FirstPeriod,
                    LastPeriod = r.LastPeriod,
                    FirstChange = r.FirstChange,
                }),
            today
        );

        var seesAccounts = user.Can(Permission.AccountsView, scope);
        int? accounts = seesAccounts ? Tally(AccountsKey) + Tally(DisabledKey) : null,
            disabled = seesAccounts ? Tally(DisabledKey) : null;
        var organizations = Tally(OrganizationsKey);
        var unitsByKind = tallies
            .Where(t => t.Key >= UnitKey)
            .ToDictionary(t => (UnitKind)(t.Key - UnitKey), t => t.Value);

        var year = today.Year;
        var overview = await models.StatusAsync(scope, ct);
        var visible = UnitDashboard.VisibleTo(user, scope);
        var month = StatisticPeriod.Containing(PeriodKind.Month, today);
        var keyFigures = StatisticCatalogue.KeyFigures.Select(StatisticCatalogue.Get).Where(visible.Contains).ToList();
        // One statement: the year (with the recognitions by level), this month and the month before.
        var values = await statistics.ValuesAsync(
            scope,
            StatisticPeriod.Of(PeriodKind.Year, year),
            today,
            visible.Where(s => s.Key.StartsWith("models.", StringComparison.Ordinal)).Union(keyFigures),
            ct,
            second: month,
            third: month.Previous
        );
        var yearFigures = values
            .Where(v => v.Key.StartsWith("models.", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value);
        var monthFigures = keyFigures.ToDictionary(
            s => s.Key,
            s => new FigureValue(s, values[s.Key].Previous, values[s.Key].YearBefore, null)
        );

        var recent = user.Can(Permission.AuditView, scope)
            ? (await audit.HandleAsync(new AuditQuery(UnitId: active.UnitId, Limit: 8), ct, scope)).Items
            : [];

        var isAgency = agencyOrgs.Count > 0;
        var petitionFigures = new PetitionAttention(
            Tally(OpenKey),
            Tally(OverdueKey),
            Tally(AssignKey),
            Tally(ExtensionKey),
            Tally(EscalatedKey),
            isAgency ? Tally(AgencyOpenKey) : null,
            isAgency ? Tally(AgencyOverdueKey) : null,
            Tally(ResultsKey),
            register
        );
        return new HomeFigures(
            unitsByKind,
            accounts,
            disabled,
            organizations,
            overview,
            year,
            yearFigures,
            month,
            monthFigures,
            recent,
            petitionFigures,
            behind
        );
    }

    private sealed class Tally
    {
        public int Key { get; init; }

        public int Count { get; init; }
    }

    /// <summary>A tally, or (key <c>-1</c>) a campaign-level node of a running campaign: one row shape for the one
    /// statement.</summary>
    private sealed class HomeRow
    {
        public int Key { get; init; }
        public int Count { get; init; }
        public int? CampaignId { get; init; }
        public string? Name { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        public int? IndicatorId { get; init; }
        public string? Indicator { get; init; }
        public int? SortOrder { get; init; }
        public Aggregation? Aggregation { get; init; }
        public IndicatorDirection? Direction { get; init; }
        public int? Decimals { get; init; }
        public decimal? Actual { get; init; }
        public decimal? Target { get; init; }
        public DateOnly? FirstPeriod { get; init; }
        public DateOnly? LastPeriod { get; init; }
        public decimal? FirstChange { get; init; }
    }

    private static IQueryable<Tally> Tallied(IQueryable<Petition> rows, int key) =>
        rows.GroupBy(p => key).Select(g => new Tally { Key = g.Key, Count = g.Count() });

    /// <summary>Rows inside one unit's subtree (the active unit, not every grant of the account).</summary>
    private static IQueryable<T> InSubtree<T>(
        IQueryable<T> rows,
        UnitRef unit,
        System.Linq.Expressions.Expression<Func<T, int?>> province,
        System.Linq.Expressions.Expression<Func<T, int?>> commune,
        System.Linq.Expressions.Expression<Func<T, int?>> village
    ) => rows.Where(UnitScope.Within([(unit.Level, unit.Id)], province, commune, village));
}
