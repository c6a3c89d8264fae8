using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Programs;
using DanVan.Web.Infrastructure.Data;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Web.Features.Statistics;

/// <summary>One change a fact makes to a figure, at its own unit: +1 to a count in a month, a histogram's bin, or a
/// stock's entry (+1) and exit (−1).</summary>
public readonly record struct Contribution(string Key, int Breakdown, DateOnly On, long Value);

/// <summary>A unit as a fact of the catalogue: where it sits and when it stands (a unit row has no UnitId column; after
/// a merger its ancestor columns point at the successor, so what it owed counts there).</summary>
public sealed record UnitStanding(
    int UnitId,
    int? ProvinceId,
    int? CommuneId,
    int? VillageId,
    Units.UnitLevel Level,
    DateOnly ValidFrom,
    DateOnly? ValidTo
) : IUnitScoped
{
    /// <summary>The unit with its own level's column filled (a unit is its own ancestor there; that column is set just
    /// after the insert, see <c>UnitRules.InsertAsync</c>).</summary>
    public static UnitStanding Of(Units.Unit u) =>
        new(
            u.Id,
            u.ProvinceId ?? (u.Level == Units.UnitLevel.Province ? u.Id : null),
            u.CommuneId ?? (u.Level == Units.UnitLevel.Commune ? u.Id : null),
            u.VillageId ?? (u.Level == Units.UnitLevel.Village ? u.Id : null),
            u.Level,
            u.ValidFrom,
            u.ValidTo
        );
}

/// <summary>
/// What each fact adds to the catalogue's figures, as a function of the fact's own columns only: so a save's change is
/// the new row's contributions minus the old row's (<see cref="StatisticLedger"/>), and a recompute is the sum over the
/// rows (<see cref="StatisticCheck"/>). This is the one place a figure's rule is written.
/// </summary>
public static partial class StatisticSources
{
    /// <summary>The fact types that feed the catalogue.</summary>
    public static readonly IReadOnlySet<Type> Types = new HashSet<Type>
    {
        typeof(Petition),
        typeof(PetitionEvent),
        typeof(MobilizationModel),
        typeof(ModelEvent),
        typeof(ModelReplication),
        typeof(DialogueSession),
        typeof(Campaign),
        typeof(WorkProgram),
        typeof(ProgramItem),
        typeof(ConferenceCommitment),
        typeof(CadrePosition),
        typeof(StaffingQuota),
        typeof(TrainingEnrolment),
        typeof(UnitHolding),
        typeof(Units.Unit),
    };

    /// <summary>An entity of one of <see cref="Types"/> as the fact the rules read.</summary>
    public static IUnitScoped AsFact(object entity) =>
        entity is Units.Unit u ? UnitStanding.Of(u) : (IUnitScoped)entity;

    public static IEnumerable<Contribution> Of(object fact) =>
        fact switch
        {
            Petition p => OfPetition(p),
            PetitionEvent e => OfPetitionEvent(e),
            MobilizationModel m => OfModel(m),
            ModelEvent e => OfModelEvent(e),
            ModelReplication r => OfReplication(r),
            DialogueSession d => OfDialogue(d),
            Campaign c => OfCampaign(c),
            WorkProgram p => OfProgram(p),
            ProgramItem i => OfProgramItem(i),
            ConferenceCommitment c => OfCommitment(c),
            CadrePosition p => OfPost(p),
            StaffingQuota q => OfQuota(q),
            TrainingEnrolment e => OfEnrolment(e),
            UnitHolding h => OfHolding(h),
            UnitStanding u => OfUnit(u).Concat(ToHold(u)),
            _ => [],
        };

