using System.Globalization;
using System.Security.Claims;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// Runs the application's handlers in-process as a test account, without an HTTP request: for tests that push
/// hundreds of values through the same use cases, where the request pipeline (authentication, JSON, rendering)
/// would cost minutes and is covered by a sample sent over HTTP.
/// </summary>
public static class InProcess
{
    /// <summary>
    /// Runs <paramref name="work"/> in a fresh DI scope (one per call, as one request) whose current user is
    /// <paramref name="account"/> as a request with its API token sees it: the app's own
    /// <see cref="CurrentUserMiddleware"/> loads it (assignments in units in force, active unit; a disabled account
    /// is refused), in the culture requests get by default. <paramref name="account"/> null: nobody signed in.
    /// </summary>
    public static async Task<T> AsAsync<T>(
        this DanVanApp app,
        TestAccount? account,
        Func<IServiceProvider, Task<T>> work
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // What request localization gives a request without a language cookie (it flows into work, not back).
        var culture = CultureInfo.GetCultureInfo(Cultures.Default);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var context = new DefaultHttpContext { RequestServices = services };
        if (account is not null)
        {
            // The principal TokenAuthentication issues for a valid token of the account.
            var id = account.Id.ToString(CultureInfo.InvariantCulture);
            Claim[] claims = [new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, account.Email)];
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, TokenAuthentication.SchemeName));
        }

        var user = services.GetRequiredService<CurrentUser>();
        var reached = false;
        var middleware = new CurrentUserMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        var db = services.GetRequiredService<DanVanDbContext>();
        await middleware.InvokeAsync(context, user, db, services.GetRequiredService<IOptions<IdentityOptions>>());
        Assert.True(reached, "The current-user middleware ended the request.");
        Assert.True(account is null || user.AccountId == account.Id, $"{account?.Email} is not signed in (disabled?).");
        return await work(services);
    }

    /// <inheritdoc cref="AsAsync{T}(DanVanApp, TestAccount?, Func{IServiceProvider, Task{T}})"/>
    public static Task AsAsync(this DanVanApp app, TestAccount? account, Func<IServiceProvider, Task> work) =>
        app.AsAsync(account, async services =>
        {
            await work(services);
            return true;
        });
}
