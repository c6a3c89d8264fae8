using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>A child unit's column of the matrix: its program concretizing this one (if any) and how many of this
/// program's items it implements.</summary>
public sealed record CoverageColumn(
    int UnitId,
    string UnitName,
    int? ProgramId,
    ProgramStatus? ProgramStatus,
    int Covered,
    int Done,
    int Late
)
{
    /// <summary>Covered items ÷ the parent's items that are not dropped, in percent (0 when there are none).</summary>
    public double Share(int items) => items == 0 ? 0 : Math.Round(100.0 * Covered / items, 1);
}

/// <summary>A cell: the child items of one unit implementing one parent item, by how far they have got.</summary>
public sealed record CoverageCell(int Count, int Done, int Late, int InProgress);

public sealed record CoverageMatrix(
    WorkProgram Program,
    string UnitName,
    IReadOnlyList<ProgramItem> Items,
    IReadOnlyList<CoverageColumn> Columns,
    IReadOnlyDictionary<(int ItemId, int UnitId), CoverageCell> Cells
)
{
    /// <summary>The items a child is expected to concretize: all but those dropped.</summary>
    public int Expected => Items.Count(i => i.Status != ItemStatus.Dropped);

    public CoverageCell? Cell(int itemId, int unitId) => Cells.GetValueOrDefault((itemId, unitId));
}

/// <summary>
/// The coverage matrix of a program (docs/decisions/ADR-0030): its items × its unit's child units, each cell the items
/// below implementing the item and their progress. For the program's own subtree only (a commune does not see its
/// siblings' programs). Three statements: the program with its items, the child units joined to their programs, and the
/// implementing items counted per parent item and child unit on the (ParentProgramId, ParentItemId, CommuneId) index.
/// </summary>
internal sealed class ProgramCoverage(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<CoverageMatrix?> HandleAsync(int programId, CancellationToken ct)
    {
        var found = await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Id == programId)
            .Select(p => new
            {
                Program = p,
                Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                Items = db.ProgramItems.Where(i => i.ProgramId == p.Id).OrderBy(i => i.Order).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null || !user.Can(Permission.ProgramsView, found.Program.Ref))
        {
            return null;
        }

        var (program, unitName, items) = (found.Program, found.Unit, found.Items);
        var childLevel = program.UnitLevel + 1;
        // The child units, each with the program (if any) concretizing this one: a plain join, ordered here.
        var columns = (
            await (
                from u in db.Units.AsNoTracking()
                where u.ParentId == program.UnitId && u.ValidTo == null
                join p in db.WorkPrograms.Where(p => p.ParentProgramId == programId) on u.Id equals p.UnitId into ps
                from p in ps.DefaultIfEmpty()
                select new
                {
                    u.Id,
                    u.Name,
                    ProgramId = (int?)p.Id,
                    Status = (ProgramStatus?)p.Status,
                }
            ).ToListAsync(ct)
        ).GroupBy(u => u.Id).Select(g => g.OrderBy(u => u.ProgramId ?? int.MaxValue).First()).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var today = VietnamTime.Today(clock);
        // The implementing items counted per parent item and child unit (late by ProgramRules.IsLate's rule).
        var implementing = db.ProgramItems.Where(i => i.ParentProgramId == programId && i.ParentItemId != null);
        var grouped =
            childLevel == UnitLevel.Province
                ? implementing
                    .Where(i => i.ProvinceId != null)
                    .GroupBy(i => new { Item = i.ParentItemId!.Value, Unit = i.ProvinceId!.Value })
                : implementing
                    .Where(i => i.CommuneId != null)
                    .GroupBy(i => new { Item = i.ParentItemId!.Value, Unit = i.CommuneId!.Value });
        var counted = await grouped
            .Select(g => new
            {
                g.Key.Item,
                g.Key.Unit,
                Count = g.Count(),
                Done = g.Count(i => i.Status == ItemStatus.Done),
                Late = g.Count(i =>
                    i.Status == ItemStatus.Late
                    || ((i.Status == ItemStatus.NotStarted || i.Status == ItemStatus.InProgress) && i.DueOn < today)
                ),
                InProgress = g.Count(i => i.Status == ItemStatus.InProgress),
            })
            .ToListAsync(ct);
        var cells = counted.ToDictionary(
            c => (c.Item, c.Unit),
            c => new CoverageCell(c.Count, c.Done, c.Late, c.InProgress)
        );
        var expected = items.Where(i => i.Status != ItemStatus.Dropped).Select(i => i.Id).ToHashSet();
        // Each child unit's items covered, done and late, in one pass over the cells.
        var byUnit = cells
            .GroupBy(c => c.Key.Unit)
            .ToDictionary(
                g => g.Key,
                g =>
                    (
                        Covered: g.Count(c => expected.Contains(c.Key.Item)),
                        Done: g.Sum(c => c.Value.Done),
                        Late: g.Sum(c => c.Value.Late)
                    )
            );
        return new CoverageMatrix(
            program,
            unitName,
            items,
            [
                .. columns.Select(u =>
                {
                    var (covered, done, late) = byUnit.GetValueOrDefault(u.Id);
                    return new CoverageColumn(u.Id, u.Name, u.ProgramId, u.Status, covered, done, late);
                }),
            ],
            cells
        );
    }
}
