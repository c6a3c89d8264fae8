using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace DanVan.Web.Features.Accounts.SignIn;

/// <summary>
/// The authenticator-app codes (RFC 6238, 30-second steps, six digits) with the two rules the framework's provider
/// lacks (ASVS V6.5.1, V6.5.5): a code is taken from the present step or one either side, not two; and each step's code
/// is taken once, so a code seen over a shoulder or replayed from a captured request is refused. The last step used is
/// kept with the account's other tokens, recorded by one conditional statement so that two sign-ins racing with one code
/// cannot both win.
/// </summary>
internal sealed class OneTimeAuthenticator(TimeProvider time, DanVanDbContext db) : IUserTwoFactorTokenProvider<Account>
{
    private const string Store = "[DanVan]";
    private const string LastStepName = "AuthenticatorLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (
            !totp.VerifyTotp(
                time.GetUtcNow().UtcDateTime,
                token,
                out var step,
                new VerificationWindow(previous: 1, future: 1)
            )
        )
        {
            return false;
        }

        // One statement records the step unless the same or a later one is recorded already: two sign-ins racing with
        // one code cannot both change the row (the unique key and the condition are checked by the database). Steps
        // are written with twelve digits so that the text comparison is the numeric one.
        var value = step.ToString("D12", CultureInfo.InvariantCulture);
        var recorded = await AccountTokenRows.WriteAsync(db, user.Id, Store, LastStepName, value, onlyForward: true);
        return recorded == 1;
    }
}
