using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Bench.Benchmarks.Data;

/// <summary>A generated account signed in once (<see cref="BenchContext.SignedInScopeAsync"/>), so that each
/// measured call can open its own request scope with the same identity without reading the account again.</summary>
internal sealed class BenchUser(
    IServiceProvider services,
    int accountId,
    string displayName,
    IReadOnlyList<Grant> grants,
    int unitId
)
{
    public int AccountId { get; } = accountId;

    public IReadOnlyList<Grant> Grants { get; } = grants;

    public int UnitId { get; } = unitId;

    public static async Task<BenchUser> SignInAsync(BenchContext context, string role, int unitId, CancellationToken ct)
    {
        await using var scope = await context.SignedInScopeAsync(role, unitId, ct);
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        return new BenchUser(context.Services, user.AccountId!.Value, user.DisplayName ?? "", user.Grants, unitId);
    }

    /// <summary>A request scope whose <see cref="ICurrentUser"/> is this account, as the app's middleware fills
    /// it.</summary>
    public AsyncServiceScope Scope()
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignedIn(AccountId, displayName, false, Grants, UnitId);
        return scope;
    }
}
