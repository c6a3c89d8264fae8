using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Generate;

internal sealed partial class NationalData
{
    // ---------------------------------------------------------------- dialogues

    private Task WriteDialoguesAsync(CancellationToken ct)
    {
        return writer.WriteAsync(Dialogues(), ct);

        IEnumerable<DialogueSession> Dialogues()
        {
            var id = 0;
            for (var c = 0; c < communes.Count; c++)
            {
                var commune = communes[c];
                var ids = new List<int>(DialoguesPerCommune);
                dialoguesOf[commune.Id] = ids;
                for (var k = 0; k < DialoguesPerCommune; k++)
                {
                    var rng = Rng.For(seed, 5, ((long)c * DialoguesPerCommune) + k);
                    var type = rng.Below(10) switch
                    {
                        < 6 => DialogueType.PeriodicReception,
                        < 8 => DialogueType.DialogueConference,
                        < 9 => DialogueType.AdHocDialogue,
                        _ => DialogueType.BusinessDialogue,
                    };
                    var at = VillageOrCommune(ref rng, commune, 0.2, out var unit);
                    _ = at;
                    var held = DayBetween(ref rng, Start, Today.AddDays(30));
                    var past = held < Today;
                    var d = new DialogueSession
                    {
                        Id = ++id,
                        UnitLevel = unit.Level,
                        Type = type,
                        HeldOn = held,
                        StartsAt = new TimeOnly(rng.Between(7, 15), 30),
                        Place = $"Hội trường {unit.Name}",
                        Topic = Sentence(ref rng, Words, rng.Between(4, 9)),
                        ChairName = $"Nguyễn Văn {(char)('A' + rng.Below(20))}",
                        ChairPosition = "Bí thư Đảng ủy",
                        HeldByPartyHead = rng.Chance(0.7),
                        CitizenCount = past ? rng.Between(20, 200) : 0,
                        BusinessCount = type == DialogueType.BusinessDialogue && past ? rng.Between(5, 40) : 0,
                        OfficialCount = past ? rng.Between(3, 20) : 0,
                        Minutes = past ? Sentence(ref rng, Words, 30) : null,
                        Conclusions = past && rng.Chance(0.8) ? Sentence(ref rng, Words, 20) : null,
                        NoticePublishedOn = held.AddDays(-rng.Between(3, 10)),
                        ResultsPublishedOn = past && rng.Chance(0.85) ? held.AddDays(rng.Between(1, 20)) : null,
                        CreatedAt = UtcAt(held.AddDays(-10), k),
                    };
                    if (d.ResultsPublishedOn > Today)
                    {
                        d.ResultsPublishedOn = null;
                    }

                    Stamp(d, unit);
                    // As SaveDialogue writes it.
                    d.SearchText = TextSearch.Normalize($"{d.Topic} {d.ChairName} {d.Place}");
                    ids.Add(d.Id);
                    yield return d;
                }
            }
        }
    }

    // ---------------------------------------------------------------- petitions

    private sealed record Category(int Id, int ResponseDays);

    private async Task WritePetitionsAsync(CancellationToken ct)
    {
        var categories = await db
            .PetitionCategories.AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new Category(c.Id, c.ResponseDays))
            .ToListAsync(ct);
        var days = new WorkingDays(await db.CalendarDays.AsNoTracking().ToListAsync(ct));
        var pinHash = VerdictPin.Hash("123456");
        var system = CurrentUser.System(root.Id);

        await writer.WriteAsync(Walk(withText: true).Select(w => w.Petition), ct);
        long eventId = 0;
        await writer.WriteAsync(
            Walk(withText: false)
                .SelectMany(w => w.Events)
                .Select(e =>
                {
                    e.Id = ++eventId;
                    return e;
                }),
            ct
        );

