using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Statistics;

/// <summary>A summary row that differs from a recompute over the facts.</summary>
public sealed record StatisticDifference(CountKey Row, long Stored, long Recomputed)
{
    public override string ToString() =>
        $"unit {Row.UnitId} {Row.Key}[{Row.Breakdown}] {Row.On:yyyy-MM-dd}: stored {Stored}, recomputed {Recomputed}";
}

/// <summary>
/// Recomputes the summary rows from the facts (<see cref="StatisticSources"/> over every petition, model, step,
/// replication, dialogue and province or commune) and compares them with the stored ones: the operator's <c>check-statistics</c>, the
/// repair after a bulk load, and a merger's re-pointing (scoped to the provinces it touched). A repair adds the
/// differences in the caller's transaction, so the rows equal the recompute whatever they held.
/// </summary>
public sealed class StatisticCheck(DanVanDbContext db)
{
    /// <summary>The differences over everything, or over the subtrees of <paramref name="provinces"/> (and the country's
    /// rows by as much as those provinces' rows differ).</summary>
    public async Task<List<StatisticDifference>> CompareAsync(IReadOnlyCollection<int>? provinces, CancellationToken ct)
    {
        var recomputed = await RecomputeAsync(provinces, ct);
        var stored = await StoredAsync(provinces, ct);
        var differences = new List<StatisticDifference>();
        foreach (var (key, (_, value)) in recomputed.Rows)
        {
            var had = stored.Remove(key, out var s) ? s : 0;
            if (had != value)
            {
                differences.Add(new(key, had, value));
            }
        }

        differences.AddRange(stored.Where(s => s.Value != 0).Select(s => new StatisticDifference(s.Key, s.Value, 0)));
        if (provinces is not null)
        {
            // The country's rows change by what the provinces' rows change.
            var country = new Dictionary<CountKey, long>();
            foreach (var d in differences.Where(d => provinces.Contains(d.Row.UnitId)))
            {
                var key = d.Row with { UnitId = 0 };
                country[key] = country.GetValueOrDefault(key) + d.Recomputed - d.Stored;
            }

            var countryStored = await db
                .StatisticCounts.AsNoTracking()
                .Where(s => s.UnitId == 0)
                .ToDictionaryAsync(s => new CountKey(0, s.Key, s.Breakdown, s.On), s => s.Value, ct);
            differences.AddRange(
                country
                    .Where(c => c.Value != 0)
                    .Select(c => new StatisticDifference(
                        c.Key,
                        countryStored.GetValueOrDefault(c.Key),
                        countryStored.GetValueOrDefault(c.Key) + c.Value
                    ))
            );
        }

        return [.. differences.OrderBy(d => d.Row.UnitId).ThenBy(d => d.Row.Key).ThenBy(d => d.Row.On)];
    }

    /// <summary>
    /// Makes the rows (of everything, or of the provinces' subtrees) equal a recompute: the scope's rows are replaced by
    /// the recomputed ones (so a unit moved by a merger also gets its new parent), and the country's rows change by as
    /// much as the provinces' did. The caller holds the transaction. Returns how many rows differed.
    /// </summary>
    public async Task<int> RepairAsync(IReadOnlyCollection<int>? provinces, CancellationToken ct)
    {
        var differences = await CompareAsync(provinces, ct);
        if (differences.Count == 0)
        {
            return 0;
        }

        var recomputed = await RecomputeAsync(provinces, ct);
        if (provinces is null)
        {
            await db.StatisticCounts.ExecuteDeleteAsync(ct);
            await StatisticLedger.AddAsync(db, recomputed.Rows, ct);
            return differences.Count;
        }

        var list = provinces.ToList();
        var units = db.Units.Where(u => list.Contains(u.Id) || list.Contains(u.ProvinceId!.Value)).Select(u => u.Id);
        await db.StatisticCounts.Where(s => units.Contains(s.UnitId)).ExecuteDeleteAsync(ct);
        await StatisticLedger.AddAsync(
            db,
            recomputed.Rows.Concat(
                differences
                    .Where(d => d.Row.UnitId == 0)
                    .Select(d => new KeyValuePair<CountKey, (CountPlace, long)>(
                        d.Row,
                        (new CountPlace(UnitLevel.Central, null), d.Recomputed - d.Stored)
                    ))
            ),
            ct
        );
        await db.StatisticCounts.Where(s => s.UnitId == 0 && s.Value == 0).ExecuteDeleteAsync(ct);
        return differences.Count;
    }

