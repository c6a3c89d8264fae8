using DanVan.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// The signed-in account's second factor: on (with the recovery codes left), or off with the key to enter into an
/// authenticator app (<see cref="SharedKey"/> grouped for reading, <see cref="AuthenticatorUri"/> for the QR code).
/// </summary>
public sealed record TwoFactorSetup(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft);

/// <summary>Reads the signed-in account's second factor, making its first authenticator key when it has none; null when
/// signed out.</summary>
internal sealed class GetTwoFactorSetup(UserManager<Account> users, IUserStore<Account> store, ICurrentUser user)
{
    public async Task<TwoFactorSetup?> HandleAsync()
    {
        var account = await users.FindOwnAsync(user);
        if (account is null)
        {
            return null;
        }

        if (account.TwoFactorEnabled)
        {
            return new TwoFactorSetup(true, null, null, await users.CountRecoveryCodesAsync(account));
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            // The first key guards nothing yet (two-step sign-in stays off until a code proves it), so it does not move
            // the security stamp: opening this page must not end the account's other sessions and its API tokens.
            await ((IUserAuthenticatorKeyStore<Account>)store).SetAuthenticatorKeyAsync(
                account,
                users.GenerateNewAuthenticatorKey(),
                CancellationToken.None
            );
            await users.UpdateAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        var sharedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri =
            $"otpauth://totp/DanVan:{Uri.EscapeDataString(account.Email ?? "")}?secret={key}&issuer=DanVan&digits=6";
        return new TwoFactorSetup(false, sharedKey, uri, 0);
    }
}
