using System.Net;
using DanVan.Demo;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace DanVan.E2E.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a loopback port over a private SQLite file, loaded once per run with the
/// Bắc Ninh demo data, and one headless Chromium (Debian's, never a downloaded one) to look at it.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    /// <summary>The published password of every demo account.</summary>
    public const string Password = "DanVan-Demo-2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "danvan-e2e", Guid.NewGuid().ToString("N"));
    private DemoHost? host;
    private IPlaywright? playwright;

    public Uri BaseUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Everything the server logged at Error level or above during the run.</summary>
    public ServerLog Log { get; } = new();

    public Authenticators Authenticators { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        // The screenshots show this run only.
        foreach (var old in Directory.EnumerateFiles(RepoPaths.Screenshots, "*.png"))
        {
            File.Delete(old);
        }

        var database = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "e2e.db"),
            Pooling = false,
        }.ToString();
        host = new DemoHost(database, Log);
        host.StartServer();
        var addresses = host
            .Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses;
        BaseUrl = new Uri(addresses.Single());

        // What `--demo` does at start-up; the factory does not pass our arguments to Program.
        await DemoSeeder.SeedAsync(host.Services, TextWriter.Null);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(
            new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
    }

    /// <summary>
    /// One more leader (of the province unless another unit's code is given), without a second factor yet, for
    /// a test that must go through the first-sign-in set-up without taking a demo account another test relies on.
    /// </summary>
    public Task<string> CreateLeaderAsync(string email, string unitCode = BacNinhDemo.ProvinceCode) =>
        CreateAccountAsync(email, DanVan.Web.Infrastructure.Auth.Role.Leader, unitCode, "Lãnh đạo kiểm thử");

    /// <summary>A new account with <see cref="Password"/> and one role at the unit; with
    /// <paramref name="setByAdministrator"/> its password is an initial one, as after an administrator's reset.</summary>
    public async Task<string> CreateAccountAsync(
        string email,
        DanVan.Web.Infrastructure.Auth.Role role,
        string unitCode = BacNinhDemo.ProvinceCode,
        string displayName = "Cán bộ kiểm thử",
        bool setByAdministrator = false
    )
    {
        await using var scope = host!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVan.Web.Infrastructure.Data.DanVanDbContext>();
        var users =
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DanVan.Web.Features.Accounts.Account>>();
        var unit = db.Units.Single(u => u.Code == unitCode && u.ValidTo == null);
        db.Actor = DanVan.Web.Infrastructure.Auth.CurrentUser.System(
            db.Units.Single(u => u.Level == DanVan.Web.Features.Units.UnitLevel.Central).Id
        );
        var account = new DanVan.Web.Features.Accounts.Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            HomeUnitId = unit.Id,
            ProvinceId = unit.ProvinceId,
            CommuneId = unit.CommuneId,
            CreatedAt = DateTime.UtcNow,
            ActiveUnitId = unit.Id,
            Assignments =
            [
                new()
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    Role = role,
                    CreatedAt = DateTime.UtcNow,
                },
            ],
        };
        var result = await users.CreateAsync(account, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (setByAdministrator)
        {
            await DanVan.Web.Features.Accounts.InitialPasswords.MarkAsync(db, account.Id);
            await db.SaveChangesAsync();
        }

        return email;
    }

    /// <summary>Notifies a demo account as a feature would (one urgent, a long subject), so pages show the badge and
    /// the list has rows.</summary>
    public async Task NotifyAsync(string email)
    {
        await using var scope = host!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVan.Web.Infrastructure.Data.DanVanDbContext>();
        db.Actor = DanVan.Web.Infrastructure.Auth.CurrentUser.System(
            db.Units.Single(u => u.Level == DanVan.Web.Features.Units.UnitLevel.Central).Id
        );
        var account = db.Users.Single(u => u.Email == email).Id;
        var notifier = new DanVan.Web.Features.Notifications.Notifier(db, TimeProvider.System);
        notifier.Notify(
            [account],
            DanVan.Web.Features.Notifications.NotificationKind.PetitionOverdue,
            "KN-2026-000123 Đường liên thôn Đông Khê – Tây Khê ngập nước sau mưa lớn kéo dài",
            "/models"
        );
        notifier.Notify(
            [account],
            DanVan.Web.Features.Notifications.NotificationKind.PetitionEscalated,
            "KN-2026-000124",
            "/models",
            urgent: true
        );
        await db.SaveChangesAsync();
        // One already read, to show both states.
        var read = await db.Notifications.Where(n => n.AccountId == account).OrderBy(n => n.Id).FirstAsync();
        read.ReadAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    /// <summary>Runs the overdue sweep now, as the background job would (it is off in the Testing
    /// environment).</summary>
    public async Task<DanVan.Web.Features.Petitions.SweepResult> SweepPetitionsAsync()
    {
        await using var scope = host!.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<DanVan.Web.Features.Petitions.PetitionDeadlines>()
            .RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the queued background exports now, as the background job would (it is off in the Testing
    /// environment).</summary>
    public Task<int> RunExportsAsync() =>
        host!
            .Services.GetRequiredService<DanVan.Web.Infrastructure.Exports.BackgroundExports>()
            .RunPendingAsync(CancellationToken.None);

    private const string CampaignName = "Ra quân di dời mộ, bàn giao mặt bằng đường Vành đai 4 qua Tiên Du";

    private (int Id, int CommuneId)? campaign;

    /// <summary>
    /// The campaign the tours enter figures into, and the commune whose villages report: a small one of Tiên Du's
    /// villages
    /// made here once through the app's own handlers (two daily indicators and a weekly one, ten days of figures with
    /// some
    /// villages behind), so the tests know its indicators whatever campaigns the demo data brings.
    /// </summary>
    public async Task<(int Id, int CommuneId)> CampaignAsync()
    {
        if (campaign is { } known)
        {
            return known;
        }

        await using var scope = host!.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DanVan.Web.Infrastructure.Data.DanVanDbContext>();
        var root = await db.Units.SingleAsync(u => u.Level == UnitLevel.Central);
        var admin = await db.Users.SingleAsync(u => u.Email == PageTour.Administrator);
        services
            .GetRequiredService<DanVan.Web.Infrastructure.Auth.CurrentUser>()
            .SignedIn(
                admin.Id,
                admin.DisplayName,
                true,
                [
                    new(
                        0,
                        DanVan.Web.Infrastructure.Auth.Role.SystemAdministrator,
                        root.Id,
                        root.Name,
                        root.Level,
                        null,
                        null,
                        null,
                        null
                    ),
                ],
                root.Id
            );
        // Found by its name, so the tours do not depend on whatever campaigns the demo data brings.
        var existing = await db
            .Campaigns.Where(c => c.Name == CampaignName)
            .Select(c => new { c.Id, c.UnitId })
            .FirstOrDefaultAsync();
        if (existing is not null)
        {
            campaign = (existing.Id, existing.UnitId);
            return campaign.Value;
        }

        var commune = await db.Units.SingleAsync(u => u.Code == BacNinhDemo.CommuneCode && u.ValidTo == null);
        var today = DanVan.Web.Infrastructure.Localization.VietnamTime.Today(TimeProvider.System);
        var create = services.GetRequiredService<CreateCampaign>();
        var created = await create.HandleAsync(
            new CampaignInput
            {
                UnitId = commune.Id,
                Name = CampaignName,
                Purpose = "Bàn giao mặt bằng đúng tiến độ",
                StartsOn = today.AddDays(-20),
                EndsOn = today.AddDays(10),
                ReportingLevel = UnitLevel.Village,
            },
            CancellationToken.None
        );
        var id = created.Value;
        Assert.True(created.IsOk, created.Error?.Message);
        var saveIndicator = services.GetRequiredService<SaveIndicator>();
        var indicators = new List<int>();
        foreach (
            var (name, measure, decimals, frequency, target) in new[]
            {
                ("Mộ đã di dời", MeasureUnit.Graves, 0, ReportingFrequency.Daily, 600m),
                ("Diện tích mặt bằng đã bàn giao", MeasureUnit.SquareMetres, 1, ReportingFrequency.Daily, 25_000m),
                ("Hộ dân đã ký biên bản", MeasureUnit.Households, 0, ReportingFrequency.Weekly, 120m),
            }
        )
        {
            var added = await saveIndicator.HandleAsync(
                id,
                null,
                new IndicatorInput
                {
                    Name = name,
                    Measure = measure,
                    Aggregation = Aggregation.Sum,
                    Direction = IndicatorDirection.HigherIsBetter,
                    Frequency = frequency,
                    Decimals = decimals,
                    Target = target,
                },
                CancellationToken.None
            );
            Assert.True(added.IsOk, added.Error?.Message);
            indicators.Add(added.Value);
        }

        var version = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
        var running = await services
            .GetRequiredService<ChangeCampaignStatus>()
            .HandleAsync(id, new(CampaignStatus.Running, version), CancellationToken.None);
        Assert.True(running.IsOk, running.Error?.Message);

        // Ten days of figures; the last village of the list never reports and every third one is a day behind.
        var villages = await db
            .Units.Where(u => u.ParentId == commune.Id && u.ValidTo == null)
            .OrderBy(u => u.Name)
            .Select(u => u.Id)
            .ToListAsync();
        var figures = new List<FigureInput>();
        for (var day = today.AddDays(-10); day <= today; day = day.AddDays(1))
        {
            for (var v = 0; v < villages.Count - 1; v++)
            {
                if (day == today && v % 3 == 0)
                {
                    continue;
                }

                figures.Add(new(villages[v], indicators[0], day, (v + day.Day) % 7));
                figures.Add(new(villages[v], indicators[1], day, ((v * 37) + (day.Day * 11)) % 400 + 0.5m));
            }
        }

        var entered = await services
            .GetRequiredService<EnterFigures>()
            .HandleAsync(id, figures, FigureSource.Api, CancellationToken.None);
        Assert.True(entered.IsOk, entered.Error?.Message);
        campaign = (id, commune.Id);
        return campaign.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a folder in /tmp behind.
        }
    }

    /// <summary>A fresh browser context (no cookies: Vietnamese, signed out) with one page.</summary>
    public Task<BrowserSession> OpenAsync(
        string name,
        int width = 1280,
        int height = 800,
        bool bypassContentSecurityPolicy = false,
        bool serviceWorkers = true
    ) => BrowserSession.OpenAsync(this, name, width, height, bypassContentSecurityPolicy, serviceWorkers);

    private sealed class DemoHost : WebApplicationFactory<Program>
    {
        private readonly string connectionString;
        private readonly ServerLog log;

        public DemoHost(string connectionString, ServerLog log)
        {
            this.connectionString = connectionString;
            this.log = log;
            // Port 0: the system picks a free port, read back from the server after it starts.
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the host does not read the build's static web asset manifest by itself, and
            // MapStaticAssets then fails to find _framework/blazor.web.js (it lives in a NuGet package).
            builder.UseStaticWebAssets();
            builder.UseSetting("Database:Provider", "sqlite");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            // Every test signs in several times from the same address; the per-minute limit is tested elsewhere.
            builder.UseSetting("Security:SignInPermitLimit", "100000");
            builder.ConfigureLogging(logging => logging.AddProvider(log));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoSiteCollection : ICollectionFixture<DemoSite>
{
    public const string Name = "demo site";
}
