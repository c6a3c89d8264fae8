using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Statistics;

public sealed partial class CatalogueFigureTests
{
    /// <summary>
    /// Programs of two years: each province's, approved (some after the 31 January deadline), and its communes'
    /// concretizing it, with items implementing random parent items; items move on (done, some late, dropped), some are
    /// removed, a parent gains an item. The columns the handlers stamp (due day, on time, the coverage counts) are set
    /// here as ProgramStamps sets them; the coverage's direct count below reads the items instead.
    /// </summary>
    private async Task ProgramsAsync(DanVanDbContext db, Random random, DateOnly today)
    {
        var tree = app.Tree;
        var programs = new List<WorkProgram>();
        var items = new List<ProgramItem>();
        DateOnly? Approval(int year, int i) =>
            (i % 4) switch
            {
                0 => null,
                1 => new DateOnly(year, 1, random.Next(5, 31)),
                _ => Min(new DateOnly(year, random.Next(2, 5), random.Next(1, 28)), today),
            };
        static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        WorkProgram Program(Unit unit, int year, WorkProgram? parent, int i)
        {
            var approved = parent is null ? new DateOnly(year, 1, 10) : Approval(year, i);
            var p = new WorkProgram
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                Year = year,
                Title = $"Chương trình {year} {unit.Name}",
                SearchText = "chuong trinh",
                CreatedAt = DateTime.UtcNow,
                ParentProgramId = parent?.Id,
                Status = approved is null ? ProgramStatus.Draft : ProgramStatus.Approved,
                FirstApprovedOn = approved > today ? null : approved,
            };
            p.ApprovedOnTime = p.FirstApprovedOn is { } on ? on <= new DateOnly(year, 1, 31) : null;
            db.WorkPrograms.Add(p);
            programs.Add(p);
            return p;
        }

        void Items(WorkProgram p, List<ProgramItem> parentItems, int count)
        {
            for (var n = 1; n <= count; n++)
            {
                var parentItem =
                    parentItems.Count > 0 && random.Next(4) != 0 ? parentItems[random.Next(parentItems.Count)] : null;
                var item = new ProgramItem
                {
                    ProgramId = p.Id,
                    Order = n,
                    Task = $"Nhiệm vụ {n}",
                    DueMonth = random.Next(3) == 0 ? null : random.Next(1, 13),
                    ParentProgramId = parentItem is null ? null : p.ParentProgramId,
                    ParentItemId = parentItem?.Id,
                };
                item.DueQuarter = item.DueMonth is null && random.Next(2) == 0 ? random.Next(1, 5) : null;
                p.StampOnto(item);
                Progress(p, item);
                db.ProgramItems.Add(item);
                items.Add(item);
            }
        }

        void Progress(WorkProgram p, ProgramItem item)
        {
            item.DueOn = p.FirstApprovedOn is null ? null : ProgramRules.DueOn(p.Year, item.DueMonth, item.DueQuarter);
            if (p.FirstApprovedOn is not { } approved)
            {
                return;
            }

            item.Status = (ItemStatus)random.Next(1, 6);
            item.DoneOn = item.Status == ItemStatus.Done ? Min(approved.AddDays(random.Next(0, 400)), today) : null;
        }

        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            foreach (var (province, communes) in new[] { (tree.P1, new[] { tree.C1, tree.C2 }), (tree.P2, [tree.C3]) })
            {
                var parent = Program(province, year, null, 0);
                await db.SaveChangesAsync();
                Items(parent, [], 6);
                await db.SaveChangesAsync();
                var parentItems = items.Where(i => i.ProgramId == parent.Id).ToList();
                var n = 0;
                foreach (var commune in communes)
                {
                    var child = Program(commune, year, parent, ++n + year);
                    await db.SaveChangesAsync();
                    Items(child, parentItems, random.Next(3, 8));
                }

                await db.SaveChangesAsync();
            }
        }

        // Items move on, some go, a parent gains one.
        foreach (var item in items.OrderBy(_ => random.Next()).Take(10).ToList())
        {
            var program = programs.Single(p => p.Id == item.ProgramId);
            if (random.Next(4) == 0 && !items.Any(i => i.ParentItemId == item.Id))
            {
                db.ProgramItems.Remove(item);
                items.Remove(item);
            }
            else
            {
                Progress(program, item);
            }
        }

        var grown = programs.First(p => p.ParentProgramId is null);
        var added = new ProgramItem
        {
            ProgramId = grown.Id,
            Order = 99,
            Task = "Nhiệm vụ bổ sung",
            DueQuarter = 4,
        };
        grown.StampOnto(added);
        Progress(grown, added);
        db.ProgramItems.Add(added);
        items.Add(added);
        foreach (var p in programs)
        {
            p.ParentItemCount = p.ParentProgramId is { } parentId ? items.Count(i => i.ProgramId == parentId) : 0;
            p.ParentItemsCovered = items
                .Where(i => i.ProgramId == p.Id && i.ParentItemId != null)
                .Select(i => i.ParentItemId)
                .Distinct()
                .Count();
        }

        await db.SaveChangesAsync();

        // A conference of P1 with commitments of its communes and villages (and one of P2's): due on a day around today,
        // some fulfilled (by their day or after), some withdrawn; then some move on.
        var conference = new ThematicConference
        {
            UnitId = tree.P1.Id,
            ProvinceId = tree.P1.ProvinceId,
            UnitLevel = tree.P1.Level,
            Type = ConferenceType.SkilledMobilization,
            Title = "Hội nghị Dân vận khéo",
            HeldOn = today.AddDays(-400),
            SearchText = "hoi nghi",
            CreatedAt = DateTime.UtcNow,
        };
        db.Conferences.Add(conference);
        await db.SaveChangesAsync();
        var modelIds = await db.Models.Select(m => m.Id).Take(20).ToListAsync();
        var committing = new[] { tree.C1, tree.C2, tree.V1, tree.V3, tree.C3 };
        var commitments = new List<ConferenceCommitment>();
        void Fulfil(ConferenceCommitment c)
        {
            c.Status = (CommitmentStatus)random.Next(1, 4);
            c.FulfilledOn =
                c.Status == CommitmentStatus.Replicated
                    ? Min(conference.HeldOn.AddDays(random.Next(0, 400)), today)
                    : null;
        }

        for (var n = 0; n < 30; n++)
        {
            var unit = committing[random.Next(committing.Length)];
            var c = new ConferenceCommitment
            {
                ConferenceId = conference.Id,
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                VillageId = unit.VillageId,
                UnitLevel = unit.Level,
                ModelId = modelIds[random.Next(modelIds.Count)],
                DueOn = today.AddDays(random.Next(-380, 100)),
            };
            Fulfil(c);
            db.ConferenceCommitments.Add(c);
            commitments.Add(c);
        }

        await db.SaveChangesAsync();
        foreach (var c in commitments.Take(8))
        {
            Fulfil(c);
            c.DueOn = c.DueOn.AddDays(random.Next(-20, 20));
        }

        db.ConferenceCommitments.Remove(commitments[^1]);
        await db.SaveChangesAsync();
    }
}
