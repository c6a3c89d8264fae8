using System.Globalization;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>A petition's fate drawn at random, and the steps of the handling unit, the agency and the
/// citizen.</summary>
internal sealed partial class DemoPetitions
{
    /// <summary>A petition's fate, drawn at random and played until today.</summary>
    private void PlayRandom(DemoStory s)
    {
        var p = s.Root;
        if (random.NextDouble() < 0.03)
        {
            _ = Redirect(s, Work(p.ReceivedOn.AddDays(random.Next(1, 7))));
            return;
        }

        var assignOn = Work(random.Next(4) == 0 ? p.ReceivedOn : world.Calendar.Add(p.ReceivedOn, random.Next(1, 4)));
        if (Assign(s, assignOn, OrganizationFor(p, s.Category)))
        {
            Agency(s, round: 1);
        }
    }

    /// <summary>The agency's part: start, perhaps ask for more time, answer on time, late or not at all.</summary>
    private void Agency(DemoStory s, int round)
    {
        var p = s.Root;
        var day = p.AssignedOn!.Value;
        if (random.NextDouble() < 0.85)
        {
            day = Work(day.AddDays(random.Next(0, 4)));
            if (!Start(s, day))
            {
                return;
            }
        }

        if (round == 1 && random.NextDouble() < 0.09)
        {
            var requestOn = WorkBack(p.DueOn!.Value.AddDays(-random.Next(1, 5)));
            if (requestOn < day)
            {
                requestOn = day;
            }

            if (!RequestExtension(s, requestOn, world.Calendar.Add(p.DueOn.Value, random.Next(8, 16))))
            {
                return;
            }

            day = s.Since;
            var decision = random.NextDouble();
            if (decision >= 0.85 && day >= Today.AddDays(-10))
            {
                return; // still waiting for the handling unit's decision
            }

            day = Work(day.AddDays(random.Next(1, 4)));
            if (!(decision < 0.8 ? Approve(s, day) : Refuse(s, day)))
            {
                return;
            }
        }

        var due = p.DueOn!.Value;
        var never = p.HandlingUnitId == world.Province.Id ? 0.03 : 0.04;
        var fate = random.NextDouble();
        if (fate < never)
        {
            return; // stalled: overdue, and escalated after the grace period
        }

        DateOnly answerOn;
        if (fate < never + 0.13)
        {
            answerOn = Work(due.AddDays(random.NextDouble() < 0.75 ? random.Next(1, 7) : random.Next(7, 31)));
        }
        else
        {
            var span = Math.Max(0, due.DayNumber - day.DayNumber);
            answerOn = WorkBack(day.AddDays(random.Next(Math.Min(1, span), span + 1)));
            if (answerOn < day)
            {
                answerOn = day;
            }
        }

        if (Answer(s, answerOn))
        {
            AfterAnswer(s, round);
        }
    }

    /// <summary>The citizen's word and the handling unit's decision on an answer.</summary>
    private void AfterAnswer(DemoStory s, int round)
    {
        var answered = s.Root.AnsweredOn!.Value;
        var roll = random.NextDouble();
        if (round == 1 && roll < 0.05)
        {
            if (
                s.Verdict(
                    CitizenVerdict.NotSatisfied,
                    answered.AddDays(random.Next(2, 13)),
                    Pick(PetitionTexts.NotSatisfied)
                )
            )
            {
                Reassign(s, round);
            }

            return;
        }

        if (roll < 0.2)
        {
            if (
                s.Verdict(CitizenVerdict.Satisfied, answered.AddDays(random.Next(1, 8)), null)
                && random.NextDouble() < 0.85
            )
            {
                Resolve(s, Work(s.Since.AddDays(random.Next(1, 10))));
            }

            return;
        }

        var close = random.NextDouble();
        var closed =
            close < 0.62
                ? Resolve(s, Work(answered.AddDays(random.Next(2, 21))))
                : close < 0.78 && Close(s, Work(answered.AddDays(random.Next(3, 21))));
        if (
            closed
            && round == 1
            && random.NextDouble() < 0.025
            && Reopen(s, Work(s.Root.ClosedOn!.Value.AddDays(random.Next(5, 31))))
        )
        {
            Reassign(s, round);
        }
    }

    /// <summary>After a reopening the handling unit gives it back to the agency, or it waits.</summary>
    private void Reassign(DemoStory s, int round)
    {
        if (random.NextDouble() < 0.4)
        {
            return;
        }

        if (
            Assign(
                s,
                Work(s.Since.AddDays(random.Next(1, 6))),
                s.Root.AssignedOrganizationId ?? OrganizationFor(s.Root, s.Category)
            )
        )
        {
            Agency(s, round + 1);
        }
    }