        // Twice: the petitions, then their events (the texts, drawn from a stream of their own, only the first time).
        IEnumerable<(Petition Petition, List<PetitionEvent> Events)> Walk(bool withText)
        {
            for (var c = 0; c < communes.Count; c++)
            {
                for (var k = 0; k < PetitionsPerCommune; k++)
                {
                    var g = ((long)c * PetitionsPerCommune) + k;
                    yield return WalkOne(g, communes[c], categories, days, pinHash, system, withText);
                }
            }
        }
    }

    /// <summary>One petition from receipt to its final state, step by step through the app's own
    /// <see cref="PetitionSteps.Apply"/> and <see cref="PetitionSteps.EventOf"/>.</summary>
    private (Petition, List<PetitionEvent>) WalkOne(
        long g,
        Unit commune,
        IReadOnlyList<Category> categories,
        WorkingDays days,
        string pinHash,
        ICurrentUser actor,
        bool withText
    )
    {
        var rng = Rng.For(seed, 10, g);
        var text = Rng.For(seed, 11, g);
        var category = rng.Pick(categories);
        VillageOrCommune(ref rng, commune, 0.7, out var unit);
        var received = DayBetween(ref rng, Start, Today.AddDays(-1));
        var channel = (PetitionChannel)rng.Between(1, 5);
        var code = TrackingCode(g);
        var p = new Petition
        {
            Id = (int)g + 1,
            HandlingUnitId = commune.Id,
            Channel = channel,
            ReceivedOn = received,
            CategoryId = category.Id,
            Title = withText ? Sentence(ref text, Words, text.Between(4, 10)).TrimEnd('.') : "",
            Content = withText ? Sentence(ref text, Words, text.Between(20, 60)) : "",
            PetitionerKind = rng.Chance(0.85) ? PetitionerKind.Citizen : PetitionerKind.Group,
            PetitionerName = withText ? $"Trần Thị {(char)('A' + text.Below(20))}" : null,
            PetitionerPhone = withText ? $"09{text.Between(10_000_000, 99_999_999)}" : null,
            TrackingCode = code,
            VerdictPinHash = pinHash,
            CreatedAt = UtcAt(received, (int)(g % 600)),
        };
        if (channel == PetitionChannel.Dialogue && dialoguesOf.TryGetValue(commune.Id, out var sessions))
        {
            p.DialogueId = sessions[rng.Below(sessions.Count)];
        }

        RecordPetition.PlaceIn(p, unit);
        p.SearchText = withText ? RecordPetition.SearchTextOf(p) : "";
        var events = new List<PetitionEvent>(6);
        var at = p.CreatedAt;

        void Step(
            PetitionAction action,
            DateOnly on,
            int? organization = null,
            DateOnly? due = null,
            string? answer = null
        )
        {
            var from = p.Status;
            PetitionSteps.Apply(
                p,
                new PetitionStepInput
                {
                    Action = action,
                    Answer = answer,
                    PublishAnswer = answer is not null,
                },
                on,
                organization,
                due
            );
            at = on.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            events.Add(
                PetitionSteps.EventOf(
                    p,
                    action,
                    from,
                    on,
                    null,
                    actor,
                    at,
                    action == PetitionAction.Assign ? organization : null
                )
            );
        }

        events.Add(
            PetitionSteps.EventOf(p, PetitionAction.Receive, PetitionStatus.Received, received, null, actor, at)
        );
        var age = Today.DayNumber - received.DayNumber;
        var roll = rng.Unit();
        if (roll < 0.04)
        {
            Step(PetitionAction.Redirect, Min(received.AddDays(rng.Between(1, 5))));
            return (p, events);
        }

        if (age < 3 || roll < 0.07)
        {
            return (p, events); // received, not yet assigned
        }

        var agencies = rng.Chance(0.85) ? agenciesOf[commune.Id] : agenciesOf[commune.ProvinceId!.Value];
        var assigned = Min(received.AddDays(rng.Between(1, Math.Min(5, age))));
        Step(PetitionAction.Assign, assigned, rng.Pick(agencies), days.Add(assigned, category.ResponseDays));
        if (roll < 0.12)
        {
            return (p, events); // assigned, not started
        }

        Step(PetitionAction.Start, Min(assigned.AddDays(rng.Between(0, 3))));
        if (rng.Chance(0.05))
        {
            Step(PetitionAction.RequestExtension, Min(assigned.AddDays(5)));
            p.ExtensionRequestedTo = p.DueOn!.Value.AddDays(15);
            Step(PetitionAction.ApproveExtension, Min(assigned.AddDays(6)));
        }

        // Most answers come before the deadline; some late; the rest still running.
        var due = p.DueOn!.Value;
        var answerOn = rng.Chance(0.82)
            ? assigned.AddDays(rng.Between(2, Math.Max(2, due.DayNumber - assigned.DayNumber)))
            : due.AddDays(rng.Between(1, 40));
        if (roll < 0.22 || answerOn >= Today)
        {
            // Still running: overdue ones past the grace days go to the unit above, as the daily sweep does.
            if (due.AddDays(7) < Today && commune.ProvinceId is { } above)
            {
                Step(PetitionAction.MarkOverdue, due.AddDays(1));
                p.OverdueNotifiedOn = due.AddDays(1);
                p.EscalatedToUnitId = above;
                p.EscalatedOn = due.AddDays(7);
                Step(PetitionAction.Escalate, due.AddDays(7));
            }

            return (p, events);
        }

        Step(PetitionAction.Answer, answerOn, answer: withText ? Sentence(ref text, Words, 25) : "");
        if (roll < 0.40)
        {
            return (p, events); // answered, awaiting the handling unit's closing
        }

        var closeOn = Min(answerOn.AddDays(rng.Between(1, 10)));
        if (roll < 0.45)
        {
            Step(PetitionAction.CloseNotResolved, closeOn);
            return (p, events);
        }

        if (roll < 0.47)
        {
            Step(PetitionAction.Reopen, closeOn);
            return (p, events);
        }

        Step(PetitionAction.Resolve, closeOn);
        if (rng.Chance(0.3))
        {
            p.CitizenVerdict = CitizenVerdict.Satisfied;
            Step(PetitionAction.CitizenSatisfied, Min(closeOn.AddDays(2)));
        }

        return (p, events);
    }

    private static DateOnly Min(DateOnly day) => day < Today ? day : Today.AddDays(-1);

    /// <summary>A tracking code of the app's form (XXXXX-XXXXX in its alphabet), unique per petition: the
    /// petition's number spread over the ten characters by an odd multiplier (a bijection on 50 bits).</summary>
    private string TrackingCode(long g)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var mask = (1UL << 50) - 1;
        var v = (((ulong)g * 0x5DEECE66DUL) + (ulong)(uint)seed) & mask;
        Span<char> chars = stackalloc char[11];
        for (var i = 10; i >= 0; i--)
        {
            if (i == 5)
            {
                chars[i] = '-';
                continue;
            }

            chars[i] = alphabet[(int)(v & 31)];
            v >>= 5;
        }

        return new string(chars);
    }
}