    private async Task<Dictionary<CountKey, long>> StoredAsync(
        IReadOnlyCollection<int>? provinces,
        CancellationToken ct
    )
    {
        var rows = db.StatisticCounts.AsNoTracking();
        if (provinces is not null)
        {
            var list = provinces.ToList();
            var units = db
                .Units.Where(u => list.Contains(u.Id) || list.Contains(u.ProvinceId!.Value))
                .Select(u => u.Id);
            rows = rows.Where(s => units.Contains(s.UnitId));
        }

        var stored = new Dictionary<CountKey, long>();
        await foreach (
            var s in rows.Select(s => new
                {
                    s.UnitId,
                    s.Key,
                    s.Breakdown,
                    s.On,
                    s.Value,
                })
                .AsAsyncEnumerable()
                .WithCancellation(ct)
        )
        {
            stored[new CountKey(s.UnitId, s.Key, s.Breakdown, s.On)] = s.Value;
        }

        return stored;
    }

    /// <summary>The rows the facts make, from the columns the rules read (not the facts' texts).</summary>
    private async Task<StatisticLedger> RecomputeAsync(IReadOnlyCollection<int>? provinces, CancellationToken ct)
    {
        var ledger = new StatisticLedger();
        var list = provinces?.ToList();

        IQueryable<T> Scoped<T>(IQueryable<T> rows)
            where T : class, IUnitScoped =>
            list is null ? rows : rows.Where(r => r.ProvinceId != null && list.Contains(r.ProvinceId.Value));

        async Task AddAll<T>(IQueryable<T> rows)
            where T : IUnitScoped
        {
            await foreach (var fact in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                ledger.Add(fact, +1);
            }
        }

        await AddAll(
            Scoped(db.Petitions.AsNoTracking())
                .Select(p => new Petition
                {
                    UnitId = p.UnitId,
                    ProvinceId = p.ProvinceId,
                    CommuneId = p.CommuneId,
                    VillageId = p.VillageId,
                    CategoryId = p.CategoryId,
                    Status = p.Status,
                    ReceivedOn = p.ReceivedOn,
                    AnsweredOn = p.AnsweredOn,
                    AnsweredOnTime = p.AnsweredOnTime,
                    DaysToAnswer = p.DaysToAnswer,
                    ClosedOn = p.ClosedOn,
                    DueOn = p.DueOn,
                    EscalatedOn = p.EscalatedOn,
                })
        );
        await AddAll(Scoped(db.PetitionEvents.AsNoTracking()).Where(e => e.Action == PetitionAction.Reopen));
        await AddAll(
            Scoped(db.Models.AsNoTracking())
                .Select(m => new MobilizationModel
                {
                    UnitId = m.UnitId,
                    ProvinceId = m.ProvinceId,
                    CommuneId = m.CommuneId,
                    VillageId = m.VillageId,
                    FieldId = m.FieldId,
                    Status = m.Status,
                    RegisteredOn = m.RegisteredOn,
                    RecognizedOn = m.RecognizedOn,
                    RecognitionLevel = m.RecognitionLevel,
                    CommendedOn = m.CommendedOn,
                })
        );
        await AddAll(
            Scoped(db.ModelEvents.AsNoTracking())
                .Where(e => e.From == ModelStatus.Implementing || e.To == ModelStatus.Implementing)
        );
        await AddAll(Scoped(db.ModelReplications.AsNoTracking()));
        await AddAll(
            Scoped(db.Dialogues.AsNoTracking())
                .Select(d => new DialogueSession
                {
                    UnitId = d.UnitId,
                    ProvinceId = d.ProvinceId,
                    CommuneId = d.CommuneId,
                    VillageId = d.VillageId,
                    Type = d.Type,
                    HeldByPartyHead = d.HeldByPartyHead,
                    HeldOn = d.HeldOn,
                    CitizenCount = d.CitizenCount,
                    BusinessCount = d.BusinessCount,
                    OfficialCount = d.OfficialCount,
                    NoticePublishedOn = d.NoticePublishedOn,
                    ResultsPublishedOn = d.ResultsPublishedOn,
                })
        );
        await AddAll(
            Scoped(db.Campaigns.AsNoTracking())
                .Select(c => new Campaign
                {
                    UnitId = c.UnitId,
                    ProvinceId = c.ProvinceId,
                    CommuneId = c.CommuneId,
                    VillageId = c.VillageId,
                    StartsOn = c.StartsOn,
                    EndsOn = c.EndsOn,
                })
        );
        await AddAll(
            Scoped(db.WorkPrograms.AsNoTracking())
                .Select(p => new WorkProgram
                {
                    UnitId = p.UnitId,
                    ProvinceId = p.ProvinceId,
                    CommuneId = p.CommuneId,
                    VillageId = p.VillageId,
                    Year = p.Year,
                    ParentProgramId = p.ParentProgramId,
                    FirstApprovedOn = p.FirstApprovedOn,
                    ApprovedOnTime = p.ApprovedOnTime,
                    ParentItemCount = p.ParentItemCount,
                    ParentItemsCovered = p.ParentItemsCovered,
                })
        );
        await AddAll(
            Scoped(db.ProgramItems.AsNoTracking())
                .Select(i => new ProgramItem
                {
                    UnitId = i.UnitId,
                    ProvinceId = i.ProvinceId,
                    CommuneId = i.CommuneId,
                    VillageId = i.VillageId,
                    Status = i.Status,
                    DueOn = i.DueOn,
                    DoneOn = i.DoneOn,
                })
        );
        await AddAll(
            Scoped(db.ConferenceCommitments.AsNoTracking())
                .Select(c => new ConferenceCommitment
                {
                    UnitId = c.UnitId,
                    ProvinceId = c.ProvinceId,
                    CommuneId = c.CommuneId,
                    VillageId = c.VillageId,
                    Status = c.Status,
                    DueOn = c.DueOn,
                    FulfilledOn = c.FulfilledOn,
                })
        );
        await AddAll(
            Scoped(db.CadrePositions.AsNoTracking())
                .Where(p => p.FullTime)
                .Select(p => new CadrePosition
                {
                    UnitId = p.UnitId,
                    ProvinceId = p.ProvinceId,
                    CommuneId = p.CommuneId,
                    VillageId = p.VillageId,
                    OrganizationId = p.OrganizationId,
                    FullTime = p.FullTime,
                    StartOn = p.StartOn,
                    EndOn = p.EndOn,
                    CadreTheory = p.CadreTheory,
                })
        );
        await AddAll(Scoped(db.StaffingQuotas.AsNoTracking()));
        await AddAll(
            Scoped(db.TrainingEnrolments.AsNoTracking())
                .Where(e => e.Status != EnrolmentStatus.Withdrawn)
                .Select(e => new TrainingEnrolment
                {
                    UnitId = e.UnitId,
                    ProvinceId = e.ProvinceId,
                    CommuneId = e.CommuneId,
                    VillageId = e.VillageId,
                    Status = e.Status,
                    CourseEndsOn = e.CourseEndsOn,
                })
        );
        await AddAll(Scoped(db.UnitHoldings.AsNoTracking()));
        await AddAll(
            (list is null ? db.Units : db.Units.Where(u => u.ProvinceId != null && list.Contains(u.ProvinceId.Value)))
                .AsNoTracking()
                .Where(u => u.Level != UnitLevel.Central)
                .Select(u => new UnitStanding(
                    u.Id,
                    u.ProvinceId,
                    u.CommuneId,
                    u.VillageId,
                    u.Level,
                    u.ValidFrom,
                    u.ValidTo
                ))
        );
        if (list is not null)
        {
            // Only the provinces' rows are compared; the country's follow from theirs.
            return ledger.Without(0);
        }

        return ledger;
    }
}