    public static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// A petition counts as received in the month of receipt (by category); as answered, on time or not, in the month of
    /// its answer, with its days from receipt to answer in the histogram the median reads (a reopened petition's answer
    /// is withdrawn, so it leaves these); as resolved or closed not resolved in the month it was closed; escalated in the
    /// month of escalation. It is open from receipt until it is answered, closed or redirected, and overdue from the day
    /// after its deadline until it is answered (both stocks: an entry and an exit).
    /// </summary>
    public static IEnumerable<Contribution> OfPetition(Petition p)
    {
        var received = Month(p.ReceivedOn);
        yield return new(PetitionsReceived, p.CategoryId, received, 1);
        if (p.AnsweredOn is { } answered)
        {
            var month = Month(answered);
            yield return new(PetitionsAnswered, p.CategoryId, month, 1);
            if (p.AnsweredOnTime == true)
            {
                yield return new(PetitionsAnsweredOnTime, p.CategoryId, month, 1);
            }

            if (p.DaysToAnswer is { } days)
            {
                yield return new(PetitionsDaysToAnswer, days, month, 1);
            }
        }

        if (p.Status == PetitionStatus.Resolved)
        {
            yield return new(PetitionsResolved, 0, Month(p.ClosedOn ?? p.AnsweredOn ?? p.ReceivedOn), 1);
        }
        else if (p.Status == PetitionStatus.ClosedNotResolved)
        {
            yield return new(PetitionsClosedNotResolved, 0, Month(p.ClosedOn ?? p.AnsweredOn ?? p.ReceivedOn), 1);
        }

        if (p.EscalatedOn is { } escalated)
        {
            yield return new(PetitionsEscalated, 0, Month(escalated), 1);
        }

        yield return new(PetitionsOpen, 0, received, 1);
        if (!PetitionLifecycle.IsOpen(p.Status))
        {
            var left = p.ClosedOn ?? p.AnsweredOn ?? p.ReceivedOn;
            yield return new(PetitionsOpen, 0, Month(left < p.ReceivedOn ? p.ReceivedOn : left), -1);
        }

        // Overdue by the day: a stock read at "today" must not count a deadline later this month.
        if (p.DueOn is { } due)
        {
            var late = due.AddDays(1);
            if (PetitionLifecycle.IsRunning(p.Status))
            {
                yield return new(PetitionsOverdue, 0, late, 1);
            }
            else if (p.AnsweredOn is { } a && a >= late)
            {
                yield return new(PetitionsOverdue, 0, late, 1);
                yield return new(PetitionsOverdue, 0, a, -1);
            }
        }
    }

    public static IEnumerable<Contribution> OfPetitionEvent(PetitionEvent e)
    {
        if (e.Action == PetitionAction.Reopen)
        {
            yield return new(PetitionsReopened, 0, Month(e.On), 1);
        }
    }

    /// <summary>
    /// A model counts as registered in the month of registration whatever happened since (drafts never count), as
    /// recognized in the month of its recognition while it stays recognized or commended (by field, and by the level that
    /// recognized it), and as commended in the month of the commendation.
    /// </summary>
    public static IEnumerable<Contribution> OfModel(MobilizationModel m)
    {
        if (m.RegisteredOn is { } registered)
        {
            yield return new(ModelsRegistered, m.FieldId, Month(registered), 1);
        }

        if (m.IsRecognized && m.RecognizedOn is { } recognized)
        {
            yield return new(ModelsRecognized, m.FieldId, Month(recognized), 1);
            if (m.RecognitionLevel is { } level)
            {
                yield return new(ModelsRecognizedByLevel, (int)level, Month(recognized), 1);
            }
        }

        if (m.Status == ModelStatus.Commended && m.CommendedOn is { } commended)
        {
            yield return new(ModelsCommended, m.FieldId, Month(commended), 1);
        }
    }

    /// <summary>A model is being implemented from the step that made it so until the step that ended it: each step is
    /// a fact with its day, so the stock at any month's end is exact.</summary>
    public static IEnumerable<Contribution> OfModelEvent(ModelEvent e)
    {
        var into = e.To == ModelStatus.Implementing;
        var outOf = e.From == ModelStatus.Implementing;
        if (into != outOf)
        {
            yield return new(ModelsImplementing, 0, Month(e.On ?? DateOnly.FromDateTime(e.At)), into ? 1 : -1);
        }
    }

