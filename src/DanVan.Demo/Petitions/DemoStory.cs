using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Demo;

/// <summary>
/// One petition (and the identical ones grouped under it) played step by step with the app's code:
/// <see cref="PetitionSteps.Apply"/> and <see cref="PetitionSteps.EventOf"/> for the steps people take,
/// <see cref="PetitionSteps.JoinGroup"/> and <see cref="PetitionSteps.Reopen"/> as the handlers use them, and the
/// overdue sweep's rules (<see cref="PetitionDeadlines"/>: marked the day after the deadline, escalated to the unit
/// above once the grace period in working days has passed) between the steps. Nothing happens after today.
/// </summary>
internal sealed class DemoStory
{
    private readonly DemoWorld world;
    private readonly List<Petition> joined = [];
    private DateTime last;

    public DemoStory(DemoWorld world, Petition root, PetitionCategory category)
    {
        this.world = world;
        Root = root;
        Category = category;
        Since = root.ReceivedOn;
        root.CreatedAt = At(root.ReceivedOn, new TimeOnly(9, 0));
        Add(
            root,
            PetitionSteps.EventOf(
                root,
                PetitionAction.Receive,
                PetitionStatus.Received,
                root.ReceivedOn,
                null,
                null,
                root.CreatedAt
            ),
            world.Officer(root.HandlingUnitId)
        );
    }

    public Petition Root { get; }
    public PetitionCategory Category { get; }

    /// <summary>Identical petitions received later, grouped under <see cref="Root"/> on the day they arrive.</summary>
    public List<Petition> Children { get; } = [];

    /// <summary>Every event of the root and the grouped petitions, in the order they happened.</summary>
    public List<(Petition Petition, PetitionEvent Event)> Events { get; } = [];

    /// <summary>The day of the last step: later steps are not dated before it.</summary>
    public DateOnly Since { get; private set; }

    /// <summary>A step would have fallen after today: the story ends there.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Takes a step on <paramref name="on"/> (not before the last one); false, and the story ends, if that is
    /// after today.</summary>
    public bool Step(
        PetitionAction action,
        DateOnly on,
        PetitionStepInput input,
        DateOnly? due = null,
        int? organization = null
    )
    {
        if (Stopped || on > world.Today)
        {
            Stopped = true;
            return false;
        }

        on = on < Since ? Since : on;
        AdvanceTo(on);
        if (!PetitionLifecycle.Allows(Root.Status, action))
        {
            throw new InvalidOperationException(
                $"Demo petition {Root.TrackingCode}: {action} is not allowed from {Root.Status}."
            );
        }

        input.Action = action;
        var from = Root.Status;
        PetitionSteps.Apply(Root, input, on, organization, due);
        var note = Clean(
            action switch
            {
                PetitionAction.Answer => input.Answer,
                PetitionAction.Redirect => input.Reference,
                _ => input.Note,
            }
        );
        var actor =
            PetitionLifecycle.Of(action).Actor == PetitionActor.AssignedAgency
                ? world.Handler(Root.AssignedOrganizationId!.Value)
                : world.Officer(Root.HandlingUnitId);
        var at = At(on, new TimeOnly(8, 0).AddMinutes(Events.Count * 47 % 480));
        Add(
            Root,
            PetitionSteps.EventOf(
                Root,
                action,
                from,
                on,
                note,
                null,
                at,
                action == PetitionAction.Assign ? organization : null
            ),
            actor
        );
        foreach (var child in joined)
        {
            var childFrom = child.Status;
            PetitionSteps.JoinGroup(child, Root);
            if (action == PetitionAction.Answer)
            {
                child.CitizenVerdict = null;
            }

            Add(child, PetitionSteps.EventOf(child, action, childFrom, on, note, null, at), actor);
        }

        Since = on;
        return true;
    }

    /// <summary>The citizen's word on the tracking page (as <see cref="PublicTracking"/> records it).</summary>
    public bool Verdict(CitizenVerdict verdict, DateOnly on, string? note)
    {
        if (Stopped || on > world.Today)
        {
            Stopped = true;
            return false;
        }

        on = on < Since ? Since : on;
        AdvanceTo(on);
        if (
            Root.Status is not (PetitionStatus.Answered or PetitionStatus.Resolved or PetitionStatus.ClosedNotResolved)
            || Root.CitizenVerdict is not null
        )
        {
            throw new InvalidOperationException($"Demo petition {Root.TrackingCode}: no verdict from {Root.Status}.");
        }

        Root.CitizenVerdict = verdict;
        var at = At(on, new TimeOnly(20, 0));
        if (verdict == CitizenVerdict.Satisfied)
        {
            Add(
                Root,
                PetitionSteps.EventOf(Root, PetitionAction.CitizenSatisfied, Root.Status, on, note, null, at),
                DemoActor.Citizen
            );
        }
        else
        {
            var from = Root.Status;
            PetitionSteps.Reopen(Root);
            Add(
                Root,
                PetitionSteps.EventOf(Root, PetitionAction.CitizenNotSatisfied, from, on, note, null, at),
                DemoActor.Citizen
            );
            foreach (var child in joined)
            {
                var childFrom = child.Status;
                PetitionSteps.JoinGroup(child, Root);
                Add(
                    child,
                    PetitionSteps.EventOf(child, PetitionAction.CitizenNotSatisfied, childFrom, on, null, null, at),
                    DemoActor.Citizen
                );
            }
        }

        Since = on;
        return true;
    }

