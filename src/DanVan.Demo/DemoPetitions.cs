using System.Globalization;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Demo;

/// <summary>
/// The SYNTHETIC petitions of the demo: raised in the planned sessions (conferences and reception days most), or
/// sent by letter, hotline or the online form; each walked through its lifecycle by <see cref="DemoStory"/> with
/// the app's own step code, stopping at today, so a petition's state follows from its age and fate: recent ones
/// still received or assigned, older ones answered, resolved or closed, some answered late, some stalled and
/// escalated, some reopened, redirected as complaints, extended or grouped. Plus a fixed set of cases in the
/// units with demo accounts (<see cref="Cases"/>), so every queue and notice of the demo has something real.
/// </summary>
internal sealed class DemoPetitions(DemoWorld world, Random random)
{
    private const int Batch = 300;

    /// <summary>Letters, hotline calls and online forms over the year, beyond the petitions raised in sessions.</summary>
    private const int OtherChannels = 420;

    private static readonly Dictionary<string, int> Weights = new()
    {
        ["site-clearance"] = 22, ["land"] = 20, ["infrastructure"] = 18, ["environment"] = 12, ["social-policy"] = 10,
        ["administrative-procedures"] = 8, ["security-order"] = 6, ["other"] = 4,
    };

    private static readonly Dictionary<string, int> BusinessWeights = new()
    {
        ["administrative-procedures"] = 35, ["infrastructure"] = 25, ["land"] = 20, ["environment"] = 10, ["security-order"] = 5, ["social-policy"] = 5,
    };

    private readonly DemoPeople people = new(random);
    private readonly Dictionary<string, PetitionCategory> categories = world.Categories.ToDictionary(c => c.Code);

    /// <summary>The fixed cases of the demo units, by unit and name ("assigned", "overdue", "escalated", …).</summary>
    public Dictionary<(int Unit, string Case), DemoStory> Cases { get; } = [];

    private DateOnly Today => world.Today;

    public List<DemoStory> Play(List<PlannedSession> sessions)
    {
        var stories = new List<DemoStory>();
        foreach (var session in sessions.Where(s => s.Quota > 0))
        {
            FromSession(session, stories);
        }

        for (var i = 0; i < OtherChannels; i++)
        {
            stories.Add(Sent());
        }

        foreach (var (unit, prefix) in world.DemoUnits)
        {
            DemoCases(unit, prefix, stories);
        }

        return stories;
    }

