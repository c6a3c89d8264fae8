using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;

namespace DanVan.Tests.Security;

/// <summary>
/// Authenticator codes at sign-in (ASVS V6.5.1, V6.5.5): a code is taken from the present 30-second step or one either
/// side, and each step's code once.
/// </summary>
public sealed class AuthenticatorCodeTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    /// <summary>Posts the password, then <paramref name="code"/> on the second-factor page; true when signed in.</summary>
    private async Task<bool> SignsInWithAsync(TestAccount account, string code)
    {
        using var client = app.NewPageClient();
        var login = await client.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password }
        );
        var twoFactor = login.Headers.Location?.ToString() ?? "";
        Assert.Contains("two-factor", twoFactor, StringComparison.Ordinal);
        var answer = await client.SubmitFormAsync(twoFactor, "login-2fa", new() { ["Input.Code"] = code });
        var location = answer.Headers.Location?.ToString() ?? "";
        var signedIn =
            answer.StatusCode == HttpStatusCode.Redirect && !location.Contains("/account/", StringComparison.Ordinal);
        if (!signedIn)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(
                string.Join(" ", PageClient.ErrorsOf(PageClient.Parse(body)))
                    .Contains("Mã không đúng", StringComparison.Ordinal),
                $"{(int)answer.StatusCode} {location} {string.Join("\n", app.Log.Errors)}"
            );
        }

        return signedIn;
    }

    /// <summary>Waits, when the 30-second step is near its end, for the next one, so that the test's step and the
    /// server's are the same throughout.</summary>
    private static long FreshStep()
    {
        var intoStep = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30;
        if (intoStep > 18)
        {
            Thread.Sleep(TimeSpan.FromSeconds(30 - intoStep + 1));
        }

        return Totp.CurrentStep;
    }

    [Fact]
    public async Task A_code_is_taken_from_the_present_step_or_one_either_side_and_only_once()
    {
        var leader = await app.CreateAccountAsync(Role.Leader, app.Tree.C1);
        var key = leader.AuthenticatorKey!;
        var step = FreshStep();

        // Two steps away (a minute old, or a minute ahead): refused.
        Assert.False(await SignsInWithAsync(leader, Totp.AtStep(key, step - 2)));
        Assert.False(await SignsInWithAsync(leader, Totp.AtStep(key, step + 2)));
        // The step before: taken; then the present one.
        Assert.True(await SignsInWithAsync(leader, Totp.AtStep(key, step - 1)));
        Assert.True(await SignsInWithAsync(leader, Totp.AtStep(key, step)));
        // The same code again, on another browser within its half minute: refused; so is the older one.
        Assert.False(await SignsInWithAsync(leader, Totp.AtStep(key, step)));
        Assert.False(await SignsInWithAsync(leader, Totp.AtStep(key, step - 1)));
        // The app's next code is still good.
        Assert.True(await SignsInWithAsync(leader, Totp.AtStep(key, step + 1)));
        Assert.True(step == Totp.CurrentStep, "the test crossed a step boundary; its figures would not hold");
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_do_not_both_get_in()
    {
        var leader = await app.CreateAccountAsync(Role.Leader, app.Tree.C1);
        var step = FreshStep();
        var code = Totp.AtStep(leader.AuthenticatorKey!, step);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SignsInWithAsync(leader, code)));
        Assert.Equal(1, results.Count(r => r));
    }
}
