using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure.Auth;

/// <summary>
/// The preamble of a handler that acts on one row: load it, answer "not found" when it is missing or outside the
/// subtrees where the caller holds the view permission (out of scope looks like absent), and "forbidden" with a
/// reason when the caller sees it but lacks the permission to act on it. The query names the row (and is tracked or
/// not, as the handler needs); the scope is the row's ancestor columns, or a unit's own position.
/// </summary>
public static class ScopedLoad
{
    /// <summary>The one row <paramref name="rows"/> finds, if the caller holds <paramref name="view"/> over
    /// it.</summary>
    public static Task<Result<T>> LoadScopedAsync<T>(
        this IQueryable<T> rows,
        ICurrentUser user,
        Permission view,
        string notFound,
        CancellationToken ct
    )
        where T : class, IUnitScoped => LoadAsync(rows, UnitScope.ScopeOf, user, view, null, notFound, null, ct);

    /// <summary>The one row <paramref name="rows"/> finds, if the caller holds <paramref name="view"/> and <paramref
    /// name="manage"/> over it.</summary>
    public static Task<Result<T>> LoadScopedAsync<T>(
        this IQueryable<T> rows,
        ICurrentUser user,
        Permission view,
        Permission manage,
        string notFound,
        Func<T, string> forbidden,
        CancellationToken ct
    )
        where T : class, IUnitScoped => LoadAsync(rows, UnitScope.ScopeOf, user, view, manage, notFound, forbidden, ct);

    /// <summary>The one unit <paramref name="units"/> finds, if the caller holds <paramref name="view"/> over
    /// it.</summary>
    public static Task<Result<Unit>> LoadScopedAsync(
        this IQueryable<Unit> units,
        ICurrentUser user,
        Permission view,
        string notFound,
        CancellationToken ct
    ) => LoadAsync(units, u => u.Ref, user, view, null, notFound, null, ct);

    /// <summary>The one unit <paramref name="units"/> finds, if the caller holds <paramref name="view"/> and <paramref
    /// name="manage"/> over it.</summary>
    public static Task<Result<Unit>> LoadScopedAsync(
        this IQueryable<Unit> units,
        ICurrentUser user,
        Permission view,
        Permission manage,
        string notFound,
        Func<Unit, string> forbidden,
        CancellationToken ct
    ) => LoadAsync(units, u => u.Ref, user, view, manage, notFound, forbidden, ct);

    private static async Task<Result<T>> LoadAsync<T>(
        IQueryable<T> rows,
        Func<T, UnitRef> scopeOf,
        ICurrentUser user,
        Permission view,
        Permission? manage,
        string notFound,
        Func<T, string>? forbidden,
        CancellationToken ct
    )
        where T : class
    {
        var row = await rows.SingleOrDefaultAsync(ct);
        if (row is null || !user.Can(view, scopeOf(row)))
        {
            return new NotFoundError(notFound);
        }

        if (manage is { } permission && !user.Can(permission, scopeOf(row)))
        {
            return new ForbiddenError(forbidden!(row));
        }

        return row;
    }
}
