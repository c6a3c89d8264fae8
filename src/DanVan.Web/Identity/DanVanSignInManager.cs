using DanVan.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Identity;

/// <summary>Identity's sign-in manager, refusing disabled accounts before any password is checked.</summary>
public sealed class DanVanSignInManager(
    UserManager<Account> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Account> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Account>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Account> confirmation)
    : SignInManager<Account>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Account user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
