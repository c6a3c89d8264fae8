using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Data;

/// <summary>
/// Makes a create idempotent by a client-chosen key: the first submission creates the record and stores
/// the key in the same transaction; a repeat, even a concurrent one, gets the id of that record instead of
/// a second copy (QUALITY.md R3).
/// </summary>
public static class Idempotency
{
    public static async Task<Errors.Result<int>> CreateOnceAsync(
        DanVanDbContext db,
        string? key,
        string entityType,
        Func<Task<Errors.Result<int>>> create,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return await create();
        }

        key = $"{entityType}:{db.Actor?.AccountId}:{key.Trim()}";
        if (key.Length > 100)
        {
            key = key[..100];
        }

        if (await ExistingAsync(db, key, ct) is { } existing)
        {
            return existing;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var marker = new ProcessedRequest
            {
                Key = key,
                AccountId = db.Actor?.AccountId,
                EntityType = entityType,
                EntityId = "",
                CreatedAt = db.UtcNow,
            };
            db.ProcessedRequests.Add(marker);
            await db.SaveChangesAsync(ct);
            var result = await create();
            if (!result.IsOk)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return result;
            }

            marker.EntityId = result.Value.ToString(CultureInfo.InvariantCulture);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A concurrent twin got there first; its transaction has committed, so its key is visible.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(db, key, ct) is { } twin)
            {
                return twin;
            }

            throw;
        }
    }

    private static async Task<int?> ExistingAsync(DanVanDbContext db, string key, CancellationToken ct)
    {
        var id = await db
            .ProcessedRequests.AsNoTracking()
            .Where(r => r.Key == key)
            .Select(r => r.EntityId)
            .FirstOrDefaultAsync(ct);
        return int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
