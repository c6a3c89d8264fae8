using System.Globalization;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>The signed-in account for the use cases of one's own security (password, second factor, tokens,
/// profile).</summary>
internal static class OwnAccount
{
    /// <summary>The account acting in this request, tracked (Identity's stores change it); null when signed
    /// out.</summary>
    public static Task<Account?> FindOwnAsync(this UserManager<Account> users, ICurrentUser user) =>
        user.AccountId is { } id
            ? users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture))
            : Task.FromResult<Account?>(null);
}
