using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>An item as a program's page and the API show it: with the parent item it implements, how many items below
/// implement it, and whether it is late.</summary>
public sealed record ItemRow(
    ProgramItem Item,
    DateOnly DueOn,
    bool Late,
    string? ParentTask,
    int? ParentOrder,
    int ImplementedBy
);

public sealed record ProgramRef(int Id, string Title, string UnitName, ProgramStatus Status);

public sealed record VersionRow(
    int Edition,
    string DecisionNumber,
    DateOnly DecisionDate,
    string ApprovingBody,
    string? AmendmentReason,
    string ApprovedByName
);

public sealed record ProgramDetail(
    WorkProgram Program,
    string UnitName,
    ProgramRef? Parent,
    IReadOnlyList<ProgramBasis> Bases,
    IReadOnlyList<ItemRow> Items,
    IReadOnlyList<VersionRow> Versions,
    IReadOnlyList<ProgramEvent> Events,
    IReadOnlyList<ProgramAction> Steps,
    bool MayWrite,
    bool MayRecordProgress,
    bool SeesCoverage,
    int ChildPrograms,
    bool MayAttach
);

/// <summary>One program the caller reads (<see cref="ProgramAccess"/>), with its bases, items, approved versions and
/// steps, and what the caller may do with it.</summary>
internal sealed class GetProgram(DanVanDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Three statements: the program with its unit, parent, bases and approved versions; the items; the
    /// steps.</summary>
    public async Task<ProgramDetail?> HandleAsync(int id, CancellationToken ct)
    {
        var row = await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Id == id)
            .Where(ProgramAccess.Visible(user))
            .Select(p => new
            {
                Program = p,
                Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(),
                Parent = db
                    .WorkPrograms.Where(x => x.Id == p.ParentProgramId)
                    .Select(x => new
                    {
                        x.Id,
                        x.Title,
                        Unit = db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Name).Single(),
                        x.Status,
                    })
                    .FirstOrDefault(),
                Children = db.WorkPrograms.Count(x => x.ParentProgramId == p.Id),
                Bases = db.ProgramBases.Where(b => b.ProgramId == p.Id).OrderBy(b => b.Order).ToList(),
                Versions = db
                    .ProgramVersions.Where(v => v.ProgramId == p.Id)
                    .OrderByDescending(v => v.Edition)
                    .Select(v => new VersionRow(
                        v.Edition,
                        v.DecisionNumber,
                        v.DecisionDate,
                        v.ApprovingBody,
                        v.AmendmentReason,
                        v.ApprovedByName
                    ))
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var program = row.Program;
        var today = VietnamTime.Today(clock);
        // A unit below reading a published program above sees its items, not how many items of its siblings implement
        // them: that is the matrix, for the program's own subtree.
        var seesBelow = user.Can(Permission.ProgramsView, program.Ref);
        var items = await ItemsAsync(program, today, ct);
        if (!seesBelow)
        {
            items = [.. items.Select(i => i with { ImplementedBy = 0 })];
        }

        var events = await db
            .ProgramEvents.AsNoTracking()
            .Where(e => e.ProgramId == id)
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        return new ProgramDetail(
            program,
            row.Unit,
            row.Parent is { } parent ? new ProgramRef(parent.Id, parent.Title, parent.Unit, parent.Status) : null,
            row.Bases,
            items,
            row.Versions,
            events,
            ProgramRules.Steps(user, program),
            ProgramRules.MayWrite(user, program) && program.IsEditable,
            ProgramRules.MayRecordProgress(user, program),
            seesBelow,
            seesBelow ? row.Children : 0,
            ProgramRules.MayWrite(user, program)
        );
    }

    /// <summary>A program's items with the parent item each implements and how many items below implement it, in one
    /// statement; <paramref name="itemId"/> narrows it to one.</summary>
    public async Task<IReadOnlyList<ItemRow>> ItemsAsync(
        WorkProgram program,
        DateOnly today,
        CancellationToken ct,
        int? itemId = null
    )
    {
        var rows = db.ProgramItems.AsNoTracking().Where(i => i.ProgramId == program.Id);
        if (itemId is { } only)
        {
            rows = rows.Where(i => i.Id == only);
        }

        var items = await rows.OrderBy(i => i.Order)
            .Select(i => new
            {
                Item = i,
                Parent = db
                    .ProgramItems.Where(x => x.Id == i.ParentItemId)
                    .Select(x => new { x.Task, x.Order })
                    .FirstOrDefault(),
                Below = db.ProgramItems.Count(x => x.ParentItemId == i.Id),
            })
            .ToListAsync(ct);
        return
        [
            .. items.Select(x => new ItemRow(
                x.Item,
                ProgramRules.DueOn(program.Year, x.Item.DueMonth, x.Item.DueQuarter),
                ProgramRules.IsLate(x.Item, today),
                x.Parent?.Task,
                x.Parent?.Order,
                x.Below
            )),
        ];
    }

    /// <summary>The items of the parent program, for the item form's choice of what an item implements.</summary>
    public async Task<IReadOnlyList<ProgramItem>> ParentItemsAsync(WorkProgram program, CancellationToken ct) =>
        program.ParentProgramId is { } parentId
            ? await db
                .ProgramItems.AsNoTracking()
                .Where(i => i.ProgramId == parentId)
                .OrderBy(i => i.Order)
                .ToListAsync(ct)
            : [];

    /// <summary>An approved edition as the committee approved it.</summary>
    public async Task<(ProgramVersion Version, ProgramSnapshot Snapshot)?> VersionAsync(
        int id,
        int edition,
        CancellationToken ct
    )
    {
        var visible = await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Id == id)
            .Where(ProgramAccess.Visible(user))
            .AnyAsync(ct);
        if (!visible)
        {
            return null;
        }

        var version = await db
            .ProgramVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.ProgramId == id && v.Edition == edition, ct);
        return version is null ? null : (version, ProgramSnapshot.Read(version.Snapshot));
    }
}

