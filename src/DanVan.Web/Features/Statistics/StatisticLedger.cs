using System.Text;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DanVan.Web.Features.Statistics;

/// <summary>The address of a summary row.</summary>
public readonly record struct CountKey(int UnitId, string Key, int Breakdown, DateOnly On);

/// <summary>Where a summary row sits in the tree.</summary>
public readonly record struct CountPlace(UnitLevel Level, int? ParentId);

/// <summary>
/// Keeps the summary rows in the facts' transaction. Before a save, <see cref="Capture"/> reads the change tracker:
/// for every fact added, changed or deleted, its new contributions minus its old ones, spread over the fact's
/// ancestors; after the save <see cref="ApplyAsync"/> adds them in one upsert statement per 100 rows, in the same
/// transaction. Bulk writes that bypass the change tracker rebuild instead (<see cref="StatisticCheck"/>).
/// </summary>
public sealed class StatisticLedger
{
    private readonly Dictionary<CountKey, (CountPlace Place, long Value)> changes = [];

    /// <summary>Units being inserted: their contributions need their ids (a unit is its own ancestor), so they are added
    /// after the save.</summary>
    private readonly List<Unit> inserted = [];

    public bool IsEmpty => inserted.Count == 0 && (changes.Count == 0 || changes.Values.All(c => c.Value == 0));

    public static StatisticLedger Capture(ChangeTracker tracker)
    {
        var ledger = new StatisticLedger();
        foreach (var entry in tracker.Entries())
        {
            if (!StatisticSources.Types.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added when entry.Entity is Unit unit:
                    ledger.inserted.Add(unit);
                    break;
                case EntityState.Added:
                    ledger.Add(StatisticSources.AsFact(entry.Entity), +1);
                    break;
                case EntityState.Deleted:
                    ledger.Add(StatisticSources.AsFact(entry.OriginalValues.ToObject()), -1);
                    break;
                case EntityState.Modified:
                    ledger.Add(StatisticSources.AsFact(entry.OriginalValues.ToObject()), -1);
                    ledger.Add(StatisticSources.AsFact(entry.Entity), +1);
                    break;
            }
        }

        return ledger;
    }

    /// <summary>Adds (or, with −1, takes away) a fact's contributions.</summary>
    public void Add(IUnitScoped fact, int sign)
    {
        foreach (var c in StatisticSources.Of(fact))
        {
            foreach (var (unitId, level, parentId) in StatisticSources.Rows(fact))
            {
                var key = new CountKey(unitId, c.Key, c.Breakdown, c.On);
                var value = changes.TryGetValue(key, out var existing) ? existing.Value : 0;
                changes[key] = (new CountPlace(level, parentId), value + (sign * c.Value));
            }
        }
    }

    /// <summary>The same changes without those of one unit's rows (the country's, when a few provinces are
    /// recomputed).</summary>
    public StatisticLedger Without(int unitId)
    {
        var copy = new StatisticLedger();
        foreach (var (key, change) in changes.Where(c => c.Key.UnitId != unitId))
        {
            copy.changes[key] = change;
        }

        return copy;
    }

    public IEnumerable<KeyValuePair<CountKey, (CountPlace Place, long Value)>> Rows =>
        changes.Where(c => c.Value.Value != 0);

    /// <summary>After the save: adds the changes (and the inserted units', now that they have ids).</summary>
    public Task ApplyAsync(DanVanDbContext db, CancellationToken ct)
    {
        foreach (var unit in inserted)
        {
            Add(UnitStanding.Of(unit), +1);
        }

        inserted.Clear();
        return AddAsync(db, Rows, ct);
    }

    /// <summary>Adds the values to the rows, creating those that do not exist (the same SQL on SQLite and
    /// PostgreSQL).</summary>
    public static async Task AddAsync(
        DanVanDbContext db,
        IEnumerable<KeyValuePair<CountKey, (CountPlace Place, long Value)>> rows,
        CancellationToken ct
    )
    {
        foreach (var chunk in rows.Chunk(100))
        {
            var sql = new StringBuilder(
                $"""INSERT INTO "{StatisticCountConfiguration.Table}" ("UnitId", "Key", "Breakdown", "On", "Level", "ParentId", "Value") VALUES """
            );
            var values = new object?[chunk.Length * 7];
            for (var i = 0; i < chunk.Length; i++)
            {
                var (key, (place, value)) = chunk[i];
                var p = i * 7;
                sql.Append(i == 0 ? "" : ", ")
                    .Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}})");
                values[p] = key.UnitId;
                values[p + 1] = key.Key;
                values[p + 2] = key.Breakdown;
                values[p + 3] = key.On;
                values[p + 4] = (int)place.Level;
                values[p + 5] = place.ParentId;
                values[p + 6] = value;
            }

            sql.Append(
                $"""
                 ON CONFLICT ("UnitId", "Key", "Breakdown", "On") DO UPDATE SET "Value" = "{StatisticCountConfiguration.Table}"."Value" + excluded."Value"
                """
            );
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
        }
    }
}
