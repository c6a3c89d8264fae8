using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Units;

public sealed class MergeUnitsInput
{
    /// <summary>The units that cease to exist.</summary>
    public List<int> SourceIds { get; set; } = [];

    /// <summary>The unit they are merged into (it may have been created for the merger).</summary>
    [Display(Name = nameof(SharedResource.Field_MergeTarget), ResourceType = typeof(SharedResource))]
    public int? TargetId { get; set; }

    [Display(Name = nameof(SharedResource.Field_EffectiveDate), ResourceType = typeof(SharedResource))]
    public DateOnly? EffectiveDate { get; set; }

    /// <summary>Move the sources' villages (or communes) under the successor; true in the 2025 reform.</summary>
    public bool MoveChildren { get; set; } = true;
}

/// <summary>
/// Merges units into a successor of the same level, as the 2025 reform did. In one transaction the sources
/// are retired and pointed at the successor; every row that carries ancestor ids has them re-pointed to the
/// successor (so history counts towards it, while each row keeps the unit it was recorded for); the sources'
/// child units move under the successor; assignments move to it; the sources' organizations are closed.
/// </summary>
internal sealed class MergeUnits(
    DanVanDbContext db,
    ICurrentUser user,
    TimeProvider clock,
    IEnumerable<IUnitMergeStep> steps,
    IStringLocalizer<SharedResource> L
)
{
    public async Task<Result<int>> HandleAsync(MergeUnitsInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var ids = input.SourceIds.Distinct().ToList();
        var found = await db
            .Units.Where(u => u.Id == input.TargetId)
            .LoadScopedAsync(user, Permission.UnitsView, L["Units_NotFound"], ct);
        if (!found.IsOk)
        {
            return found.Error;
        }

        var target = found.Value;

        var sources = await db.Units.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        if (sources.Count != ids.Count || sources.Any(s => !user.Can(Permission.UnitsView, s.Ref)))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        var parentIds = sources.Select(s => s.ParentId).Append(target.ParentId).OfType<int>().Distinct().ToList();
        var parents = await db
            .Units.AsNoTracking()
            .Where(u => parentIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, ct);
        foreach (var unit in sources.Append(target))
        {
            if (!user.CanManageUnitUnder(unit.ParentId is { } p ? parents[p].Ref : null))
            {
                return new ForbiddenError(L["Units_CannotManage", unit.Name]);
            }
        }

        if (sources.Count == 0)
        {
            errors.Add(nameof(MergeUnitsInput.SourceIds), L["Units_MergeChooseSources"]);
        }

        if (!target.IsActive)
        {
            errors.Add(nameof(MergeUnitsInput.TargetId), L["Units_RetiredReadOnly", target.Name]);
        }

        foreach (var source in sources)
        {
            if (source.Id == target.Id)
            {
                errors.Add(nameof(MergeUnitsInput.SourceIds), L["Units_MergeIntoItself", source.Name]);
            }
            else if (!source.IsActive)
            {
                errors.Add(nameof(MergeUnitsInput.SourceIds), L["Units_AlreadyRetired", source.Name]);
            }
            else if (source.Level != target.Level)
            {
                errors.Add(nameof(MergeUnitsInput.SourceIds), L["Units_MergeSameLevel", source.Name, target.Name]);
            }
        }

        var today = VietnamTime.Today(clock);
        if (input.EffectiveDate is not { } date)
        {
            errors.Add(nameof(MergeUnitsInput.EffectiveDate), L["Val_Required", L["Field_EffectiveDate"]]);
        }
        else if (date > today || sources.Any(s => date < s.ValidFrom))
        {
            errors.Add(nameof(MergeUnitsInput.EffectiveDate), L["Units_EffectiveDateRange", VietnamTime.Format(today)]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var source in sources)
        {
            source.ValidTo = input.EffectiveDate;
            source.SuccessorId = target.Id;
        }

        var children = input.MoveChildren
            ? await db
                .Units.Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value) && u.ValidTo == null)
                .ToListAsync(ct)
            : [];
        foreach (var child in children)
        {
            child.ParentId = target.Id;
        }

        // The other features' rows follow (assignments move, organizations close, campaign summaries are rebuilt).
        var merger = new UnitMerger(sources, target);
        var lines = new List<string> { $"children moved={children.Count}" };
        foreach (var step in steps)
        {
            if (await step.MoveAsync(merger, ct) is { } line)
            {
                lines.Add(line);
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var step in steps)
        {
            await step.BeforeRepointAsync(merger, ct);
        }

        var repointed = 0;
        foreach (var source in sources)
        {
            repointed += await RepointAncestorsAsync(source, target, ct);
        }

        lines.Add($"rows re-pointed={repointed}");
        foreach (var step in steps)
        {
            if (await step.AfterRepointAsync(merger, ct) is { } line)
            {
                lines.Add(line);
            }
        }

        db.Audit(
            AuditAction.UnitsMerged,
            nameof(Unit),
            target.Id.ToString(CultureInfo.InvariantCulture),
            target.Ref,
            string.Create(
                CultureInfo.InvariantCulture,
                $"sources={string.Join(',', sources.Select(s => s.Code))}; target={target.Code}; date={input.EffectiveDate:yyyy-MM-dd}; {string.Join("; ", lines)}"
            )
        );
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return target.Id;
    }

    /// <summary>
    /// Re-points the ancestor columns of every table that has them (units, accounts, organizations and every
    /// later fact table), set-based, one statement per table. The audit trail keeps the ancestors it was
    /// written with: it is never rewritten.
    /// </summary>
    private async Task<int> RepointAncestorsAsync(Unit source, Unit target, CancellationToken ct)
    {
        var total = 0;
        foreach (var type in ScopedTypes(db))
        {
            var task = (Task<int>)RepointMethod.MakeGenericMethod(type).Invoke(null, [db, source, target, ct])!;
            total += await task;
        }

        // A case handled by the retired unit (a petition received by a merged ward) is handled by its successor: the
        // handling unit decides who takes the case's steps, so it must stay a unit in force.
        foreach (
            var type in db
                .Model.GetEntityTypes()
                .Where(e => e.FindProperty(HandlingUnitColumn)?.ClrType == typeof(int))
                .Select(e => e.ClrType)
        )
        {
            var task = (Task<int>)RepointHandlingMethod.MakeGenericMethod(type).Invoke(null, [db, source, target, ct])!;
            total += await task;
        }

        return total;
    }

    private const string HandlingUnitColumn = "HandlingUnitId";

    private static readonly MethodInfo RepointHandlingMethod = typeof(MergeUnits).GetMethod(
        nameof(RepointHandlingAsync),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    private static Task<int> RepointHandlingAsync<T>(DanVanDbContext db, Unit source, Unit target, CancellationToken ct)
        where T : class =>
        db.Set<T>()
            .Where(x => EF.Property<int>(x, HandlingUnitColumn) == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => EF.Property<int>(x, HandlingUnitColumn), target.Id), ct);

    private static readonly MethodInfo RepointMethod = typeof(MergeUnits).GetMethod(
        nameof(RepointAsync),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    internal static IEnumerable<Type> ScopedTypes(DbContext context) =>
        context
            .Model.GetEntityTypes()
            .Where(e =>
                e.ClrType != typeof(AuditEntry)
                && !e.IsOwned()
                && e.FindProperty(nameof(IUnitScoped.ProvinceId)) is not null
                && e.FindProperty(nameof(IUnitScoped.CommuneId)) is not null
                && e.FindProperty(nameof(IUnitScoped.VillageId)) is not null
            )
            .Select(e => e.ClrType);

    private static Task<int> RepointAsync<T>(DanVanDbContext db, Unit source, Unit target, CancellationToken ct)
        where T : class
    {
        var rows = db.Set<T>();
        return source.Level switch
        {
            UnitLevel.Province => rows.Where(x => EF.Property<int?>(x, "ProvinceId") == source.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => EF.Property<int?>(x, "ProvinceId"), target.ProvinceId), ct),
            UnitLevel.Commune => rows.Where(x => EF.Property<int?>(x, "CommuneId") == source.Id)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(x => EF.Property<int?>(x, "CommuneId"), target.CommuneId)
                            .SetProperty(x => EF.Property<int?>(x, "ProvinceId"), target.ProvinceId),
                    ct
                ),
            UnitLevel.Village => rows.Where(x => EF.Property<int?>(x, "VillageId") == source.Id)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(x => EF.Property<int?>(x, "VillageId"), target.VillageId)
                            .SetProperty(x => EF.Property<int?>(x, "CommuneId"), target.CommuneId)
                            .SetProperty(x => EF.Property<int?>(x, "ProvinceId"), target.ProvinceId),
                    ct
                ),
            _ => Task.FromResult(0),
        };
    }
}