public sealed record ImplementingRow(
    int ProgramId,
    int ItemId,
    string UnitName,
    string Task,
    ItemStatus Status,
    bool Late
);

public sealed record ItemDetail(
    WorkProgram Program,
    string UnitName,
    ItemRow Item,
    bool MayRecordProgress,
    IReadOnlyList<ProgramItemProgress> Progress,
    IReadOnlyList<ImplementingRow> ImplementedBy
);

/// <summary>One item of a program the caller reads, with its progress history and the items below that implement it
/// (those in the caller's subtrees). Four statements.</summary>
internal sealed class GetProgramItem(DanVanDbContext db, ICurrentUser user, GetProgram get, TimeProvider clock)
{
    public async Task<ItemDetail?> HandleAsync(int programId, int itemId, CancellationToken ct)
    {
        var found = await db
            .WorkPrograms.AsNoTracking()
            .Where(p => p.Id == programId)
            .Where(ProgramAccess.Visible(user))
            .Select(p => new { Program = p, Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single() })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var today = VietnamTime.Today(clock);
        var item = (await get.ItemsAsync(found.Program, today, ct, itemId)).SingleOrDefault();
        if (item is null)
        {
            return null;
        }

        var progress = await db
            .ProgramItemProgress.AsNoTracking()
            .Where(p => p.ItemId == itemId)
            .OrderByDescending(p => p.On)
            .ThenByDescending(p => p.Id)
            .ToListAsync(ct);
        var below = await db
            .ProgramItems.AsNoTracking()
            .Where(i => i.ParentItemId == itemId)
            .Where(UnitScope.Rows<ProgramItem>(user, Permission.ProgramsView))
            .Select(i => new
            {
                Item = i,
                Unit = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Name).Single(),
                Year = db.WorkPrograms.Where(p => p.Id == i.ProgramId).Select(p => p.Year).Single(),
            })
            .OrderBy(x => x.Unit)
            .ToListAsync(ct);
        return new ItemDetail(
            found.Program,
            found.Unit,
            item,
            ProgramRules.MayRecordProgress(user, found.Program),
            progress,
            [
                .. below.Select(x => new ImplementingRow(
                    x.Item.ProgramId,
                    x.Item.Id,
                    x.Unit,
                    x.Item.Task,
                    x.Item.Status,
                    ProgramRules.IsLate(x.Item, today)
                )),
            ]
        );
    }
}