    /// <summary>A campaign (phong trào, chiến dịch) counts towards its organizing unit as launched on the day it starts,
    /// and as under way from that day to its last day (a stock: an entry, and an exit the day after it ends) — by its
    /// dates, whatever its status, so a campaign planned ahead counts only once it has begun.</summary>
    public static IEnumerable<Contribution> OfCampaign(Campaign c)
    {
        yield return new(CampaignsStarted, 0, c.StartsOn, 1);
        yield return new(CampaignsRunning, 0, c.StartsOn, 1);
        yield return new(CampaignsRunning, 0, c.EndsOn.AddDays(1), -1);
    }

    /// <summary>
    /// A program counts as approved on the day of its first approving decision (amendments do not count again), and as
    /// approved on time when that decision came by the approval deadline (<see cref="WorkProgram.ApprovedOnTime"/>). A
    /// program that concretizes one above brings, for its year (a stock from 1 January to 31 December), the parent's
    /// items and how many of them its own items implement: their ratio is the concretization coverage, per unit as the
    /// coverage matrix shows it and summed up the tree.
    /// </summary>
    public static IEnumerable<Contribution> OfProgram(WorkProgram p)
    {
        if (p.FirstApprovedOn is { } approved)
        {
            yield return new(ProgramsApproved, 0, approved, 1);
            if (p.ApprovedOnTime == true)
            {
                yield return new(ProgramsApprovedOnTime, 0, approved, 1);
            }
        }

        if (p.ParentProgramId is null || p.ParentItemCount == 0)
        {
            yield break;
        }

        var from = new DateOnly(p.Year, 1, 1);
        var to = from.AddYears(1);
        yield return new(ProgramParentItems, 0, from, p.ParentItemCount);
        yield return new(ProgramParentItems, 0, to, -p.ParentItemCount);
        if (p.ParentItemsCovered != 0)
        {
            yield return new(ProgramParentItemsCovered, 0, from, p.ParentItemsCovered);
            yield return new(ProgramParentItemsCovered, 0, to, -p.ParentItemsCovered);
        }
    }

    /// <summary>
    /// An item of an approved program (<see cref="ProgramItem.DueOn"/> set) counts as due on its due day unless dropped,
    /// and as late the day after it if it was not done by then (done late still counts: it was late); an item counts as
    /// done on the day it was done.
    /// </summary>
    public static IEnumerable<Contribution> OfProgramItem(ProgramItem i)
    {
        if (i.Status == ItemStatus.Done && i.DoneOn is { } done)
        {
            yield return new(ProgramItemsDone, 0, done, 1);
        }

        if (i.DueOn is not { } due || i.Status == ItemStatus.Dropped)
        {
            yield break;
        }

        yield return new(ProgramItemsDue, 0, due, 1);
        if (!(i.Status == ItemStatus.Done && i.DoneOn <= due))
        {
            yield return new(ProgramItemsLate, 0, due.AddDays(1), 1);
        }
    }

    /// <summary>A commitment made at a conference counts towards the committing unit as due on its day, unless withdrawn;
    /// as fulfilled on the day it became a replication; and as fulfilled by its day, on that day, when it became one by
    /// then.</summary>
    public static IEnumerable<Contribution> OfCommitment(ConferenceCommitment c)
    {
        if (c.Status == CommitmentStatus.Withdrawn)
        {
            yield break;
        }

        yield return new(CommitmentsDue, 0, c.DueOn, 1);
        if (c.FulfilledOn is { } fulfilled)
        {
            yield return new(CommitmentsFulfilled, 0, fulfilled, 1);
            if (fulfilled <= c.DueOn)
            {
                yield return new(CommitmentsFulfilledByDue, 0, c.DueOn, 1);
            }
        }
    }

