using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Organizations;

/// <summary>Creates an organization in a unit the caller manages organizations of.</summary>
internal sealed class CreateOrganization(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public Task<Result<int>> HandleAsync(OrganizationInput input, CancellationToken ct) =>
        Idempotency.CreateOnceAsync(db, input.SubmissionId, nameof(Organization), () => CreateAsync(input, ct), ct);

    private async Task<Result<int>> CreateAsync(OrganizationInput input, CancellationToken ct)
    {
        var unit = input.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null || !user.Can(Permission.UnitsView, unit.Ref))
        {
            return new NotFoundError(L["Units_NotFound"]);
        }

        if (!user.Can(Permission.OrganizationsManage, unit.Ref))
        {
            return new ForbiddenError(L["Organizations_CannotManage", unit.Name]);
        }

        var errors = RequestValidation.Validate(input);
        if (!unit.IsActive)
        {
            errors.Add(nameof(OrganizationInput.UnitId), L["Units_RetiredReadOnly", unit.Name]);
        }

        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        var organization = new Organization
        {
            UnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            Type = input.Type,
            Name = input.Name,
            ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName,
            IsActive = input.IsActive,
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return organization.Id;
    }
}

/// <summary>Edits an organization (type, names, whether it still exists) from the version the editor saw.</summary>
internal sealed class UpdateOrganization(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, OrganizationInput input, CancellationToken ct)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !user.Can(Permission.OrganizationsView, Scope(organization)))
        {
            return new NotFoundError(L["Organizations_NotFound"]);
        }

        if (!user.Can(Permission.OrganizationsManage, Scope(organization)))
        {
            return new ForbiddenError(L["Organizations_CannotManage", organization.Name]);
        }

        var errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return errors.ToError(L["Val_FixBelow"]);
        }

        db.Entry(organization).Property(o => o.Version).OriginalValue = input.Version;
        organization.Type = input.Type;
        organization.Name = input.Name;
        organization.ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName;
        organization.IsActive = input.IsActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new { o.Type, o.Name, o.ShortName, o.IsActive, o.Version }).SingleAsync(ct);
            return new ConflictError(L["Conflict_ChangedMeanwhile"], current);
        }

        return organization.Id;
    }

    internal static UnitRef Scope(Organization o) => new(o.UnitId, UnitLevel.Village, o.ProvinceId, o.CommuneId, o.VillageId);
}

/// <summary>
/// Whether an organization is in use by a feature above this one (accounts act for it), so that it can only be closed,
/// not deleted. Owned here, implemented by those features.
/// </summary>
public interface IOrganizationUse
{
    Task<bool> IsUsedAsync(int organizationId, CancellationToken ct);
}

/// <summary>Deletes an organization entered by mistake; one that accounts act for is closed instead.</summary>
internal sealed class DeleteOrganization(DanVanDbContext db, ICurrentUser user, IEnumerable<IOrganizationUse> uses, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> HandleAsync(int id, CancellationToken ct)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !user.Can(Permission.OrganizationsView, UpdateOrganization.Scope(organization)))
        {
            return new NotFoundError(L["Organizations_NotFound"]);
        }

        if (!user.Can(Permission.OrganizationsManage, UpdateOrganization.Scope(organization)))
        {
            return new ForbiddenError(L["Organizations_CannotManage", organization.Name]);
        }

        foreach (var use in uses)
        {
            if (await use.IsUsedAsync(id, ct))
            {
                return new ConflictError(L["Organizations_InUse", organization.Name]);
            }
        }

        db.Organizations.Remove(organization);
        await db.SaveChangesAsync(ct);
        return id;
    }
}

public sealed record OrganizationRow(int Id, int UnitId, OrganizationType Type, string Name, string? ShortName, bool IsActive, int Version);

public sealed record OrganizationListRow(int Id, int UnitId, string UnitName, OrganizationType Type, string Name, string? ShortName, bool IsActive);

/// <summary>Organizations inside the caller's subtrees, optionally of one unit or type, or by name.</summary>
internal sealed class ListOrganizations(DanVanDbContext db, ICurrentUser user)
{
    /// <summary>A page in id order; <paramref name="after"/> is the previous page's cursor.</summary>
    public async Task<ListPage<OrganizationListRow>> HandleAsync(
        int? unitId, OrganizationType? type, string? q, int limit, CancellationToken ct, string? after = null)
    {
        var rows = db.Organizations.AsNoTracking().Where(UnitScope.Rows<Organization>(user, Permission.OrganizationsView));
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
            .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => new OrganizationListRow(o.Id, o.UnitId, u.Name, o.Type, o.Name, o.ShortName, o.IsActive))
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
        var found = await db.Organizations.AsNoTracking()
            .Where(UnitScope.Rows<Organization>(user, Permission.OrganizationsView))
            .Where(o => o.Id == id)
            .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => new
            {
                Row = new OrganizationRow(o.Id, o.UnitId, o.Type, o.Name, o.ShortName, o.IsActive, o.Version),
                UnitName = u.Name,
            })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Row, found.UnitName);
    }
}