    private bool Assign(DemoStory s, DateOnly on, int organization)
    {
        on = on < s.Since ? s.Since : on;
        return s.Step(
            PetitionAction.Assign,
            on,
            new PetitionStepInput { OrganizationId = organization },
            due: world.Calendar.Add(on, s.Category.ResponseDays),
            organization: organization
        );
    }

    private static bool Start(DemoStory s, DateOnly on) => s.Step(PetitionAction.Start, on, new PetitionStepInput());

    private bool RequestExtension(DemoStory s, DateOnly on, DateOnly to) =>
        s.Step(
            PetitionAction.RequestExtension,
            on,
            new PetitionStepInput { ExtendTo = to, Note = Pick(PetitionTexts.ExtensionReasons) }
        );

    private static bool Approve(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.ApproveExtension, on, new PetitionStepInput());

    private bool Refuse(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.RefuseExtension, on, new PetitionStepInput { Note = Pick(PetitionTexts.RefusalReasons) });

    private bool Answer(DemoStory s, DateOnly on)
    {
        on = on < s.Since ? s.Since : on;
        var late = s.Root.DueOn is { } due && on > due;
        var answers = PetitionTexts.Answers.GetValueOrDefault(s.Category.Code) ?? PetitionTexts.Answers["other"];
        return s.Step(
            PetitionAction.Answer,
            on,
            new PetitionStepInput
            {
                Answer = Pick(answers),
                PublishAnswer = random.NextDouble() < 0.7,
                LateExplanation = late ? Pick(PetitionTexts.LateExplanations) : null,
            }
        );
    }

    private bool Resolve(DemoStory s, DateOnly on) =>
        s.Step(
            PetitionAction.Resolve,
            on,
            new PetitionStepInput { Note = random.NextDouble() < 0.4 ? Pick(PetitionTexts.ResolvedNotes) : null }
        );

    private bool Close(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.CloseNotResolved, on, new PetitionStepInput { Note = Pick(PetitionTexts.ClosingNotes) });

    private bool Reopen(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.Reopen, on, new PetitionStepInput { Note = Pick(PetitionTexts.ReopenNotes) });

    private bool Redirect(DemoStory s, DateOnly on)
    {
        var complaint = random.NextDouble() < 0.75;
        var reference = string.Create(
            CultureInfo.InvariantCulture,
            $"{(complaint ? "KN" : "TC")}-{on.Year}/{random.Next(10, complaint ? 400 : 120)}"
        );
        return s.Step(
            PetitionAction.Redirect,
            on,
            new PetitionStepInput
            {
                RedirectAs = complaint ? RedirectKind.Complaint : RedirectKind.Denunciation,
                Reference = reference,
            }
        );
    }

    /// <summary>The organization that answers: the commune's People's Committee mostly (the Front or an association now
    /// and then), a department at the province.</summary>
    private int OrganizationFor(Petition p, PetitionCategory category)
    {
        var handling = world.Unit(p.HandlingUnitId);
        var organizations = world.OrganizationsOf(handling.Id);
        DemoOrganization? Of(OrganizationType type) => organizations.FirstOrDefault(o => o.Type == type);
        if (handling.Level == UnitLevel.Province)
        {
            var name = category.Code switch
            {
                "infrastructure" => "Sở Xây dựng",
                "land" or "site-clearance" or "environment" => "Sở Nông nghiệp và Môi trường",
                "security-order" => "Công an tỉnh",
                _ => "Ủy ban nhân dân tỉnh",
            };
            return (
                organizations.FirstOrDefault(o => o.Name.StartsWith(name, StringComparison.Ordinal))
                ?? Of(OrganizationType.PeoplesCommittee)
                ?? organizations[0]
            ).Id;
        }

        var roll = random.NextDouble();
        var type = category.Code switch
        {
            "social-policy" => roll switch
            {
                < 0.6 => OrganizationType.PeoplesCommittee,
                < 0.75 => OrganizationType.FatherlandFront,
                < 0.9 => OrganizationType.WomensUnion,
                _ => OrganizationType.VeteransAssociation,
            },
            "other" => roll < 0.75 ? OrganizationType.PeoplesCommittee : OrganizationType.FatherlandFront,
            "environment" => roll < 0.9 ? OrganizationType.PeoplesCommittee : OrganizationType.FarmersAssociation,
            _ => OrganizationType.PeoplesCommittee,
        };
        return (Of(type) ?? Of(OrganizationType.PeoplesCommittee) ?? organizations[0]).Id;
    }
}
