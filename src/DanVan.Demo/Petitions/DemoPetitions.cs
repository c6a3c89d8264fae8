using System.Globalization;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Demo;

/// <summary>
/// The SYNTHETIC petitions of the demo: raised in the planned sessions (conferences and reception days most), or
/// sent by letter, hotline or the online form; each walked through its lifecycle by <see cref="DemoStory"/> with
/// the app's own step code, stopping at today, so a petition's state follows from its age and fate: recent ones
/// still received or assigned, older ones answered, resolved or closed, some answered late, some stalled and
/// escalated, some reopened, redirected as complaints, extended or grouped. Plus a fixed set of cases in the
/// units with demo accounts (<see cref="Cases"/>), so every queue and notice of the demo has something real.
/// </summary>
internal sealed partial class DemoPetitions
{
    private const int Batch = 300;

    /// <summary>Letters, hotline calls and online forms over the year, beyond the petitions raised in
    /// sessions.</summary>
    private const int OtherChannels = 420;

    private static readonly Dictionary<string, int> Weights = new()
    {
        ["site-clearance"] = 22,
        ["land"] = 20,
        ["infrastructure"] = 18,
        ["environment"] = 12,
        ["social-policy"] = 10,
        ["administrative-procedures"] = 8,
        ["security-order"] = 6,
        ["other"] = 4,
    };

    private static readonly Dictionary<string, int> BusinessWeights = new()
    {
        ["administrative-procedures"] = 35,
        ["infrastructure"] = 25,
        ["land"] = 20,
        ["environment"] = 10,
        ["security-order"] = 5,
        ["social-policy"] = 5,
    };

    private readonly DemoWorld world;
    private readonly Random random;
    private readonly DemoPeople people;
    private readonly Dictionary<string, PetitionCategory> categories;

    public DemoPetitions(DemoWorld world, Random random)
    {
        this.world = world;
        this.random = random;
        people = new DemoPeople(random);
        categories = world.Categories.ToDictionary(c => c.Code);
    }

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

    /// <summary>Inserts the petitions, then the grouped ones (they point at their group's petition), then the events; a
    /// few hundred at a time.</summary>
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
            var commune =
                session.Unit.Level == UnitLevel.Province
                    ? world.Communes[random.Next(world.Communes.Count)]
                    : session.Unit;
            var kind = business
                ? (random.NextDouble() < 0.75 ? PetitionerKind.Business : PetitionerKind.Citizen)
                : random.NextDouble() switch
                {
                    < 0.85 => PetitionerKind.Citizen,
                    < 0.97 => PetitionerKind.Group,
                    _ => PetitionerKind.Business,
                };
            var category = PickCategory(session.Focus, business);
            var root = NewPetition(PickPlace(commune), commune, session.Unit, category, channel, d.HeldOn, d.Id, kind);
            var story = new DemoStory(world, root, category);
            remaining--;

            // Now and then several households raise the same matter: one group, the others follow it.
            if (
                remaining >= 2
                && d.Type is DialogueType.DialogueConference or DialogueType.AdHocDialogue
                && random.NextDouble() < 0.02
            )
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

                    story.Children.Add(
                        NewPetition(
                            PickPlace(commune),
                            commune,
                            session.Unit,
                            category,
                            later ? PetitionChannel.Letter : channel,
                            received,
                            later ? null : d.Id,
                            random.NextDouble() < 0.8 ? PetitionerKind.Citizen : PetitionerKind.Group,
                            root.Title
                        )
                    );
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
        var channel = random.NextDouble() switch
        {
            < 0.4 => PetitionChannel.Letter,
            < 0.7 => PetitionChannel.Hotline,
            _ => PetitionChannel.OnlineForm,
        };
        var received = world.From.AddDays(random.Next(0, Today.DayNumber - world.From.DayNumber + 1));
        var kind = random.NextDouble() switch
        {
            < 0.85 => PetitionerKind.Citizen,
            < 0.95 => PetitionerKind.Group,
            _ => PetitionerKind.Business,
        };
        var category = PickCategory(null, kind == PetitionerKind.Business);
        var story = new DemoStory(
            world,
            NewPetition(
                PickPlace(commune),
                commune,
                toProvince ? world.Province : commune,
                category,
                channel,
                received,
                null,
                kind
            ),
            category
        );
        PlayRandom(story);
        story.Finish();
        return story;
    }

    private PetitionCategory PickCategory(string? focus, bool business)
    {
        if (focus is not null && categories.TryGetValue(focus, out var focused) && random.NextDouble() < 0.45)
        {
            return focused;
        }

        var weights = business ? BusinessWeights : Weights;
        var weighted = world
            .Categories.Select(c => (Category: c, Weight: weights.GetValueOrDefault(c.Code, business ? 0 : 2)))
            .Where(x => x.Weight > 0)
            .ToList();
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
        Unit place,
        Unit commune,
        Unit handling,
        PetitionCategory category,
        PetitionChannel channel,
        DateOnly received,
        int? dialogueId,
        PetitionerKind kind,
        string? title = null
    )
    {
        var where = DemoDialogues.InSentence(place);
        var business = kind == PetitionerKind.Business;
        var titles = (business ? PetitionTexts.BusinessTitles.GetValueOrDefault(category.Code) : null)
            ?? PetitionTexts.Titles.GetValueOrDefault(category.Code)
            ?? PetitionTexts.Titles["other"];
        title ??= string.Format(CultureInfo.InvariantCulture, Pick(titles), where);
        var details = PetitionTexts.Details.GetValueOrDefault(category.Code) ?? PetitionTexts.Details["other"];
        var petition = new Petition
        {
            HandlingUnitId = handling.Id,
            DialogueId = dialogueId,
            Channel = channel,
            ReceivedOn = received,
            CategoryId = category.Id,
            Title = title,
            Content = $"{title}. {Pick(details)} {Pick(PetitionTexts.Requests)}",
            PetitionerKind = kind,
            PetitionerName = kind switch
            {
                PetitionerKind.Business => people.Company(),
                PetitionerKind.Group => $"Nhóm hộ dân {where} (đại diện: {people.Name()})",
                _ => people.Name(),
            },
            PetitionerPhone = random.NextDouble() < 0.85 ? people.Phone() : null,
            PetitionerAddress =
                business ? $"Lô CN-{random.Next(1, 40)}, {DemoDialogues.Title(commune)}"
                : random.NextDouble() < 0.9 ? people.Address(place, commune)
                : null,
            PetitionerIdNumber =
                kind == PetitionerKind.Citizen && random.NextDouble() < 0.55 ? people.IdNumber() : null,
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
