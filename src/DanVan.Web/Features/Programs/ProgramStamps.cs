using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// The columns the statistics catalogue reads from programs and items, kept by the handlers that change what they
/// derive from (so each figure stays a function of its row, docs/decisions/ADR-0025): an item's due day once its program
/// is approved, a program's first approval on time, and the concretization coverage — how many items the parent
/// program has and how many of them the program's items implement.
/// </summary>
internal static class ProgramStamps
{
    /// <summary>The item's due day, if its program has been approved (null before: nothing is owed yet).</summary>
    public static void Due(WorkProgram program, ProgramItem item) =>
        item.DueOn = program.FirstApprovedOn is null
            ? null
            : ProgramRules.DueOn(program.Year, item.DueMonth, item.DueQuarter);

    /// <summary>Recounts the parent items the program's items implement, <paramref name="changed"/> (tracked, not yet
    /// saved) as it now stands, or without it when <paramref name="removed"/>.</summary>
    public static async Task CoveredAsync(
        DanVanDbContext db,
        WorkProgram program,
        ProgramItem changed,
        bool removed,
        CancellationToken ct
    )
    {
        var covered = new HashSet<int>();
        if (program.ParentProgramId is not null)
        {
            covered.UnionWith(
                await db
                    .ProgramItems.Where(i => i.ProgramId == program.Id && i.Id != changed.Id && i.ParentItemId != null)
                    .Select(i => i.ParentItemId!.Value)
                    .Distinct()
                    .ToListAsync(ct)
            );
            if (!removed && changed.ParentItemId is { } parentItem)
            {
                covered.Add(parentItem);
            }
        }

        if (program.ParentItemsCovered != covered.Count)
        {
            program.ParentItemsCovered = covered.Count;
        }
    }

    /// <summary>Sets the parent's item count on the programs that concretize <paramref name="parentProgramId"/>, after
    /// an item of it was added (+1) or removed (−1).</summary>
    public static async Task ParentItemsChangedAsync(
        DanVanDbContext db,
        int parentProgramId,
        int count,
        CancellationToken ct
    )
    {
        foreach (var child in await db.WorkPrograms.Where(p => p.ParentProgramId == parentProgramId).ToListAsync(ct))
        {
            if (child.ParentItemCount != count)
            {
                child.ParentItemCount = count;
            }
        }
    }

    /// <summary>The parent's item count for a program whose parent is (re)set.</summary>
    public static async Task<int> ParentItemCountAsync(
        DanVanDbContext db,
        int? parentProgramId,
        CancellationToken ct
    ) => parentProgramId is { } id ? await db.ProgramItems.CountAsync(i => i.ProgramId == id, ct) : 0;

    /// <summary>Sets the stamps of the programs and items recorded before they existed (the <c>ProgramStatistics</c>
    /// migration); the statistics' recompute that follows reads them.</summary>
    public static async Task BackfillAsync(DanVanDbContext db, ProgramAlertSettings settings, CancellationToken ct)
    {
        var programs = await db.WorkPrograms.ToDictionaryAsync(p => p.Id, ct);
        var items = await db.ProgramItems.ToListAsync(ct);
        var counts = items.GroupBy(i => i.ProgramId).ToDictionary(g => g.Key, g => g.Count());
        var covered = items
            .Where(i => i.ParentItemId != null)
            .GroupBy(i => i.ProgramId)
            .ToDictionary(g => g.Key, g => g.Select(i => i.ParentItemId).Distinct().Count());
        foreach (var p in programs.Values)
        {
            p.ApprovedOnTime = p.FirstApprovedOn is { } first ? first <= settings.ApprovalDeadline(p.Year) : null;
            p.ParentItemCount = p.ParentProgramId is { } parent ? counts.GetValueOrDefault(parent) : 0;
            p.ParentItemsCovered = covered.GetValueOrDefault(p.Id);
        }

        foreach (var item in items)
        {
            Due(programs[item.ProgramId], item);
        }

        await db.SaveChangesAsync(ct);
    }
}
