using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Audit;

public sealed record AuditQuery(
    int? UnitId = null,
    int? AccountId = null,
    string? EntityType = null,
    string? EntityId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    long? Before = null,
    int Limit = 50
);

public sealed record AuditRow(
    long Id,
    DateTime At,
    int? AccountId,
    string ActorName,
    int? UnitId,
    string? UnitName,
    AuditAction Action,
    string EntityType,
    string? EntityId,
    string? Before,
    string? After,
    string? Details,
    string? RemoteAddress
);

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, long? Next);

/// <summary>
/// The audit trail inside the caller's subtrees, newest first, filtered by unit (with its subtree),
/// account, entity and Vietnam-time date range; paged by keyset on the id.
/// </summary>
internal sealed class ListAudit(DanVanDbContext db, ICurrentUser user)
{
    /// <param name="knownUnit">The filter unit's place when the caller already has it (saves a statement).</param>
    public async Task<AuditPage> HandleAsync(AuditQuery query, CancellationToken ct, UnitRef? knownUnit = null)
    {
        var entries = await db
            .AuditEntries.AsNoTracking()
            .Where(
                UnitScope.Filter<AuditEntry>(
                    user,
                    Permission.AuditView,
                    a => a.ProvinceId,
                    a => a.CommuneId,
                    a => a.VillageId
                )
            )
            .InSubtreeOfAsync(
                db.Units,
                query.UnitId,
                a => a.ProvinceId,
                a => a.CommuneId,
                a => a.VillageId,
                ct,
                knownUnit
            );

        if (query.AccountId is { } accountId)
        {
            entries = entries.Where(a => a.AccountId == accountId);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(a => a.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(a => a.EntityId == query.EntityId);
        }

        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset;
            entries = entries.Where(a => a.At >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset;
            entries = entries.Where(a => a.At < end);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(a => a.Id < before);
        }

        var limit = Math.Clamp(query.Limit, 1, 200);
        var rows = await entries
            .OrderByDescending(a => a.Id)
            .Take(limit + 1)
            .GroupJoin(db.Units, a => a.UnitId, u => u.Id, (a, us) => new { a, us })
            .SelectMany(
                x => x.us.DefaultIfEmpty(),
                (x, u) =>
                    new AuditRow(
                        x.a.Id,
                        x.a.At,
                        x.a.AccountId,
                        x.a.ActorName,
                        x.a.UnitId,
                        u == null ? null : u.Name,
                        x.a.Action,
                        x.a.EntityType,
                        x.a.EntityId,
                        x.a.Before,
                        x.a.After,
                        x.a.Details,
                        x.a.RemoteAddress
                    )
            )
            .ToListAsync(ct);
        rows = [.. rows.OrderByDescending(r => r.Id)];
        long? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = rows[^1].Id;
        }

        return new AuditPage(rows, next);
    }
}
