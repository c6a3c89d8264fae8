using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Bench.Generate;

internal sealed partial class NationalData
{
    /// <summary>Items of each province's program of the year.</summary>
    public const int ProgramItems = 8;

    /// <summary>
    /// The annual work programs: each province's of the generated year, approved and published in January with
    /// <see cref="ProgramItems"/> items; nine communes in ten concretize it with six items implementing six of the
    /// province's (which six varies) and one of their own, approved on time or in February, each item done, in progress,
    /// late or not started. The columns the catalogue reads are stamped as the app's handlers stamp them
    /// (<c>ProgramStamps</c>). 3,355 programs and some 24,000 items over the country.
    /// </summary>
    private async Task WriteProgramsAsync(CancellationToken ct)
    {
        var year = Today.Year;
        var programId = 0;
        var itemId = 0;
        var created = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var deadline = new DateOnly(year, 1, 31);
        for (var pi = 0; pi < provinces.Count; pi++)
        {
            var province = provinces[pi];
            var approved = new DateOnly(year, 1, 10);
            var parent = new WorkProgram
            {
                Id = ++programId,
                UnitLevel = UnitLevel.Province,
                Year = year,
                Kind = ProgramKind.WorkProgram,
                Title = $"Chương trình công tác dân vận năm {year} của {province.Name}",
                Status = ProgramStatus.Published,
                DecisionNumber = $"{pi + 100}-QĐ/TU",
                DecisionDate = approved,
                ApprovingBody = "Ban Thường vụ Tỉnh ủy",
                FirstApprovedOn = approved,
                ApprovedOnTime = true,
                PublishedOn = approved.AddDays(2),
                CreatedAt = created,
            };
            Stamp(parent, province);
            parent.SearchText = Web.Infrastructure.Localization.TextSearch.Normalize(parent.Title);
            var parentItems = new List<ProgramItem>();
            for (var k = 0; k < ProgramItems; k++)
            {
                var item = NewItem(parent, ++itemId, k + 1, $"Nhiệm vụ {k + 1} của tỉnh", null);
                item.DueMonth = 2 + (k * 10 / ProgramItems);
                Progress(parent, item, Rng.For(seed, 40, item.Id));
                parentItems.Add(item);
            }

            await writer.WriteAsync([parent], ct);
            await writer.WriteAsync(parentItems, ct);

            var programs = new List<WorkProgram>();
            var items = new List<ProgramItem>();
            foreach (var (commune, ci) in communes.Where(c => c.ProvinceId == province.Id).Select((c, i) => (c, i)))
            {
                var rng = Rng.For(seed, 41, commune.Id);
                if (rng.Below(10) == 9)
                {
                    continue; // never concretized
                }

                var on = rng.Chance(0.8)
                    ? new DateOnly(year, 1, rng.Between(15, 31))
                    : new DateOnly(year, 2, rng.Between(1, 28));
                var program = new WorkProgram
                {
                    Id = ++programId,
                    UnitLevel = UnitLevel.Commune,
                    Year = year,
                    Kind = ProgramKind.WorkProgram,
                    Title = $"Chương trình công tác dân vận năm {year} của Đảng ủy {commune.Name}",
                    ParentProgramId = parent.Id,
                    Status = ProgramStatus.Published,
                    DecisionNumber = $"{ci + 10}-NQ/ĐU",
                    DecisionDate = on,
                    ApprovingBody = "Ban Thường vụ Đảng ủy",
                    FirstApprovedOn = on,
                    ApprovedOnTime = on <= deadline,
                    PublishedOn = on.AddDays(1),
                    ParentItemCount = ProgramItems,
                    CreatedAt = created,
                };
                Stamp(program, commune);
                program.SearchText = Web.Infrastructure.Localization.TextSearch.Normalize(program.Title);
                var skip = rng.Below(ProgramItems);
                var skip2 = (skip + 1 + rng.Below(ProgramItems - 1)) % ProgramItems;
                var order = 0;
                foreach (var p in parentItems.Where((_, k) => k != skip && k != skip2))
                {
                    var item = NewItem(program, ++itemId, ++order, p.Task + " trên địa bàn", p);
                    item.DueMonth = p.DueMonth;
                    Progress(program, item, Rng.For(seed, 42, item.Id));
                    items.Add(item);
                }

                var own = NewItem(program, ++itemId, ++order, "Mô hình dân vận khéo của xã", null);
                own.DueQuarter = 3;
                Progress(program, own, Rng.For(seed, 42, own.Id));
                items.Add(own);
                program.ParentItemsCovered = ProgramItems - 2;
                programs.Add(program);
            }

            await writer.WriteAsync(programs, ct);
            await writer.WriteAsync(items, ct);
        }
    }

    private static ProgramItem NewItem(WorkProgram program, int id, int order, string task, ProgramItem? parent)
    {
        var item = new ProgramItem
        {
            Id = id,
            ProgramId = program.Id,
            Order = order,
            Task = task,
            LeadOrganization = "Ban Dân vận",
            ParentProgramId = parent is null ? null : parent.ProgramId,
            ParentItemId = parent?.Id,
        };
        program.StampOnto(item);
        return item;
    }

    /// <summary>The item's due day (its program is approved) and how far it got by <see cref="Today"/>.</summary>
    private static void Progress(WorkProgram program, ProgramItem item, Rng rng)
    {
        var due = ProgramRules.DueOn(program.Year, item.DueMonth, item.DueQuarter);
        item.DueOn = due;
        item.Status = rng.Below(10) switch
        {
            < 5 => ItemStatus.Done,
            < 7 => ItemStatus.InProgress,
            < 9 => ItemStatus.Late,
            _ => ItemStatus.NotStarted,
        };
        if (item.Status == ItemStatus.Done)
        {
            var done = due.AddDays(rng.Between(-40, 20));
            item.DoneOn = done > Today ? Today : done;
        }
    }
}