    /// <summary>Inserts the petitions, then the grouped ones (they point at their group's petition), then the events; a few hundred at a time.</summary>
    public static async Task SaveAsync(DanVanDbContext db, List<DemoStory> stories, CancellationToken ct)
    {
        foreach (var chunk in stories.Chunk(Batch))
        {
            db.Petitions.AddRange(chunk.Select(s => s.Root));
            await db.SaveChangesAsync(ct);
            var children = new List<Petition>();
            foreach (var story in chunk)
            {
                foreach (var child in story.Children)
                {
                    child.ParentPetitionId = story.Root.Id;
                    children.Add(child);
                }
            }

            if (children.Count > 0)
            {
                db.Petitions.AddRange(children);
                await db.SaveChangesAsync(ct);
            }

            foreach (var (petition, e) in chunk.SelectMany(s => s.Events))
            {
                e.PetitionId = petition.Id;
                db.PetitionEvents.Add(e);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private void FromSession(PlannedSession session, List<DemoStory> stories)
    {
        var d = session.Row;
        var business = d.Type == DialogueType.BusinessDialogue;
        var channel = d.Type == DialogueType.PeriodicReception ? PetitionChannel.Reception : PetitionChannel.Dialogue;
        var remaining = session.Quota;
        while (remaining > 0)
        {
            var commune = session.Unit.Level == UnitLevel.Province ? world.Communes[random.Next(world.Communes.Count)] : session.Unit;
            var kind = business
                ? (random.NextDouble() < 0.75 ? PetitionerKind.Business : PetitionerKind.Citizen)
                : random.NextDouble() switch { < 0.85 => PetitionerKind.Citizen, < 0.97 => PetitionerKind.Group, _ => PetitionerKind.Business };
            var category = PickCategory(session.Focus, business);
            var root = NewPetition(PickPlace(commune), commune, session.Unit, category, channel, d.HeldOn, d.Id, kind);
            var story = new DemoStory(world, root, category);
            remaining--;

            // Now and then several households raise the same matter: one group, the others follow it.
            if (remaining >= 2 && d.Type is DialogueType.DialogueConference or DialogueType.AdHocDialogue && random.NextDouble() < 0.02)
            {
                var count = Math.Min(remaining, random.Next(2, 5));
                for (var i = 0; i < count; i++)
                {
                    var later = random.NextDouble() < 0.3;
                    var received = later ? d.HeldOn.AddDays(random.Next(1, 7)) : d.HeldOn;
                    if (received > Today)
                    {
                        (later, received) = (false, d.HeldOn);
                    }

                    story.Children.Add(NewPetition(PickPlace(commune), commune, session.Unit, category, later ? PetitionChannel.Letter : channel, received,
                        later ? null : d.Id, random.NextDouble() < 0.8 ? PetitionerKind.Citizen : PetitionerKind.Group, root.Title));
                }

                remaining -= count;
            }

            PlayRandom(story);
            story.Finish();
            stories.Add(story);
        }
    }

    /// <summary>A petition sent by letter, by telephone or through the online form, mostly to the commune.</summary>
    private DemoStory Sent()
    {
        var toProvince = random.NextDouble() < 0.1;
        var commune = world.Communes[random.Next(world.Communes.Count)];
        var channel = random.NextDouble() switch { < 0.4 => PetitionChannel.Letter, < 0.7 => PetitionChannel.Hotline, _ => PetitionChannel.OnlineForm };
        var received = world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1));
        var kind = random.NextDouble() switch { < 0.85 => PetitionerKind.Citizen, < 0.95 => PetitionerKind.Group, _ => PetitionerKind.Business };
        var category = PickCategory(null, kind == PetitionerKind.Business);
        var story = new DemoStory(world, NewPetition(PickPlace(commune), commune, toProvince ? world.Province : commune, category, channel, received, null, kind), category);
        PlayRandom(story);
        story.Finish();
        return story;
    }

    /// <summary>
    /// For the province, Kinh Bắc and Tiên Du: one petition in each state that the demo accounts work on, assigned
    /// to the organization of the unit's agency handler account (Sở Xây dựng; the ward's or commune's People's Committee).
    /// </summary>
    private void DemoCases(Unit unit, string prefix, List<DemoStory> stories)
    {
        if (world.HandlerOrganization(prefix) is not { } org)
        {
            return;
        }

        var province = unit.Level == UnitLevel.Province;
        string[] codes = province
            ? ["infrastructure"]
            : ["infrastructure", "environment", "land", "site-clearance", "social-policy", "administrative-procedures", "security-order"];
        var withVillages = world.Communes.Where(c => world.VillagesOf(c.Id).Count > 0).ToList();
        var next = 0;
        PetitionChannel[] channels = [PetitionChannel.Letter, PetitionChannel.Hotline, PetitionChannel.OnlineForm, PetitionChannel.Reception];

        void Run(string name, int? dueOffset, int receivedDaysAgo, Func<DemoStory, DateOnly, bool> script)
        {
            var category = categories.GetValueOrDefault(codes[next % codes.Length]) ?? world.Categories[0];
            var channel = channels[next % channels.Length];
            next++;
            var assignOn = dueOffset is { } offset ? AssignedForDue(Today.AddDays(offset), category.ResponseDays) : Today;
            var received = dueOffset is null ? Today.AddDays(-receivedDaysAgo) : WorkBack(assignOn.AddDays(-1));
            if (received < world.From)
            {
                received = world.From;
            }

            var commune = province ? withVillages[random.Next(withVillages.Count)] : unit;
            var story = new DemoStory(world, NewPetition(PickPlace(commune), commune, unit, category, channel, received, null, PetitionerKind.Citizen), category);
            _ = script(story, assignOn);
            story.Finish();
            Cases[(unit.Id, name)] = story;
            stories.Add(story);
        }

        Run("received", null, 0, (_, _) => true);
        Run("received-yesterday", null, 1, (_, _) => true);
        Run("assigned", null, 3, (s, _) => Assign(s, WorkBack(Today.AddDays(-1)), org));
        Run("assigned-overdue", -3, 0, (s, a) => Assign(s, a, org));
        Run("in-progress", null, 10, (s, _) => Assign(s, WorkBack(Today.AddDays(-8)), org) && Start(s, WorkBack(Today.AddDays(-6))));
        // A commune's petition this late has gone up to the province; the province's own stays marked overdue.
        Run("escalated", province ? -4 : -15, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(2))));
        Run("overdue", -2, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(1))));
        Run("extension-pending", 4, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(1)))
                && RequestExtension(s, WorkBack(Today.AddDays(-1)), world.Calendar.Add(s.Root.DueOn!.Value, 10)));
        Run("extension-approved", -5, 0, (s, a) =>
        {
            if (!Assign(s, a, org) || !Start(s, Work(a.AddDays(1))))
            {
                return false;
            }

            var due = s.Root.DueOn!.Value;
            return RequestExtension(s, WorkBack(due.AddDays(-3)), world.Calendar.Add(due, 12)) && Approve(s, WorkBack(due.AddDays(-1)));
        });
        Run("answered", 5, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(1))) && Answer(s, WorkBack(Today.AddDays(-2))));
        Run("answered-late", -12, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(2))) && Answer(s, WorkBack(Today.AddDays(-3))));
        Run("resolved", -40, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(1))) && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-3)))
                && Resolve(s, Work(s.Root.DueOn!.Value.AddDays(2))));
        Run("closed", -35, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(1))) && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-1)))
                && Close(s, Work(s.Root.DueOn!.Value.AddDays(4))));
        Run("reopened", -20, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(1))) && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-2)))
                && s.Verdict(CitizenVerdict.NotSatisfied, Today.AddDays(-4), Pick(PetitionTexts.NotSatisfied)));
        Run("redirected", null, 25, (s, _) => Redirect(s, WorkBack(Today.AddDays(-23))));
        Run("group", 6, 0, (s, a) =>
        {
            var commune = world.Unit(s.Root.CommuneId!.Value);
            s.Children.Add(NewPetition(PickPlace(commune), commune, unit, s.Category, s.Root.Channel, s.Root.ReceivedOn, null, PetitionerKind.Citizen, s.Root.Title));
            var letter = Work(a.AddDays(1));
            if (letter <= Today)
            {
                s.Children.Add(NewPetition(PickPlace(commune), commune, unit, s.Category, PetitionChannel.Letter, letter, null, PetitionerKind.Group, s.Root.Title));
            }

            return Assign(s, a, org) && Start(s, Work(a.AddDays(2)));
        });
    }

    /// <summary>The latest working day to assign on so that the category's deadline falls on or before <paramref name="due"/>.</summary>
    private DateOnly AssignedForDue(DateOnly due, int days)
    {
        var on = due;
        while (world.Calendar.Add(on, days) > due)
        {
            on = on.AddDays(-1);
        }

        return WorkBack(on);
    }

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
            if (s.Verdict(CitizenVerdict.NotSatisfied, answered.AddDays(random.Next(2, 13)), Pick(PetitionTexts.NotSatisfied)))
            {
                Reassign(s, round);
            }

            return;
        }

        if (roll < 0.2)
        {
            if (s.Verdict(CitizenVerdict.Satisfied, answered.AddDays(random.Next(1, 8)), null) && random.NextDouble() < 0.85)
            {
                Resolve(s, Work(s.Since.AddDays(random.Next(1, 10))));
            }

            return;
        }

        var close = random.NextDouble();
        var closed = close < 0.62 ? Resolve(s, Work(answered.AddDays(random.Next(2, 21))))
            : close < 0.78 && Close(s, Work(answered.AddDays(random.Next(3, 21))));
        if (closed && round == 1 && random.NextDouble() < 0.025 && Reopen(s, Work(s.Root.ClosedOn!.Value.AddDays(random.Next(5, 31)))))
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

        if (Assign(s, Work(s.Since.AddDays(random.Next(1, 6))), s.Root.AssignedOrganizationId ?? OrganizationFor(s.Root, s.Category)))
        {
            Agency(s, round + 1);
        }
    }

    private bool Assign(DemoStory s, DateOnly on, int organization)
    {
        on = on < s.Since ? s.Since : on;
        return s.Step(PetitionAction.Assign, on, new PetitionStepInput { OrganizationId = organization },
            due: world.Calendar.Add(on, s.Category.ResponseDays), organization: organization);
    }

    private static bool Start(DemoStory s, DateOnly on) => s.Step(PetitionAction.Start, on, new PetitionStepInput());

    private bool RequestExtension(DemoStory s, DateOnly on, DateOnly to) =>
        s.Step(PetitionAction.RequestExtension, on, new PetitionStepInput { ExtendTo = to, Note = Pick(PetitionTexts.ExtensionReasons) });

    private static bool Approve(DemoStory s, DateOnly on) => s.Step(PetitionAction.ApproveExtension, on, new PetitionStepInput());

    private bool Refuse(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.RefuseExtension, on, new PetitionStepInput { Note = Pick(PetitionTexts.RefusalReasons) });

    private bool Answer(DemoStory s, DateOnly on)
    {
        on = on < s.Since ? s.Since : on;
        var late = s.Root.DueOn is { } due && on > due;
        var answers = PetitionTexts.Answers.GetValueOrDefault(s.Category.Code) ?? PetitionTexts.Answers["other"];
        return s.Step(PetitionAction.Answer, on, new PetitionStepInput
        {
            Answer = Pick(answers), PublishAnswer = random.NextDouble() < 0.7, LateExplanation = late ? Pick(PetitionTexts.LateExplanations) : null,
        });
    }

    private bool Resolve(DemoStory s, DateOnly on) =>
        s.Step(PetitionAction.Resolve, on, new PetitionStepInput { Note = random.NextDouble() < 0.4 ? Pick(PetitionTexts.ResolvedNotes) : null });

    private bool Close(DemoStory s, DateOnly on) => s.Step(PetitionAction.CloseNotResolved, on, new PetitionStepInput { Note = Pick(PetitionTexts.ClosingNotes) });

    private bool Reopen(DemoStory s, DateOnly on) => s.Step(PetitionAction.Reopen, on, new PetitionStepInput { Note = Pick(PetitionTexts.ReopenNotes) });

    private bool Redirect(DemoStory s, DateOnly on)
    {
        var complaint = random.NextDouble() < 0.75;
        var reference = string.Create(CultureInfo.InvariantCulture, $"{(complaint ? "KN" : "TC")}-{on.Year}/{random.Next(10, complaint ? 400 : 120)}");
        return s.Step(PetitionAction.Redirect, on, new PetitionStepInput
        {
            RedirectAs = complaint ? RedirectKind.Complaint : RedirectKind.Denunciation, Reference = reference,
        });
    }

    /// <summary>The organization that answers: the commune's People's Committee mostly (the Front or an association now and then), a department at the province.</summary>
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
            return (organizations.FirstOrDefault(o => o.Name.StartsWith(name, StringComparison.Ordinal)) ?? Of(OrganizationType.PeoplesCommittee) ?? organizations[0]).Id;
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

    private PetitionCategory PickCategory(string? focus, bool business)
    {
        if (focus is not null && categories.TryGetValue(focus, out var focused) && random.NextDouble() < 0.45)
        {
            return focused;
        }

        var weights = business ? BusinessWeights : Weights;
        var weighted = world.Categories.Select(c => (Category: c, Weight: weights.GetValueOrDefault(c.Code, business ? 0 : 2))).Where(x => x.Weight > 0).ToList();
        if (weighted.Count == 0)
        {
            return world.Categories[random.Next(world.Categories.Count)];
        }

        var roll = random.Next(weighted.Sum(x => x.Weight));
        foreach (var (category, weight) in weighted)
        {
            if (roll < weight)
            {
                return category;
            }

            roll -= weight;
        }

        return weighted[^1].Category;
    }

    /// <summary>A village of the commune mostly, or the commune itself.</summary>
    private Unit PickPlace(Unit commune)
    {
        var villages = world.VillagesOf(commune.Id);
        return villages.Count > 0 && random.NextDouble() < 0.8 ? villages[random.Next(villages.Count)] : commune;
    }

    private Petition NewPetition(
        Unit place, Unit commune, Unit handling, PetitionCategory category, PetitionChannel channel, DateOnly received, int? dialogueId,
        PetitionerKind kind, string? title = null)
    {
        var where = DemoDialogues.InSentence(place);
        var business = kind == PetitionerKind.Business;
        var titles = (business ? PetitionTexts.BusinessTitles.GetValueOrDefault(category.Code) : null)
            ?? PetitionTexts.Titles.GetValueOrDefault(category.Code) ?? PetitionTexts.Titles["other"];
        title ??= string.Format(CultureInfo.InvariantCulture, Pick(titles), where);
        var details = PetitionTexts.Details.GetValueOrDefault(category.Code) ?? PetitionTexts.Details["other"];
        var petition = new Petition
        {
            HandlingUnitId = handling.Id, DialogueId = dialogueId, Channel = channel, ReceivedOn = received, CategoryId = category.Id, Title = title,
            Content = $"{title}. {Pick(details)} {Pick(PetitionTexts.Requests)}",
            PetitionerKind = kind,
            PetitionerName = kind switch
            {
                PetitionerKind.Business => people.Company(),
                PetitionerKind.Group => $"Nhóm hộ dân {where} (đại diện: {people.Name()})",
                _ => people.Name(),
            },
            PetitionerPhone = random.NextDouble() < 0.85 ? people.Phone() : null,
            PetitionerAddress = business
                ? $"Lô CN-{random.Next(1, 40)}, {DemoDialogues.Title(commune)}"
                : random.NextDouble() < 0.9 ? people.Address(place, commune) : null,
            PetitionerIdNumber = kind == PetitionerKind.Citizen && random.NextDouble() < 0.55 ? people.IdNumber() : null,
            TrackingCode = PetitionRules.NewTrackingCode(),
        };
        RecordPetition.PlaceIn(petition, place);
        petition.SearchText = RecordPetition.SearchTextOf(petition);
        return petition;
    }

    private string Pick(string[] texts) => texts[random.Next(texts.Length)];

    private DateOnly Work(DateOnly day)
    {
        while (!world.Calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private DateOnly WorkBack(DateOnly day)
    {
        while (!world.Calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}

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
        Add(root, PetitionSteps.EventOf(root, PetitionAction.Receive, PetitionStatus.Received, root.ReceivedOn, null, null, root.CreatedAt),
            world.Officer(root.HandlingUnitId));
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

    /// <summary>Takes a step on <paramref name="on"/> (not before the last one); false, and the story ends, if that is after today.</summary>
    public bool Step(PetitionAction action, DateOnly on, PetitionStepInput input, DateOnly? due = null, int? organization = null)
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
            throw new InvalidOperationException($"Demo petition {Root.TrackingCode}: {action} is not allowed from {Root.Status}.");
        }

        input.Action = action;
        var from = Root.Status;
        PetitionSteps.Apply(Root, input, on, organization, due);
        var note = Clean(action switch
        {
            PetitionAction.Answer => input.Answer,
            PetitionAction.Redirect => input.Reference,
            _ => input.Note,
        });
        var actor = PetitionLifecycle.Of(action).Actor == PetitionActor.AssignedAgency
            ? world.Handler(Root.AssignedOrganizationId!.Value)
            : world.Officer(Root.HandlingUnitId);
        var at = At(on, new TimeOnly(8, 0).AddMinutes(Events.Count * 47 % 480));
        Add(Root, PetitionSteps.EventOf(Root, action, from, on, note, null, at, action == PetitionAction.Assign ? organization : null), actor);
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
        if (Root.Status is not (PetitionStatus.Answered or PetitionStatus.Resolved or PetitionStatus.ClosedNotResolved) || Root.CitizenVerdict is not null)
        {
            throw new InvalidOperationException($"Demo petition {Root.TrackingCode}: no verdict from {Root.Status}.");
        }

        Root.CitizenVerdict = verdict;
        var at = At(on, new TimeOnly(20, 0));
        if (verdict == CitizenVerdict.Satisfied)
        {
            Add(Root, PetitionSteps.EventOf(Root, PetitionAction.CitizenSatisfied, Root.Status, on, note, null, at), DemoActor.Citizen);
        }
        else
        {
            var from = Root.Status;
            PetitionSteps.Reopen(Root);
            Add(Root, PetitionSteps.EventOf(Root, PetitionAction.CitizenNotSatisfied, from, on, note, null, at), DemoActor.Citizen);
            foreach (var child in joined)
            {
                var childFrom = child.Status;
                PetitionSteps.JoinGroup(child, Root);
                Add(child, PetitionSteps.EventOf(child, PetitionAction.CitizenNotSatisfied, childFrom, on, null, null, at), DemoActor.Citizen);
            }
        }

        Since = on;
        return true;
    }

    /// <summary>Brings the story up to today: the grouped petitions received meanwhile, the sweep's marks and escalations.</summary>
    public void Finish() => AdvanceTo(world.Today);

    /// <summary>What happened without anyone taking a step, up to <paramref name="day"/>: sweeps (at night) and grouped petitions arriving, in order.</summary>
    private void AdvanceTo(DateOnly day)
    {
        var waiting = new Queue<Petition>(Children.Where(c => !joined.Contains(c) && c.ReceivedOn <= day).OrderBy(c => c.ReceivedOn));
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
    /// The sweep's next act on the running petition: marked overdue the first night after the deadline in force, escalated
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

    /// <summary>An identical petition arrives and is grouped under the root (as <see cref="RecordPetition"/> does it).</summary>
    private void Join(Petition child)
    {
        PetitionSteps.JoinGroup(child, Root);
        child.CreatedAt = At(child.ReceivedOn, new TimeOnly(10, 0));
        var officer = world.Officer(child.HandlingUnitId);
        Add(child, PetitionSteps.EventOf(child, PetitionAction.Receive, PetitionStatus.Received, child.ReceivedOn, null, null, child.CreatedAt), officer);
        Add(child, PetitionSteps.EventOf(child, PetitionAction.Group, PetitionStatus.Received, child.ReceivedOn, null, null, child.CreatedAt), officer);
        joined.Add(child);
    }

    private void Add(Petition petition, PetitionEvent e, DemoActor actor)
    {
        e.AccountId = actor.AccountId;
        e.ActorName = actor.Name;
        Events.Add((petition, e));
    }

    /// <summary>The moment of an act (Vietnam time of day → UTC), never in the future, never before the previous act.</summary>
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

/// <summary>The Vietnamese texts of the demo petitions: subjects without personal data ("{0}" is the place), details, answers, notes.</summary>
internal static class PetitionTexts
{
    public static readonly Dictionary<string, string[]> Titles = new()
    {
        ["site-clearance"] =
        [
            "Kiến nghị về đơn giá bồi thường đất nông nghiệp bị thu hồi tại {0}",
            "Đề nghị sớm chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng tại {0}",
            "Đề nghị bố trí đất tái định cư cho các hộ phải di dời tại {0}",
            "Kiến nghị hỗ trợ chuyển đổi nghề cho lao động mất đất sản xuất tại {0}",
            "Đề nghị hỗ trợ chi phí di dời mồ mả trong phạm vi dự án tại {0}",
            "Kiến nghị diện tích đo đạc khi kiểm đếm chưa khớp với giấy chứng nhận tại {0}",
            "Đề nghị hoàn trả mương tưới tiêu bị ảnh hưởng khi thi công dự án tại {0}",
        ],
        ["land"] =
        [
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ tại {0}",
            "Đề nghị giải quyết tranh chấp ranh giới đất giữa các hộ liền kề tại {0}",
            "Phản ánh việc lấn chiếm đất công, đất hành lang giao thông tại {0}",
            "Đề nghị điều chỉnh quy hoạch sử dụng đất khu dân cư {0}",
            "Kiến nghị về việc đấu giá quyền sử dụng đất khu dân cư mới tại {0}",
            "Phản ánh xây dựng nhà trên đất nông nghiệp trái phép tại {0}",
        ],
        ["infrastructure"] =
        [
            "Đường liên thôn qua {0} xuống cấp, đề nghị sửa chữa",
            "Đề nghị nạo vét rãnh thoát nước khu dân cư {0} bị ngập khi mưa lớn",
            "Đề nghị lắp đặt hệ thống chiếu sáng đường làng tại {0}",
            "Đề nghị hỗ trợ xi măng làm đường theo phương châm Nhà nước và Nhân dân cùng làm tại {0}",
            "Kiến nghị xây dựng lại cầu tạm qua kênh tiêu tại {0}",
            "Đề nghị đầu tư nước sạch tập trung cho các hộ tại {0}",
            "Đề nghị sửa chữa nhà văn hóa {0} bị xuống cấp",
            "Xe tải trọng lớn làm hư hỏng đường giao thông nông thôn tại {0}",
        ],
        ["environment"] =
        [
            "Khói bụi, tiếng ồn từ khu công nghiệp ảnh hưởng khu dân cư {0}",
            "Nước thải từ cơ sở sản xuất gây ô nhiễm kênh mương tại {0}",
            "Rác thải sinh hoạt tồn đọng tại điểm tập kết {0}, đề nghị thu gom kịp thời",
            "Đốt rơm rạ, phụ phẩm nông nghiệp gây khói bụi tại {0}",
            "Mùi hôi từ trang trại chăn nuôi gần khu dân cư {0}",
            "Đề nghị di dời điểm trung chuyển rác ra xa khu dân cư {0}",
        ],
        ["social-policy"] =
        [
            "Đề nghị xem xét công nhận hộ cận nghèo tại {0}",
            "Đề nghị giải quyết chế độ trợ cấp cho người có công với cách mạng tại {0}",
            "Chậm chi trả trợ cấp xã hội hằng tháng cho người cao tuổi tại {0}",
            "Đề nghị hỗ trợ thẻ bảo hiểm y tế cho hộ gia đình có hoàn cảnh khó khăn tại {0}",
            "Đề nghị hỗ trợ học nghề, giới thiệu việc làm cho lao động mất đất nông nghiệp tại {0}",
            "Đề nghị hỗ trợ sửa chữa nhà ở cho hộ nghèo tại {0}",
        ],
        ["administrative-procedures"] =
        [
            "Thời gian giải quyết hồ sơ đăng ký biến động đất đai của người dân {0} kéo dài",
            "Thủ tục trên Cổng Dịch vụ công còn khó thực hiện với người cao tuổi ở {0}",
            "Đề nghị bố trí thêm cán bộ hướng dẫn thủ tục hành chính cho người dân {0}",
            "Đề nghị hướng dẫn điều chỉnh địa chỉ trên giấy tờ sau sắp xếp đơn vị hành chính tại {0}",
            "Kiến nghị về việc chứng thực bản sao giấy tờ mất nhiều thời gian",
            "Đề nghị công khai quy trình, thời hạn giải quyết thủ tục cấp phép xây dựng",
        ],
        ["security-order"] =
        [
            "Tụ tập đua xe trái phép vào ban đêm tại {0}",
            "Tình trạng trộm cắp tài sản tại khu dân cư {0}",
            "Họp chợ tự phát lấn chiếm lòng đường tại {0}",
            "Đề nghị lắp camera an ninh tại các ngã ba, ngã tư {0}",
            "Karaoke gây ồn ào sau 22 giờ tại {0}",
        ],
        ["other"] =
        [
            "Đề nghị tăng thời lượng phát thanh cơ sở về chính sách mới tại {0}",
            "Đề nghị sớm ổn định tên gọi, địa chỉ thôn, tổ dân phố sau sắp xếp tại {0}",
            "Đề nghị bố trí sân chơi cho trẻ em tại {0}",
            "Kiến nghị về tiến độ xây dựng nhà văn hóa {0}",
        ],
    };

    public static readonly Dictionary<string, string[]> BusinessTitles = new()
    {
        ["administrative-procedures"] =
        [
            "Kiến nghị rút ngắn thời gian thẩm định hồ sơ đầu tư mở rộng nhà xưởng",
            "Đề nghị hướng dẫn thống nhất thủ tục phòng cháy chữa cháy cho nhà xưởng",
            "Kiến nghị giải quyết thủ tục hoàn thuế giá trị gia tăng còn chậm",
        ],
        ["infrastructure"] =
        [
            "Đề nghị nâng cấp tuyến đường vào cụm công nghiệp {0}",
            "Đề nghị bảo đảm cấp điện ổn định cho sản xuất tại {0}",
            "Đề nghị bố trí điểm dừng xe buýt đưa đón công nhân tại {0}",
        ],
        ["land"] =
        [
            "Kiến nghị về thủ tục thuê đất, giao đất cho dự án sản xuất tại {0}",
            "Đề nghị sớm bàn giao mặt bằng phần diện tích còn vướng của dự án tại {0}",
        ],
        ["environment"] = ["Kiến nghị hướng dẫn thủ tục cấp giấy phép môi trường cho cơ sở sản xuất"],
        ["security-order"] = ["Đề nghị tăng cường bảo đảm an ninh trật tự khu vực khu công nghiệp {0}"],
        ["social-policy"] = ["Đề nghị hỗ trợ tuyển dụng lao động và nhà ở cho công nhân tại {0}"],
    };

    public static readonly Dictionary<string, string[]> Details = new()
    {
        ["site-clearance"] =
        [
            "Nhiều hộ cho rằng đơn giá bồi thường thấp hơn giá chuyển nhượng thực tế tại địa phương.",
            "Các hộ đã kiểm đếm từ nhiều tháng trước nhưng đến nay chưa được phê duyệt phương án bồi thường.",
            "Các hộ đã bàn giao mặt bằng đúng tiến độ nhưng chưa nhận đủ tiền hỗ trợ.",
        ],
        ["land"] =
        [
            "Hồ sơ đã nộp từ lâu nhưng chưa được giải quyết, người dân không rõ còn thiếu giấy tờ gì.",
            "Ranh giới sử dụng đất trên thực địa khác với bản đồ địa chính, dẫn đến mâu thuẫn giữa các hộ.",
            "Đất công bị sử dụng sai mục đích nhiều năm chưa được xử lý.",
        ],
        ["infrastructure"] =
        [
            "Mặt đường bong tróc, nhiều ổ gà, mùa mưa thường xuyên ngập nước gây mất an toàn giao thông.",
            "Người dân sẵn sàng đóng góp ngày công, hiến đất nếu được hỗ trợ vật liệu.",
            "Học sinh và người dân đi lại buổi tối gặp nhiều khó khăn.",
        ],
        ["environment"] =
        [
            "Tình trạng kéo dài, nhất là vào buổi tối và sáng sớm, ảnh hưởng sức khỏe người dân.",
            "Nước kênh đổi màu, bốc mùi, ảnh hưởng đến sản xuất nông nghiệp.",
            "Rác không được thu gom đúng lịch, gây mất vệ sinh khu dân cư.",
        ],
        ["social-policy"] =
        [
            "Gia đình có hoàn cảnh khó khăn, thu nhập không ổn định sau khi bị thu hồi đất sản xuất.",
            "Hồ sơ đã được thôn đề nghị nhưng chưa có kết quả xét duyệt.",
            "Việc chi trả chậm ảnh hưởng đến đời sống của các đối tượng chính sách.",
        ],
        ["administrative-procedures"] =
        [
            "Người dân phải đi lại nhiều lần, bổ sung hồ sơ nhiều lượt.",
            "Sau sắp xếp đơn vị hành chính, nhiều người chưa nắm được nơi nộp hồ sơ và quy trình mới.",
            "Người cao tuổi gặp khó khăn khi thực hiện thủ tục trực tuyến.",
        ],
        ["security-order"] =
        [
            "Tình trạng diễn ra thường xuyên, gây bức xúc trong Nhân dân.",
            "Người dân đã nhiều lần báo với tổ an ninh cơ sở nhưng chưa được xử lý dứt điểm.",
        ],
        ["other"] =
        [
            "Nhiều hộ dân cùng có ý kiến về nội dung này.",
            "Nội dung đã được nêu tại các buổi sinh hoạt khu dân cư.",
        ],
    };

    public static readonly string[] Requests =
    [
        "Đề nghị các cơ quan chức năng xem xét, trả lời bằng văn bản.",
        "Đề nghị cấp có thẩm quyền kiểm tra, giải quyết dứt điểm.",
        "Đề nghị chính quyền sớm có phương án xử lý và thông báo cho người dân.",
    ];

    public static readonly Dictionary<string, string[]> Answers = new()
    {
        ["site-clearance"] =
        [
            "Đơn giá bồi thường được áp dụng theo bảng giá đất và hệ số điều chỉnh do UBND tỉnh ban hành; Hội đồng bồi thường đã rà soát, bổ sung khoản hỗ trợ ổn định đời sống theo quy định. Tiền bồi thường được chi trả ngay sau khi phương án được phê duyệt.",
            "Đã rà soát hồ sơ kiểm đếm, bổ sung diện tích còn thiếu vào phương án; các hộ được thông báo lịch nhận tiền và bố trí đất tái định cư theo quy định.",
        ],
        ["land"] =
        [
            "Qua rà soát hồ sơ địa chính, các hộ đủ điều kiện cấp giấy chứng nhận; bộ phận một cửa đã hướng dẫn bổ sung giấy tờ và tiếp nhận hồ sơ.",
            "Đã tổ chức đo đạc, xác định lại ranh giới với sự có mặt của các hộ liên quan; lập biên bản và hòa giải thành tại cơ sở.",
        ],
        ["infrastructure"] =
        [
            "Đã kiểm tra hiện trường, đưa hạng mục vào kế hoạch duy tu, sửa chữa; triển khai trong quý tới bằng ngân sách và vận động xã hội hóa.",
            "Hạng mục được hỗ trợ vật liệu theo chương trình Nhà nước và Nhân dân cùng làm; thôn tổ chức thi công, bộ phận chuyên môn giám sát kỹ thuật.",
        ],
        ["environment"] =
        [
            "Đoàn kiểm tra liên ngành đã làm việc với cơ sở, yêu cầu khắc phục và lắp đặt hệ thống xử lý; kết quả quan trắc được công khai tại nhà văn hóa thôn.",
            "Đã điều chỉnh lịch thu gom rác hằng ngày, bổ sung thùng chứa và xử lý dứt điểm điểm tồn đọng.",
        ],
        ["social-policy"] =
        [
            "Hồ sơ đã được rà soát theo tiêu chí; bộ phận văn hóa – xã hội hướng dẫn gia đình bổ sung giấy tờ và trình cấp có thẩm quyền xem xét.",
            "Khoản trợ cấp chậm đã được chi trả đủ; từ tháng tới việc chi trả thực hiện qua tài khoản theo đúng lịch.",
        ],
        ["administrative-procedures"] =
        [
            "Đã bố trí thêm cán bộ hướng dẫn tại bộ phận một cửa, niêm yết công khai quy trình; hồ sơ tồn đọng được giải quyết trong tháng.",
            "Đoàn viên thanh niên hỗ trợ người cao tuổi thực hiện thủ tục trực tuyến vào các buổi sáng thứ Bảy tại nhà văn hóa.",
        ],
        ["security-order"] =
        [
            "Công an đã tăng cường tuần tra, kiểm soát vào khung giờ cao điểm, xử lý các trường hợp vi phạm; đề nghị người dân tiếp tục cung cấp thông tin qua đường dây nóng.",
        ],
        ["other"] =
        [
            "Nội dung kiến nghị đã được tiếp thu; UBND sẽ xem xét đưa vào kế hoạch năm tới và thông báo kết quả tới người dân.",
        ],
    };

    public static readonly string[] LateExplanations =
    [
        "Nội dung phức tạp, phải tổ chức đo đạc lại hiện trạng và lấy ý kiến các cơ quan chuyên môn.",
        "Phải chờ hướng dẫn của cơ quan cấp tỉnh về chính sách áp dụng.",
        "Cán bộ phụ trách điều chuyển công tác sau sắp xếp bộ máy, việc bàn giao hồ sơ bị chậm.",
        "Phải phối hợp với chủ đầu tư dự án để thống nhất phương án giải quyết.",
    ];

    public static readonly string[] ExtensionReasons =
    [
        "Cần phối hợp đo đạc, xác minh nguồn gốc đất với Văn phòng đăng ký đất đai.",
        "Chờ kết quả quan trắc môi trường của đơn vị có chức năng.",
        "Cần lấy ý kiến của các hộ liên quan và chủ đầu tư dự án.",
    ];

    public static readonly string[] RefusalReasons = ["Nội dung không phức tạp, đề nghị trả lời đúng thời hạn đã giao."];

    public static readonly string[] ResolvedNotes = ["Đã kiểm tra, xác nhận kết quả thực hiện tại hiện trường.", "Người dân đã nhận kết quả và đồng ý."];

    public static readonly string[] ClosingNotes =
    [
        "Nội dung kiến nghị vượt thẩm quyền và chưa có nguồn kinh phí; đã giải thích để người dân hiểu và chia sẻ.",
        "Kiến nghị không có cơ sở giải quyết theo quy định; đã trả lời, giải thích trực tiếp cho người dân.",
        "Người dân đồng ý chờ dự án đầu tư giai đoạn sau; dừng theo dõi ở giai đoạn này.",
    ];

    public static readonly string[] ReopenNotes =
    [
        "Người dân tiếp tục phản ánh, nội dung trả lời chưa đầy đủ; giao lại để xem xét.",
        "Kết quả kiểm tra lại cho thấy vụ việc chưa được khắc phục dứt điểm.",
    ];

    public static readonly string[] NotSatisfied =
    [
        "Chưa đồng ý với nội dung trả lời, đề nghị kiểm tra lại hiện trường.",
        "Hiện trạng chưa được khắc phục như nội dung trả lời.",
        "Đề nghị trả lời cụ thể về thời gian thực hiện.",
    ];
}
