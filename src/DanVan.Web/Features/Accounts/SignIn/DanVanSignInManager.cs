using System.Security.Claims;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// Identity's sign-in manager, refusing disabled accounts before any password is checked, and keeping a session's start
/// when its cookie is reissued (password changed, second factor set up): the absolute timeout counts from the sign-in.
/// </summary>
public sealed class DanVanSignInManager(
    UserManager<Account> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Account> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Account>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Account> confirmation
) : SignInManager<Account>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private ClaimsPrincipal? refreshing;

    public override async Task<bool> CanSignInAsync(Account user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task RefreshSignInAsync(Account user)
    {
        refreshing = (await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            refreshing = null;
        }
    }

    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(Account user)
    {
        var principal = await base.CreateUserPrincipalAsync(user);
        AuthSetup.KeepSession(refreshing, principal);
        return principal;
    }
}
