using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>The reads every records import makes once for its whole file: the units by code and the rows imported
/// before.</summary>
public static class ImportLookups
{
    private const int Chunk = 2000;

    /// <summary>The units of the codes, a current unit before a retired one of the same code (so a merged unit's code
    /// still reaches the check that names its successor).</summary>
    public static async Task<Dictionary<string, Unit>> UnitsByCodeAsync(
        DanVanDbContext db,
        IEnumerable<string?> codes,
        CancellationToken ct
    )
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var chunk in codes.OfType<string>().Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var found = await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Code)).ToListAsync(ct);
            foreach (var unit in found.OrderBy(u => u.ValidTo is null ? 0 : 1).ThenByDescending(u => u.ValidTo))
            {
                units.TryAdd(unit.Code, unit);
            }
        }

        return units;
    }

    /// <summary>Which of the rows' keys (<see cref="RecordImport.RowKey"/>) an earlier upload has imported.</summary>
    public static async Task<HashSet<string>> ImportedKeysAsync(
        DanVanDbContext db,
        IEnumerable<string> keys,
        CancellationToken ct
    )
    {
        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            imported.UnionWith(
                await db.ProcessedRequests.Where(r => chunk.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct)
            );
        }

        return imported;
    }

    /// <summary>The key of an imported row with the record it made, written in the import's transaction.</summary>
    public static ProcessedRequest Marker(DanVanDbContext db, string key, string entityType, int entityId) =>
        new()
        {
            Key = key,
            AccountId = db.Actor?.AccountId,
            EntityType = entityType,
            EntityId = entityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = db.UtcNow,
        };
}
