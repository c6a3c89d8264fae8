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
/// siblings' programs). Three statements: the program with its items, the child units with their programs, and the implementing items
/// read on the (ParentProgramId, ParentItemId, CommuneId) index and grouped here.
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
        var columns = await db
            .Units.AsNoTracking()
            .Where(u => u.ParentId == program.UnitId && u.ValidTo == null)
            .OrderBy(u => u.Name)
            .Select(u => new
            {
                u.Id,
                u.Name,
                Program = db
                    .WorkPrograms.Where(p => p.ParentProgramId == programId && p.UnitId == u.Id)
                    .OrderBy(p => p.Id)
                    .Select(p => new { p.Id, p.Status })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        var rows =
            childLevel == UnitLevel.Province
                ? db
                    .ProgramItems.Where(i => i.ParentProgramId == programId && i.ParentItemId != null)
                    .Select(i => new
                    {
                        Item = i.ParentItemId!.Value,
                        Unit = i.ProvinceId,
                        i.Status,
                        i.DueMonth,
                        i.DueQuarter,
                    })
                : db
                    .ProgramItems.Where(i => i.ParentProgramId == programId && i.ParentItemId != null)
                    .Select(i => new
                    {
                        Item = i.ParentItemId!.Value,
                        Unit = i.CommuneId,
                        i.Status,
                        i.DueMonth,
                        i.DueQuarter,
                    });
        var implementing = await rows.Where(r => r.Unit != null).ToListAsync(ct);
        var cells = implementing
            .GroupBy(r => (r.Item, r.Unit!.Value))
            .ToDictionary(
                g => g.Key,
                g => new CoverageCell(
                    g.Count(),
                    g.Count(r => r.Status == ItemStatus.Done),
                    g.Count(r =>
                        r.Status == ItemStatus.Late
                        || (
                            r.Status is not (ItemStatus.Done or ItemStatus.Dropped)
                            && today > ProgramRules.DueOn(program.Year, r.DueMonth, r.DueQuarter)
                        )
                    ),
                    g.Count(r => r.Status == ItemStatus.InProgress)
                )
            );
        var expected = items.Where(i => i.Status != ItemStatus.Dropped).Select(i => i.Id).ToHashSet();
        return new CoverageMatrix(
            program,
            unitName,
            items,
            [
                .. columns.Select(u => new CoverageColumn(
                    u.Id,
                    u.Name,
                    u.Program?.Id,
                    u.Program?.Status,
                    cells.Keys.Count(k => k.Item2 == u.Id && expected.Contains(k.Item1)),
                    cells.Where(k => k.Key.Item2 == u.Id).Sum(k => k.Value.Done),
                    cells.Where(k => k.Key.Item2 == u.Id).Sum(k => k.Value.Late)
                )),
            ],
            cells
        );
    }
}