    /// <summary>A replication counts towards the adopting unit in the month it started, whatever its status.</summary>
    public static IEnumerable<Contribution> OfReplication(ModelReplication r)
    {
        yield return new(ModelsReplicated, 0, Month(r.StartDate), 1);
    }

    /// <summary>
    /// A session counts on the day it is held (by type; a reception day of the Party committee's head
    /// (<see cref="DialogueRules.IsReceptionDay"/>) also on its own), with its
    /// participants — so a running period counts the sessions held so far, not those scheduled later in it. A dialogue conference counts as late in notice or results by the 7- and 10-day rules
    /// (<see cref="DialogueRules"/>), and as without results while none are published, in the month it was held.
    /// </summary>
    public static IEnumerable<Contribution> OfDialogue(DialogueSession d)
    {
        // By the day: sessions are scheduled ahead, and a period that runs counts only those held by today.
        var month = d.HeldOn;
        yield return new(DialogueSessions, (int)d.Type, month, 1);
        if (DialogueRules.CountsAsReceptionDay(d))
        {
            yield return new(ReceptionDays, 0, month, 1);
        }

        var people = (long)d.CitizenCount + d.BusinessCount + d.OfficialCount;
        if (people != 0)
        {
            yield return new(DialogueParticipants, 0, month, people);
        }

        if (d.Type != DialogueType.DialogueConference)
        {
            yield break;
        }

        if (d.NoticePublishedOn is { } notice && notice > d.HeldOn.AddDays(-DialogueRules.NoticeDays))
        {
            yield return new(ConferencesNoticeLate, 0, month, 1);
        }

        if (d.ResultsPublishedOn is not { } results)
        {
            yield return new(ConferencesResultsMissing, 0, month, 1);
        }
        else if (results > d.HeldOn.AddDays(DialogueRules.ResultsDays))
        {
            yield return new(ConferencesResultsLate, 0, month, 1);
        }
    }

    /// <summary>
    /// A province or commune owes its Party committee head's reception days (<see cref="DialogueRules.RequiredReceptionDays"/>)
    /// for every month at whose end it stands: a stock that rises in the month it starts and falls in the first month
    /// it no longer stands at the end of (a merger's source stands until its last day). Read per month
    /// (<see cref="PeriodRule.PerMonth"/>); the breakdown holds the month so one read keeps the months apart.
    /// </summary>
    public static IEnumerable<Contribution> OfUnit(UnitStanding u)
    {
        var days = DialogueRules.RequiredReceptionDays(u.Level);
        if (days == 0)
        {
            yield break;
        }

        var first = Month(u.ValidFrom);
        DateOnly? gone = u.ValidTo is { } to ? (to.AddDays(1).Day == 1 ? Month(to).AddMonths(1) : Month(to)) : null;
        if (gone is { } g && g <= first)
        {
            yield break;
        }

        yield return new(ReceptionDaysDue, MonthIndex(first), first, days);
        if (gone is { } end)
        {
            yield return new(ReceptionDaysDue, MonthIndex(end), end, -days);
        }
    }

    /// <summary>A month as yyyyMM (the breakdown of <see cref="Breakdown.Month"/>).</summary>
    public static int MonthIndex(DateOnly month) => (month.Year * 100) + month.Month;

    /// <summary>The summary rows a fact's contributions land on: its village, commune, province and the country.</summary>
    public static IEnumerable<(int UnitId, Units.UnitLevel Level, int? ParentId)> Rows(IUnitScoped fact)
    {
        yield return (0, Units.UnitLevel.Central, null);
        if (fact.ProvinceId is not { } province)
        {
            yield break;
        }

        yield return (province, Units.UnitLevel.Province, 0);
        if (fact.CommuneId is not { } commune)
        {
            yield break;
        }

        yield return (commune, Units.UnitLevel.Commune, province);
        if (fact.VillageId is { } village)
        {
            yield return (village, Units.UnitLevel.Village, commune);
        }
    }
}
