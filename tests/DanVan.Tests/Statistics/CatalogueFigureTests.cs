using System.Globalization;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Tests.Statistics;

/// <summary>
/// Every figure of the catalogue equals a direct count over the raw rows — written here a second time, from the rules
/// in DOMAIN.md, not from <see cref="StatisticSources"/> — after a randomized workload of inserts, edits and deletes
/// saved in batches, for every unit of the tree and periods of every kind; again after a merger; and the summary rows
/// equal the operator check's recompute throughout.
/// </summary>
public sealed partial class CatalogueFigureTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private sealed record Facts(
        List<Petition> Petitions,
        List<PetitionEvent> PetitionEvents,
        List<MobilizationModel> Models,
        List<ModelEvent> ModelEvents,
        List<ModelReplication> Replications,
        List<DialogueSession> Dialogues,
        List<Campaign> Campaigns,
        List<WorkProgram> Programs,
        List<ProgramItem> ProgramItems,
        List<ConferenceCommitment> Commitments,
        List<Unit> Units,
        List<DanVan.Web.Features.Personnel.Cadre> Cadres,
        List<DanVan.Web.Features.Personnel.CadrePosition> Posts,
        List<DanVan.Web.Features.Personnel.StaffingQuota> Quotas,
        List<DanVan.Web.Features.Personnel.TrainingCourse> Courses,
        List<DanVan.Web.Features.Personnel.TrainingEnrolment> Enrolments,
        List<DanVan.Web.Features.Personnel.Responsibility> Responsibilities
    );

    [Fact]
    public async Task Every_figure_equals_a_direct_count_after_a_random_workload_and_across_a_merger()
    {
        var today = VietnamTime.Today(TimeProvider.System);
        var tree = app.Tree;
        var units = new[] { tree.P1, tree.C1, tree.V1, tree.V2, tree.C2, tree.V3, tree.P2, tree.C3, tree.V4 };
        var random = new Random(20261204);
        var start = today.AddDays(-500);
        DateOnly Day(DateOnly from) => from.AddDays(random.Next(0, Math.Max(1, today.DayNumber - from.DayNumber + 1)));

        await app.WithDbAsync(async db =>
        {
            var organizations = await db.Organizations.ToDictionaryAsync(o => o.UnitId, o => o.Id);
            var fields = await db.ModelFields.Select(x => x.Id).ToListAsync();
            var categories = await db.PetitionCategories.Select(c => c.Id).ToListAsync();
            var petitions = new List<Petition>();
            var models = new List<MobilizationModel>();
            var dialogues = new List<DialogueSession>();
            var campaigns = new List<Campaign>();
            for (var round = 0; round < 12; round++)
            {
                for (var i = 0; i < 25; i++)
                {
                    var unit = units[random.Next(units.Length)];
                    var received = Day(start);
                    var p = new Petition
                    {
                        HandlingUnitId = unit.CommuneId ?? unit.Id,
                        Channel = PetitionChannel.Reception,
                        ReceivedOn = received,
                        CategoryId = categories[random.Next(categories.Count)],
                        Title = $"Kiến nghị {round}-{i}",
                        Content = "Nội dung",
                        PetitionerKind = PetitionerKind.Citizen,
                        TrackingCode = PetitionRules.NewTrackingCode(),
                        CreatedAt = DateTime.UtcNow,
                    };
                    RecordPetition.PlaceIn(p, unit);
                    p.SearchText = RecordPetition.SearchTextOf(p);
                    Advance(p, random, today);
                    db.Petitions.Add(p);
                    petitions.Add(p);

                    var m = new MobilizationModel
                    {
                        OrganizationId = organizations[unit.Id],
                        FieldId = fields[random.Next(fields.Count)],
                        Kind = (ModelKind)random.Next(1, 4),
                        Name = $"Mô hình {round}-{i}",
                        Status = ModelStatus.Registered,
                        RegisteredOn = Day(start),
                        CreatedAt = DateTime.UtcNow,
                    };
                    ModelRules.PlaceIn(m, unit);
                    m.SearchText = ModelRules.SearchTextOf(m);
                    db.Models.Add(m);
                    models.Add(m);

                    var d = new DialogueSession
                    {
                        Type = (DialogueType)random.Next(1, 5),
                        HeldByPartyHead = random.Next(2) == 0,
                        // Some scheduled ahead: a running period counts only those held by today.
                        HeldOn = i % 5 == 0 ? today.AddDays(random.Next(1, 40)) : Day(start),
                        Topic = "Đối thoại",
                        ChairName = "Chủ trì",
                        CitizenCount = random.Next(0, 80),
                        BusinessCount = random.Next(0, 3),
                        OfficialCount = random.Next(0, 10),
                        SearchText = "doi thoai",
                        CreatedAt = DateTime.UtcNow,
                    };
                    Place(d, unit);
                    PublishDates(d, random);
                    db.Dialogues.Add(d);
                    dialogues.Add(d);

                    if (i % 5 == 1)
                    {
                        // A campaign of a few weeks to a year, some still to begin, some still under way.
                        var starts = i % 3 == 0 ? today.AddDays(random.Next(1, 60)) : Day(start);
                        var c = new Campaign
                        {
                            Name = $"Chiến dịch {round}-{i}",
                            StartsOn = starts,
                            EndsOn = starts.AddDays(random.Next(14, 365)),
                            Status = CampaignStatus.Running,
                            SearchText = "chien dich",
                            CreatedAt = DateTime.UtcNow,
                        };
                        Place(c, unit);
                        db.Campaigns.Add(c);
                        campaigns.Add(c);
                    }
                }

                await db.SaveChangesAsync();

                // Edits of what is there: petitions move on (or are reopened), models step through their lifecycle
                // (each step a fact), replications start, dialogues change date or type or are deleted.
                foreach (var p in petitions.OrderBy(_ => random.Next()).Take(20))
                {
                    if (p.AnsweredOn is not null && random.Next(3) == 0)
                    {
                        var on = Day(p.AnsweredOn.Value);
                        var from = p.Status;
                        PetitionSteps.Reopen(p);
                        var reopened = new PetitionEvent
                        {
                            PetitionId = p.Id,
                            Action = PetitionAction.Reopen,
                            From = from,
                            To = PetitionStatus.Reopened,
                            At = DateTime.UtcNow,
                            On = on,
                            ActorName = "test",
                        };
                        p.Stamp(reopened);
                        db.PetitionEvents.Add(reopened);
                    }
                    else
                    {
                        Advance(p, random, today);
                    }
                }

                foreach (var m in models.OrderBy(_ => random.Next()).Take(20))
                {
                    var next = m.Status switch
                    {
                        ModelStatus.Registered => ModelStatus.Implementing,
                        ModelStatus.Implementing => random.Next(2) == 0 ? ModelStatus.Inspected : ModelStatus.Suspended,
                        ModelStatus.Suspended => ModelStatus.Implementing,
                        ModelStatus.Inspected => random.Next(3) == 0
                            ? ModelStatus.NotRecognized
                            : ModelStatus.Recognized,
                        ModelStatus.Recognized => ModelStatus.Commended,
                        _ => m.Status,
                    };
                    if (next == m.Status)
                    {
                        continue;
                    }

                    var on = Day(m.RegisteredOn!.Value);
                    var step = new ModelEvent
                    {
                        ModelId = m.Id,
                        Action = ModelAction.Register,
                        From = m.Status,
                        To = next,
                        At = DateTime.UtcNow,
                        On = on,
                        ActorName = "test",
                    };
                    m.Stamp(step);
                    db.ModelEvents.Add(step);
                    m.Status = next;
                    if (next == ModelStatus.Recognized)
                    {
                        m.RecognizedOn = on;
                        m.RecognitionLevel = (RecognitionLevel)random.Next(0, 3);
                    }
                    else if (next == ModelStatus.Commended)
                    {
                        m.CommendedOn = on;
                    }

                    if (random.Next(4) == 0)
                    {
                        var adopter = units[random.Next(units.Length)];
                        var r = new ModelReplication
                        {
                            SourceModelId = m.Id,
                            OrganizationId = organizations[adopter.Id],
                            StartDate = Day(start),
                            Adaptations = "Điều chỉnh",
                            CreatedAt = DateTime.UtcNow,
                        };
                        r.UnitId = adopter.Id;
                        r.ProvinceId = adopter.ProvinceId;
                        r.CommuneId = adopter.CommuneId;
                        r.VillageId = adopter.VillageId;
                        r.UnitLevel = adopter.Level;
                        db.ModelReplications.Add(r);
                    }
                }

                foreach (var c in campaigns.OrderBy(_ => random.Next()).Take(3).ToList())
                {
                    if (random.Next(3) == 0)
                    {
                        db.Campaigns.Remove(c);
                        campaigns.Remove(c);
                    }
                    else
                    {
                        // Extended or cut short.
                        c.EndsOn = c.StartsOn.AddDays(random.Next(0, 400));
                    }
                }

                foreach (var d in dialogues.OrderBy(_ => random.Next()).Take(8).ToList())
                {
                    switch (random.Next(3))
                    {
                        case 0:
                            db.Dialogues.Remove(d);
                            dialogues.Remove(d);
                            break;
                        case 1:
                            d.HeldOn = Day(start);
                            d.Type = (DialogueType)random.Next(1, 5);
                            d.HeldByPartyHead = !d.HeldByPartyHead;
                            PublishDates(d, random);
                            break;
                        default:
                            d.CitizenCount += random.Next(1, 30);
                            break;
                    }
                }

                await db.SaveChangesAsync();
            }

            await ProgramsAsync(db, random, today);
            await PersonnelAsync(db, random, today, units);
            await ResponsibilitiesAsync(db, random, today, units);
        });

        await AssertFiguresAsync(today, [tree.Root, .. units]);

        // C2 merges into C1: its facts, before and after, count towards C1; the check stays clean.
        var administrator = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, tree.P1));
        var merged = await administrator.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { tree.C2.Id },
                targetId = tree.C1.Id,
                effectiveDate = Petitions.PetitionData.Iso(today.AddDays(-3)),
            }
        );
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());
        var c1 = await app.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == tree.C1.Id));
        var c1Before = await ValueAsync(
            c1.Ref,
            StatisticPeriod.Of(PeriodKind.Year, today.Year),
            today,
            PetitionsReceived
        );
        await AssertFiguresAsync(today, [tree.Root, tree.P1, tree.C1, tree.C2, tree.V1, tree.V3]);
        Assert.NotNull(c1Before);
    }

    /// <summary>Moves a petition on by a random step: assigned with a deadline, answered on time or late, closed,
    /// escalated.</summary>
    private static void Advance(Petition p, Random random, DateOnly today)
    {
        switch (p.Status)
        {
            case PetitionStatus.Received or PetitionStatus.Reopened:
                p.Status = PetitionStatus.Assigned;
                p.AssignedOn = Later(p.ReceivedOn, random, today, 10);
                p.DueOn = p.AssignedOn.Value.AddDays(random.Next(5, 40));
                break;
            case PetitionStatus.Assigned or PetitionStatus.InProgress when random.Next(4) == 0:
                p.EscalatedToUnitId = p.ProvinceId;
                p.EscalatedOn = Later(p.DueOn!.Value, random, today, 5);
                break;
            case PetitionStatus.Assigned or PetitionStatus.InProgress:
                var on = Later(p.AssignedOn!.Value, random, today, 60);
                p.Status = PetitionStatus.Answered;
                p.AnsweredOn = on;
                p.DaysToAnswer = on.DayNumber - p.ReceivedOn.DayNumber;
                p.AnsweredOnTime = p.DueOn is not { } d || on <= d;
                break;
            case PetitionStatus.Answered:
                p.Status = random.Next(3) == 0 ? PetitionStatus.ClosedNotResolved : PetitionStatus.Resolved;
                p.ClosedOn = Later(p.AnsweredOn!.Value, random, today, 20);
                break;
        }
    }

    private static DateOnly Later(DateOnly from, Random random, DateOnly today, int days)
    {
        var day = from.AddDays(random.Next(0, days));
        return day > today ? today : day;
    }

    private static void Place(Campaign c, Unit unit)
    {
        c.UnitId = unit.Id;
        c.ProvinceId = unit.ProvinceId;
        c.CommuneId = unit.CommuneId;
        c.VillageId = unit.VillageId;
        c.UnitLevel = unit.Level;
    }

    private static void Place(DialogueSession d, Unit unit)
    {
        d.UnitId = unit.Id;
        d.ProvinceId = unit.ProvinceId;
        d.CommuneId = unit.CommuneId;
        d.VillageId = unit.VillageId;
        d.UnitLevel = unit.Level;
    }

    private static void PublishDates(DialogueSession d, Random random)
    {
        d.NoticePublishedOn = random.Next(3) == 0 ? null : d.HeldOn.AddDays(-random.Next(0, 14));
        d.ResultsPublishedOn = random.Next(3) == 0 ? null : d.HeldOn.AddDays(random.Next(0, 20));
    }

    private async Task<double?> ValueAsync(UnitRef unit, StatisticPeriod period, DateOnly today, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var read = scope.ServiceProvider.GetRequiredService<ReadStatistics>();
        var values = await read.ValuesAsync(unit, period, today, [Get(key)], CancellationToken.None);
        return values[key].Value;
    }

    private async Task AssertFiguresAsync(DateOnly today, IEnumerable<Unit> units)
    {
        var facts = await app.WithDbAsync(async db => new Facts(
            await db.Petitions.AsNoTracking().ToListAsync(),
            await db.PetitionEvents.AsNoTracking().ToListAsync(),
            await db.Models.AsNoTracking().ToListAsync(),
            await db.ModelEvents.AsNoTracking().ToListAsync(),
            await db.ModelReplications.AsNoTracking().ToListAsync(),
            await db.Dialogues.AsNoTracking().ToListAsync(),
            await db.Campaigns.AsNoTracking().ToListAsync(),
            await db.WorkPrograms.AsNoTracking().ToListAsync(),
            await db.ProgramItems.AsNoTracking().ToListAsync(),
            await db.ConferenceCommitments.AsNoTracking().ToListAsync(),
            await db.Units.AsNoTracking().ToListAsync(),
            await db.Cadres.AsNoTracking().ToListAsync(),
            await db.CadrePositions.AsNoTracking().ToListAsync(),
            await db.StaffingQuotas.AsNoTracking().ToListAsync(),
            await db.TrainingCourses.AsNoTracking().ToListAsync(),
            await db.TrainingEnrolments.AsNoTracking().ToListAsync(),
            await db.Responsibilities.AsNoTracking().ToListAsync()
        ));
        Assert.True(
            facts.Petitions.Count > 100
                && facts.ModelEvents.Count > 50
                && facts.Replications.Count > 5
                && facts.Campaigns.Count > 20
                && facts.ProgramItems.Count > 30
                && facts.Commitments.Count > 20
                && facts.Posts.Count > 30
                && facts.Quotas.Count > 5
                && facts.Enrolments.Count > 20
                && facts.Responsibilities.Count > 20
        );
        var periods = new[]
        {
            StatisticPeriod.Of(PeriodKind.Month, today.Year, today.Month),
            StatisticPeriod.Containing(PeriodKind.Month, today.AddMonths(-1)),
            StatisticPeriod.Containing(PeriodKind.Quarter, today.AddMonths(-4)),
            StatisticPeriod.Of(PeriodKind.SixMonths, today.Year),
            StatisticPeriod.Of(PeriodKind.NineMonths, today.Year - 1),
            StatisticPeriod.Of(PeriodKind.Year, today.Year),
            StatisticPeriod.Custom(today.AddMonths(-14), today.AddMonths(-2)),
        };
        await using var scope = app.Services.CreateAsyncScope();
        var read = scope.ServiceProvider.GetRequiredService<ReadStatistics>();
        var failures = new List<string>();
        var compared = 0;
        foreach (
            var unit in await app.WithDbAsync(db =>
                db.Units.AsNoTracking().Where(u => units.Select(x => x.Id).Contains(u.Id)).ToListAsync()
            )
        )
        {
            foreach (var period in periods)
            {
                var values = await read.ValuesAsync(unit.Ref, period, today, All, CancellationToken.None);
                var direct = Direct(facts, unit.Ref, period, today);
                foreach (var (key, expected) in direct)
                {
                    // "key#part": a part of a figure's breakdown (so far the staffing plan's, by body).
                    var actual = key.Split('#') is [var figure, var part]
                        ? values[figure].Parts.TryGetValue(int.Parse(part, CultureInfo.InvariantCulture), out var v)
                            ? v
                            : null
                        : values[key].Value;
                    compared++;
                    if (
                        (actual ?? 0) != (expected ?? 0)
                        || (expected is null && actual is not null && Get(key).Formula is not null)
                    )
                    {
                        failures.Add(
                            $"{unit.Name} {period.From:yyyy-MM}..{period.To:yyyy-MM} {key}: {actual} ≠ {expected}"
                        );
                    }
                }

                // No part the direct count has not.
                foreach (var figure in new[] { StaffInPost, StaffQualified, StaffQuota, StaffQualifiedRequired })
                {
                    failures.AddRange(
                        values[figure]
                            .Parts.Where(p => !direct.ContainsKey($"{figure}#{p.Key}"))
                            .Select(p => $"{unit.Name} {period.From:yyyy-MM} {figure}#{p.Key}: {p.Value} not counted")
                    );
                }
            }
        }

        Assert.True(compared > 500);
        Assert.Empty(failures);
        await using var check = app.Services.CreateAsyncScope();
        Assert.Empty(
            await check.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }

    /// <summary>The figures counted straight from the rows.</summary>
    private static Dictionary<string, double?> Direct(Facts f, UnitRef unit, StatisticPeriod period, DateOnly today)
    {
        bool In(IUnitScoped row) =>
            unit.Level switch
            {
                UnitLevel.Central => true,
                UnitLevel.Province => row.ProvinceId == unit.Id,
                UnitLevel.Commune => row.CommuneId == unit.Id,
                _ => row.VillageId == unit.Id,
            };
        var at = period.To < today ? period.To : today;
        bool During(DateOnly? day) => day is { } d && d >= period.From && d <= at;
        var p = f.Petitions.Where(In).ToList();
        var answered = p.Where(x => During(x.AnsweredOn)).ToList();
        var onTime = answered.Count(x => x.AnsweredOnTime == true);
        var m = f.Models.Where(In).ToList();
        var d = f.Dialogues.Where(In).ToList();
        var c = f.Campaigns.Where(In).ToList();
        var conferences = d.Where(x => x.Type == DialogueType.DialogueConference && During(x.HeldOn)).ToList();
        var held = d.Count(x => x.Type == DialogueType.PeriodicReception && x.HeldByPartyHead && During(x.HeldOn));
        // Days due: each month of the period up to the current one, the provinces (1) and communes (2) standing at
        // its end, by their ancestor columns now (a merged commune's owe its successor).
        var owing = f
            .Units.Where(u => u.Level is UnitLevel.Province or UnitLevel.Commune && In(UnitStanding.Of(u)))
            .ToList();
        double? due = null;
        if (owing.Count > 0)
        {
            due = 0;
            for (var month = period.From; month <= at; month = month.AddMonths(1))
            {
                var end = month.AddMonths(1).AddDays(-1);
                due += owing
                    .Where(u => u.ValidFrom <= end && (u.ValidTo is null || u.ValidTo >= end))
                    .Sum(u => u.Level == UnitLevel.Province ? 1 : 2);
            }
        }

        // Programs: approved by the first decision's day; the parent's items and those implemented, for the program's
        // year, counted from the items themselves; items due, done and late by their days.
        var programs = f.Programs.Where(In).ToList();
        var approvedPrograms = programs.Count(x => During(x.FirstApprovedOn));
        var approvedOnTime = programs.Count(x =>
            During(x.FirstApprovedOn) && x.FirstApprovedOn <= new DateOnly(x.Year, 1, 31)
        );
        var concretizing = programs.Where(x => x.ParentProgramId is not null && x.Year == at.Year).ToList();
        var parentItems = concretizing.Sum(x => f.ProgramItems.Count(i => i.ProgramId == x.ParentProgramId));
        var parentItemsCovered = concretizing.Sum(x =>
            f.ProgramItems.Where(i => i.ProgramId == x.Id && i.ParentItemId != null)
                .Select(i => i.ParentItemId)
                .Distinct()
                .Count()
        );
        var approvedIds = f.Programs.Where(x => x.FirstApprovedOn is not null).Select(x => x.Id).ToHashSet();
        var year = f.Programs.ToDictionary(x => x.Id, x => x.Year);
        var owed = f
            .ProgramItems.Where(In)
            .Where(i => approvedIds.Contains(i.ProgramId) && i.Status != ItemStatus.Dropped)
            .Select(i => (Item: i, Due: ProgramRules.DueOn(year[i.ProgramId], i.DueMonth, i.DueQuarter)))
            .ToList();

        var kept = f.Commitments.Where(In).Where(x => x.Status != CommitmentStatus.Withdrawn).ToList();
        var commitmentsDue = kept.Count(x => During(x.DueOn));
        var fulfilledByDue = kept.Count(x => During(x.DueOn) && x.FulfilledOn <= x.DueOn);

        var figures = new Dictionary<string, double?>
        {
            [CommitmentsDue] = commitmentsDue,
            [CommitmentsFulfilled] = kept.Count(x => During(x.FulfilledOn)),
            [CommitmentsFulfilledByDue] = fulfilledByDue,
            [CommitmentsShare] = commitmentsDue == 0 ? null : Math.Round(100.0 * fulfilledByDue / commitmentsDue, 1),
            [ProgramsApproved] = approvedPrograms,
            [ProgramsApprovedOnTime] = approvedOnTime,
            [ProgramsOnTimeShare] =
                approvedPrograms == 0 ? null : Math.Round(100.0 * approvedOnTime / approvedPrograms, 1),
            [ProgramParentItems] = parentItems,
            [ProgramParentItemsCovered] = parentItemsCovered,
            [ProgramCoverageShare] = parentItems == 0 ? null : Math.Round(100.0 * parentItemsCovered / parentItems, 1),
            [ProgramItemsDue] = owed.Count(x => During(x.Due)),
            [ProgramItemsDone] = f.ProgramItems.Where(In).Count(i => i.Status == ItemStatus.Done && During(i.DoneOn)),
            [ProgramItemsLate] = owed.Count(x =>
                During(x.Due.AddDays(1)) && !(x.Item.Status == ItemStatus.Done && x.Item.DoneOn <= x.Due)
            ),
            [PetitionsReceived] = p.Count(x => During(x.ReceivedOn)),
            [PetitionsAnswered] = answered.Count,
            [PetitionsAnsweredOnTime] = onTime,
            [PetitionsOnTimeShare] = answered.Count == 0 ? null : Math.Round(100.0 * onTime / answered.Count, 1),
            [PetitionsMedianDays] = PetitionStatistics.Median(
                answered.GroupBy(x => x.DaysToAnswer!.Value).Select(g => (g.Key, g.Count()))
            ),
            [PetitionsOpen] = p.Count(x =>
                x.ReceivedOn <= at && (PetitionLifecycle.IsOpen(x.Status) || (x.ClosedOn ?? x.AnsweredOn)!.Value > at)
            ),
            [PetitionsOverdue] = p.Count(x =>
                x.DueOn is { } due
                && due < at
                && (PetitionLifecycle.IsRunning(x.Status) || (x.AnsweredOn is { } a && a > at))
            ),
            [PetitionsEscalated] = p.Count(x => During(x.EscalatedOn)),
            [PetitionsResolved] = p.Count(x => x.Status == PetitionStatus.Resolved && During(x.ClosedOn)),
            [PetitionsClosedNotResolved] = p.Count(x =>
                x.Status == PetitionStatus.ClosedNotResolved && During(x.ClosedOn)
            ),
            [PetitionsReopened] = f
                .PetitionEvents.Where(In)
                .Count(e => e.Action == PetitionAction.Reopen && During(e.On)),
            [ModelsRegistered] = m.Count(x => During(x.RegisteredOn)),
            [ModelsRecognized] = m.Count(x => x.IsRecognized && During(x.RecognizedOn)),
            [ModelsRecognizedByLevel] = m.Count(x => x.IsRecognized && During(x.RecognizedOn)),
            [ModelsCommended] = m.Count(x => x.Status == ModelStatus.Commended && During(x.CommendedOn)),
            [ModelsImplementing] = f
                .ModelEvents.Where(In)
                .Where(e => e.On <= at)
                .Sum(e => (e.To == ModelStatus.Implementing ? 1 : 0) - (e.From == ModelStatus.Implementing ? 1 : 0)),
            [ModelsReplicated] = f.Replications.Where(In).Count(r => During(r.StartDate)),
            [CampaignsStarted] = c.Count(x => During(x.StartsOn)),
            [CampaignsRunning] = c.Count(x => x.StartsOn <= at && x.EndsOn >= at),
            [DialogueSessions] = d.Count(x => During(x.HeldOn)),
            [ReceptionDays] = held,
            [ReceptionDaysDue] = due,
            [ReceptionDaysShare] = due is > 0 ? Math.Round(100.0 * held / due.Value, 1) : null,
            [DialogueParticipants] = d.Where(x => During(x.HeldOn))
                .Sum(x => x.CitizenCount + x.BusinessCount + x.OfficialCount),
            [ConferencesNoticeLate] = conferences.Count(x => x.NoticePublishedOn > x.HeldOn.AddDays(-7)),
            [ConferencesResultsLate] = conferences.Count(x => x.ResultsPublishedOn > x.HeldOn.AddDays(10)),
            [ConferencesResultsMissing] = conferences.Count(x => x.ResultsPublishedOn is null),
        };
        DirectPersonnel(figures, f, In, at);
        DirectTraining(figures, f, In, During);
        DirectCoverage(figures, f, In, at);
        return figures;
    }
}
