using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>The fixed cases of the units with demo accounts: one petition in each state their queues and notices
/// show.</summary>
internal sealed partial class DemoPetitions
{
    /// <summary>
    /// For the province, Kinh Bắc and Tiên Du: one petition in each state that the demo accounts work on, assigned
    /// to the organization of the unit's agency handler account (Sở Xây dựng; the ward's or commune's People's
    /// Committee).
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
            :
            [
                "infrastructure",
                "environment",
                "land",
                "site-clearance",
                "social-policy",
                "administrative-procedures",
                "security-order",
            ];
        var withVillages = world.Communes.Where(c => world.VillagesOf(c.Id).Count > 0).ToList();
        var next = 0;
        PetitionChannel[] channels =
        [
            PetitionChannel.Letter,
            PetitionChannel.Hotline,
            PetitionChannel.OnlineForm,
            PetitionChannel.Reception,
        ];

        void Run(string name, int? dueOffset, int receivedDaysAgo, Func<DemoStory, DateOnly, bool> script)
        {
            var category = categories.GetValueOrDefault(codes[next % codes.Length]) ?? world.Categories[0];
            var channel = channels[next % channels.Length];
            next++;
            var assignOn = dueOffset is { } offset
                ? AssignedForDue(Today.AddDays(offset), category.ResponseDays)
                : Today;
            var received = dueOffset is null ? Today.AddDays(-receivedDaysAgo) : WorkBack(assignOn.AddDays(-1));
            if (received < world.From)
            {
                received = world.From;
            }

            var commune = province ? withVillages[random.Next(withVillages.Count)] : unit;
            var story = new DemoStory(
                world,
                NewPetition(
                    PickPlace(commune),
                    commune,
                    unit,
                    category,
                    channel,
                    received,
                    null,
                    PetitionerKind.Citizen
                ),
                category
            );
            _ = script(story, assignOn);
            story.Finish();
            Cases[(unit.Id, name)] = story;
            stories.Add(story);
        }

        Run("received", null, 0, (_, _) => true);
        Run("received-yesterday", null, 1, (_, _) => true);
        Run("assigned", null, 3, (s, _) => Assign(s, WorkBack(Today.AddDays(-1)), org));
        Run("assigned-overdue", -3, 0, (s, a) => Assign(s, a, org));
        Run("in-progress", null, 10, (s, _) =>
            Assign(s, WorkBack(Today.AddDays(-8)), org) && Start(s, WorkBack(Today.AddDays(-6)))
        );
        // A commune's petition this late has gone up to the province; the province's own stays marked overdue.
        Run("escalated", province ? -4 : -15, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(2))));
        Run("overdue", -2, 0, (s, a) => Assign(s, a, org) && Start(s, Work(a.AddDays(1))));
        Run("extension-pending", 4, 0, (s, a) =>
            Assign(s, a, org)
            && Start(s, Work(a.AddDays(1)))
            && RequestExtension(s, WorkBack(Today.AddDays(-1)), world.Calendar.Add(s.Root.DueOn!.Value, 10))
        );
        Run("extension-approved", -5, 0, (s, a) =>
        {
            if (!Assign(s, a, org) || !Start(s, Work(a.AddDays(1))))
            {
                return false;
            }

            var due = s.Root.DueOn!.Value;
            return RequestExtension(s, WorkBack(due.AddDays(-3)), world.Calendar.Add(due, 12))
                && Approve(s, WorkBack(due.AddDays(-1)));
        });
        Run("answered", 5, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(1))) && Answer(s, WorkBack(Today.AddDays(-2)))
        );
        Run("answered-late", -12, 0, (s, a) =>
            Assign(s, a, org) && Start(s, Work(a.AddDays(2))) && Answer(s, WorkBack(Today.AddDays(-3)))
        );
        Run("resolved", -40, 0, (s, a) =>
            Assign(s, a, org)
            && Start(s, Work(a.AddDays(1)))
            && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-3)))
            && Resolve(s, Work(s.Root.DueOn!.Value.AddDays(2)))
        );
        Run("closed", -35, 0, (s, a) =>
            Assign(s, a, org)
            && Start(s, Work(a.AddDays(1)))
            && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-1)))
            && Close(s, Work(s.Root.DueOn!.Value.AddDays(4)))
        );
        Run("reopened", -20, 0, (s, a) =>
            Assign(s, a, org)
            && Start(s, Work(a.AddDays(1)))
            && Answer(s, WorkBack(s.Root.DueOn!.Value.AddDays(-2)))
            && s.Verdict(CitizenVerdict.NotSatisfied, Today.AddDays(-4), Pick(PetitionTexts.NotSatisfied))
        );
        Run("redirected", null, 25, (s, _) => Redirect(s, WorkBack(Today.AddDays(-23))));
        Run("group", 6, 0, (s, a) =>
        {
            var commune = world.Unit(s.Root.CommuneId!.Value);
            s.Children.Add(
                NewPetition(
                    PickPlace(commune),
                    commune,
                    unit,
                    s.Category,
                    s.Root.Channel,
                    s.Root.ReceivedOn,
                    null,
                    PetitionerKind.Citizen,
                    s.Root.Title
                )
            );
            var letter = Work(a.AddDays(1));
            if (letter <= Today)
            {
                s.Children.Add(
                    NewPetition(
                        PickPlace(commune),
                        commune,
                        unit,
                        s.Category,
                        PetitionChannel.Letter,
                        letter,
                        null,
                        PetitionerKind.Group,
                        s.Root.Title
                    )
                );
            }

            return Assign(s, a, org) && Start(s, Work(a.AddDays(2)));
        });
    }

    /// <summary>The latest working day to assign on so that the category's deadline falls on or before <paramref
    /// name="due"/>.</summary>
    private DateOnly AssignedForDue(DateOnly due, int days)
    {
        var on = due;
        while (world.Calendar.Add(on, days) > due)
        {
            on = on.AddDays(-1);
        }

        return WorkBack(on);
    }
}
