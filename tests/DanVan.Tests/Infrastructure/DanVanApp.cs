using System.Net;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Tests.Infrastructure;

/// <summary>
/// The real application over a private database, with intent methods for tests: seed the standard tree,
/// create accounts in a role at a unit, sign in through the real pages (second factor included).
/// </summary>
public class DanVanApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Danvan-Test-Passphrase-7";

    private TestDatabase? database;
    private int accountCounter;

    public TestTree Tree { get; private set; } = default!;

    /// <summary>Everything the server logged at Error level or above.</summary>
    public ServerLog Log { get; } = new();

    public DatabaseProvider Provider => TestDatabase.Provider;

    /// <summary>The private database's connection string (a second instance on the same database uses it).</summary>
    public string ConnectionString => database!.ConnectionString;

    /// <summary>Sign-in posts allowed per minute and address; the rate-limit test lowers it.</summary>
    protected virtual int SignInPermitLimit => 100_000;

    /// <summary>Tracking-code lookups allowed per minute and address; the rate-limit test lowers it.</summary>
    protected virtual int TrackingPermitLimit => 100_000;

    public virtual async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await BeforeStartAsync();
        _ = Services; // start the host: runs the app's startup (migrations are already applied)
        Tree = await TestTree.SeedAsync(this);
    }

    /// <summary>Runs once the private database exists and before the app starts on it.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Default", database!.ConnectionString);
        builder.UseSetting(
            "Security:SignInPermitLimit",
            SignInPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting(
            "Security:TrackingPermitLimit",
            TrackingPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Log);
            if (LogFile.Folder is not null)
            {
                logging.AddProvider(new LogFile());
            }
        });
        builder.ConfigureServices(ConfigureTestServices);
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
        // Password hashing stays real but cheaper, so that hundreds of test sign-ins take seconds, not minutes.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        // The test server has no client address; a test that needs one (the audit trail records it) sends it in a
        // header.
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>();
    }

    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(
            Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next
        ) =>
            app =>
            {
                app.Use(
                    (HttpContext context, RequestDelegate proceed) =>
                    {
                        if (
                            context.Request.Headers.TryGetValue(ClientAddressHeader, out var value)
                            && System.Net.IPAddress.TryParse(value, out var address)
                        )
                        {
                            context.Connection.RemoteIpAddress = address;
                        }

                        return proceed(context);
                    }
                );
                next(app);
            };
    }

    /// <summary>A database context acting as the system, for seeding and for checking what was written.</summary>
    public async Task<T> WithDbAsync<T>(Func<DanVanDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        db.Actor = CurrentUser.System(Tree?.Root.Id ?? 1);
        return await work(db);
    }

    public Task WithDbAsync(Func<DanVanDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    /// <summary>Creates an account holding <paramref name="role"/> at <paramref name="unit"/> (2FA set up when the role
    /// needs it).</summary>
    public async Task<TestAccount> CreateAccountAsync(
        Role role,
        Unit unit,
        int? organizationId = null,
        string? email = null,
        bool enrollTwoFactor = true
    )
    {
        email ??= $"{role.ToString().ToLowerInvariant()}{Interlocked.Increment(ref accountCounter)}@test.danvan";
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        db.Actor = CurrentUser.System(Tree.Root.Id);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (role == Role.AgencyHandler && organizationId is null)
        {
            organizationId = await db
                .Organizations.Where(o => o.UnitId == unit.Id)
                .Select(o => (int?)o.Id)
                .FirstOrDefaultAsync();
        }

        var account = new Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = $"Test {role} {unit.Name}",
            HomeUnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            VillageId = unit.VillageId,
            CreatedAt = DateTime.UtcNow,
            ActiveUnitId = unit.Id,
            Assignments =
            [
                new Assignment
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Role = role,
                    OrganizationId = organizationId,
                    CreatedAt = DateTime.UtcNow,
                },
            ],
        };
        var created = await users.CreateAsync(account, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        string? key = null;
        if (RolePermissions.RequiresTwoFactor(role) && enrollTwoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
            await users.SetTwoFactorEnabledAsync(account, true);
        }

        return new TestAccount(account.Id, email, Password, key, role, unit);
    }

    /// <summary>Gives an existing test account one more role (as a system administrator would).</summary>
    public Task GrantAsync(TestAccount account, Role role, Unit unit, int? organizationId = null) =>
        WithDbAsync(async db =>
        {
            db.Assignments.Add(
                new Assignment
                {
                    AccountId = account.Id,
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Role = role,
                    OrganizationId = organizationId,
                    CreatedAt = DateTime.UtcNow,
                }
            );
            await db.SaveChangesAsync();
        });

    /// <summary>Signs in through the real sign-in pages and returns a client that carries the session cookie.</summary>
    public async Task<PageClient> SignInAsync(TestAccount account, PageClient? client = null)
    {
        client ??= NewPageClient();
        var response = await client.SubmitFormAsync(
            "/account/login",
            "login",
            new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password }
        );
        var location = response.Headers.Location?.ToString() ?? "";
        if (location.Contains("two-factor", StringComparison.Ordinal))
        {
            Assert.NotNull(account.AuthenticatorKey);
            response = await client.SubmitFormAsync(
                location,
                "login-2fa",
                new()
                {
                    ["Input.Code"] = Totp.Now(account.AuthenticatorKey!, Services.GetRequiredService<TimeProvider>()),
                }
            );
            location = response.Headers.Location?.ToString() ?? "";
        }

        Assert.True(
            response.StatusCode == System.Net.HttpStatusCode.Redirect
                && !location.Contains("/account/login", StringComparison.Ordinal),
            $"Sign-in of {account.Email} failed: {(int)response.StatusCode} → {location}"
        );
        return client;
    }

    /// <summary>A page client keeping its cookies in <paramref name="cookies"/>, which a client of another instance
    /// may share.</summary>
    public PageClient NewPageClient(System.Net.CookieContainer cookies) =>
        new(CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));

    /// <summary>Asks for <paramref name="path"/> with exactly this cookie header and no jar, as a stolen or forged copy
    /// of a cookie would be sent.</summary>
    public async Task<HttpStatusCode> StatusWithCookieAsync(string cookieHeader, string path = "/units")
    {
        using var http = CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }
        );
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return (await http.SendAsync(request)).StatusCode;
    }

    public PageClient NewPageClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>
    /// A live personal token of the account, tied to its security stamp as the token page makes them (a password reset
    /// ends it): its id, and its secret for an API client.
    /// </summary>
    public async Task<(int Id, string Secret)> AddTokenAsync(int accountId, string name = "test")
    {
        var (secret, hash, prefix) = TokenAuthentication.NewToken();
        var id = await WithDbAsync(async db =>
        {
            var stamp = await db.Users.Where(a => a.Id == accountId).Select(a => a.SecurityStamp).SingleAsync();
            var token = new ApiToken
            {
                AccountId = accountId,
                Name = name,
                TokenHash = hash,
                Prefix = prefix,
                StampHash = TokenAuthentication.StampHash(stamp),
                CreatedAt = db.UtcNow,
                ExpiresAt = db.UtcNow.AddDays(1),
            };
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            return token.Id;
        });
        return (id, secret);
    }

    /// <summary>An API client with a fresh personal token of the account.</summary>
    public async Task<HttpClient> ApiClientAsync(TestAccount account)
    {
        var (_, secret) = await AddTokenAsync(account.Id);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            secret
        );
        return client;
    }
}

public sealed record TestAccount(int Id, string Email, string Password, string? AuthenticatorKey, Role Role, Unit Unit);
