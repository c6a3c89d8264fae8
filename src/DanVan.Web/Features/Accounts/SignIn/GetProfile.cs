using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Accounts.SignIn;

public sealed record ProfileView(string DisplayName, string? Email, bool TwoFactorEnabled);

/// <summary>The signed-in account as its profile page shows it; null when signed out.</summary>
internal sealed class GetProfile(DanVanDbContext db, ICurrentUser user, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The person's live sessions, this one first.</summary>
    public Task<IReadOnlyList<SessionView>> SessionsAsync() =>
        user.AccountId is { } id
            ? Sessions.ListAsync(db, id, http.HttpContext?.User.FindFirst(Sessions.Claim)?.Value, clock.GetUtcNow())
            : Task.FromResult<IReadOnlyList<SessionView>>([]);

    public async Task<ProfileView?> HandleAsync(CancellationToken ct) =>
        user.AccountId is { } id
            ? await db
                .Users.AsNoTracking()
                .Where(a => a.Id == id)
                .Select(a => new ProfileView(a.DisplayName, a.Email, a.TwoFactorEnabled))
                .SingleOrDefaultAsync(ct)
            : null;
}
