namespace DanVan.Web.Features.Units;

/// <summary>A merger as the other features see it: the units that cease to exist and their successor.</summary>
public sealed record UnitMerger(IReadOnlyList<Unit> Sources, Unit Target)
{
    public IReadOnlyList<int> SourceIds => [.. Sources.Select(s => s.Id)];

    /// <summary>The sources and the successor as (level, id), for a subtree filter over all of them.</summary>
    public (UnitLevel Level, int Id)[] Within => [.. Sources.Append(Target).Select(u => (u.Level, u.Id))];
}

/// <summary>
/// What another feature does when units merge, inside the merger's transaction. Owned here, implemented by the features
/// above (accounts move their assignments, organizations close, campaigns rebuild their summaries), so the unit tree
/// knows no feature built on it. Steps run in registration order.
/// </summary>
public interface IUnitMergeStep
{
    /// <summary>Tracked changes, saved with the units' own. Returns a line for the merger's audit record, or
    /// null.</summary>
    Task<string?> MoveAsync(UnitMerger merger, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>After those are saved, before every row's ancestor columns are re-pointed to the successor.</summary>
    Task BeforeRepointAsync(UnitMerger merger, CancellationToken ct) => Task.CompletedTask;

    /// <summary>After the re-pointing. Returns a line for the merger's audit record, or null.</summary>
    Task<string?> AfterRepointAsync(UnitMerger merger, CancellationToken ct) => Task.FromResult<string?>(null);
}

/// <summary>
/// What another feature does when a unit is dissolved without a successor (<see cref="RetireUnit"/>), inside the
/// retirement's save: what was current at the unit ends the day before it ceases.
/// </summary>
public interface IUnitRetireStep
{
    /// <summary>Tracked changes, saved with the unit's own. Returns a line for the retirement's audit record, or
    /// null.</summary>
    Task<string?> RetireAsync(Unit unit, DateOnly validTo, CancellationToken ct);
}