    /// <summary>Brings the story up to today: the grouped petitions received meanwhile, the sweep's marks and
    /// escalations.</summary>
    public void Finish() => AdvanceTo(world.Today);

    /// <summary>What happened without anyone taking a step, up to <paramref name="day"/>: sweeps (at night) and grouped
    /// petitions arriving, in order.</summary>
    private void AdvanceTo(DateOnly day)
    {
        var waiting = new Queue<Petition>(
            Children.Where(c => !joined.Contains(c) && c.ReceivedOn <= day).OrderBy(c => c.ReceivedOn)
        );
        while (true)
        {
            var sweep = NextSweep();
            var arriving = waiting.Count > 0 ? waiting.Peek() : null;
            if (sweep is { } s && s.On <= day && (arriving is null || s.On <= arriving.ReceivedOn))
            {
                Sweep(s.Action, s.On);
            }
            else if (arriving is not null)
            {
                waiting.Dequeue();
                if (Root.AnsweredOn is { } answered && answered < arriving.ReceivedOn)
                {
                    Children.Remove(arriving); // arrived after the group was answered: left out rather than grouped
                }
                else
                {
                    Join(arriving);
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// The sweep's next act on the running petition: marked overdue the first night after the deadline in force,
    /// escalated
    /// once more than the grace period in working days has passed since (never before the step that made it so).
    /// </summary>
    private (PetitionAction Action, DateOnly On)? NextSweep()
    {
        if (!PetitionLifecycle.IsRunning(Root.Status) || Root.DueOn is not { } due)
        {
            return null;
        }

        if (Root.OverdueNotifiedOn is null)
        {
            return (PetitionAction.MarkOverdue, Max(due.AddDays(1), Since));
        }

        if (Root.EscalatedToUnitId is null && world.UnitAbove(Root.HandlingUnitId) is not null)
        {
            return (PetitionAction.Escalate, Max(world.Calendar.Add(due, world.GraceDays + 1), Since));
        }

        return null;
    }

    private void Sweep(PetitionAction action, DateOnly on)
    {
        if (action == PetitionAction.MarkOverdue)
        {
            Root.OverdueNotifiedOn = on;
        }
        else
        {
            Root.EscalatedToUnitId = world.UnitAbove(Root.HandlingUnitId);
            Root.EscalatedOn = on;
        }

        var at = At(on, new TimeOnly(0, 5));
        Add(Root, PetitionSteps.EventOf(Root, action, Root.Status, on, null, null, at), DemoActor.System);
        foreach (var child in joined)
        {
            PetitionSteps.JoinGroup(child, Root);
            Add(child, PetitionSteps.EventOf(child, action, child.Status, on, null, null, at), DemoActor.System);
        }
    }

    /// <summary>An identical petition arrives and is grouped under the root (as <see cref="RecordPetition"/> does
    /// it).</summary>
    private void Join(Petition child)
    {
        PetitionSteps.JoinGroup(child, Root);
        child.CreatedAt = At(child.ReceivedOn, new TimeOnly(10, 0));
        var officer = world.Officer(child.HandlingUnitId);
        Add(
            child,
            PetitionSteps.EventOf(
                child,
                PetitionAction.Receive,
                PetitionStatus.Received,
                child.ReceivedOn,
                null,
                null,
                child.CreatedAt
            ),
            officer
        );
        Add(
            child,
            PetitionSteps.EventOf(
                child,
                PetitionAction.Group,
                PetitionStatus.Received,
                child.ReceivedOn,
                null,
                null,
                child.CreatedAt
            ),
            officer
        );
        joined.Add(child);
    }

    private void Add(Petition petition, PetitionEvent e, DemoActor actor)
    {
        e.AccountId = actor.AccountId;
        e.ActorName = actor.Name;
        Events.Add((petition, e));
    }

    /// <summary>The moment of an act (Vietnam time of day → UTC), never in the future, never before the previous
    /// act.</summary>
    private DateTime At(DateOnly on, TimeOnly time)
    {
        var at = DateTime.SpecifyKind(on.ToDateTime(time).Add(-VietnamTime.Offset), DateTimeKind.Utc);
        if (at > world.Now)
        {
            at = world.Now;
        }

        if (at <= last)
        {
            at = last.AddMinutes(1);
        }

        last = at;
        return at;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
