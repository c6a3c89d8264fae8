using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Organizations;

public sealed record OrganizationRow(
    int Id,
    int UnitId,
    OrganizationType Type,
    string Name,
    string? ShortName,
    bool IsActive,
    int Version
);

public sealed record OrganizationListRow(
    int Id,
    int UnitId,
    string UnitName,
    OrganizationType Type,
    string Name,
    string? ShortName,
    bool IsActive
);

/// <summary>Organizations inside the caller's subtrees, optionally of one unit or type, or by name.</summary>
internal sealed class ListOrganizations(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>A page in id order; <paramref name="after"/> is the previous page's cursor.</summary>
    public async Task<ListPage<OrganizationListRow>> HandleAsync(
        int? unitId,
        OrganizationType? type,
        string? q,
        int limit,
        CancellationToken ct,
        string? after = null
    )
    {
        var rows = db
            .Organizations.AsNoTracking()
            .Where(UnitScope.Rows<Organization>(user, Permission.OrganizationsView));
        if (unitId is { } id)
        {
            rows = rows.Where(o => o.UnitId == id);
        }

        if (type is { } t)
        {
            rows = rows.Where(o => o.Type == t);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            rows = rows.Where(o => o.Name.Contains(q));
        }

        if (PageCursor.Decode(after) is { } cursor)
        {
            rows = rows.Where(o => o.Id > cursor.Id);
        }

        limit = Math.Clamp(limit, 1, 500);
        var items = await rows.OrderBy(o => o.Id)
            .Take(limit + 1)
            .Join(
                db.Units,
                o => o.UnitId,
                u => u.Id,
                (o, u) => new OrganizationListRow(o.Id, o.UnitId, u.Name, o.Type, o.Name, o.ShortName, o.IsActive)
            )
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode("", items[^1].Id);
        }

        return new ListPage<OrganizationListRow>(items, next);
    }

    public async Task<(OrganizationRow Row, string UnitName)?> GetAsync(int id, CancellationToken ct)
    {
        var found = await db
            .Organizations.AsNoTracking()
            .Where(UnitScope.Rows<Organization>(user, Permission.OrganizationsView))
            .Where(o => o.Id == id)
            .Join(
                db.Units,
                o => o.UnitId,
                u => u.Id,
                (o, u) =>
                    new
                    {
                        Row = new OrganizationRow(o.Id, o.UnitId, o.Type, o.Name, o.ShortName, o.IsActive, o.Version),
                        UnitName = u.Name,
                    }
            )
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Row, found.UnitName);
    }
}
