using DanVan.Bench.Generate;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Http;

/// <summary>Where the HTTP bars look: the first province of the generated tree, its officer (signed in over HTTP),
/// its first campaign, and the running app.</summary>
internal sealed class HttpScene(BenchContext context, AppProcess app, SiteClient client, HttpScene.Place place)
{
    /// <summary>The search word of the model search: "kênh mương" is one of the generator's words
    /// (NationalData.Words), written as the search normalizes it.</summary>
    public const string SearchWord = "muong";

    public const string Password = NationalData.Password;

    public BenchContext Context { get; } = context;

    public AppProcess App { get; } = app;

    /// <summary>Signed in as <see cref="Officer"/>.</summary>
    public SiteClient Client { get; } = client;

    public int Province => place.Province;

    public string Officer => place.Officer;

    public int? Campaign => place.Campaign;

    /// <summary>Starts the app, signs the province's officer in through the sign-in page.</summary>
    public static async Task<HttpScene> StartAsync(BenchContext context, Place place, CancellationToken ct)
    {
        var app = await AppProcess.StartAsync(context, ct);
        var client = new SiteClient(app.BaseAddress);
        try
        {
            context.Say($"The app answers at {app.BaseAddress} (process {app.Id}); signing in as {place.Officer}");
            await client.SignInAsync(place.Officer, Password, ct);
            return new HttpScene(context, app, client, place);
        }
        catch
        {
            client.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>The ids the bars need, read once from the generated database.</summary>
    public sealed record Place(int Province, string Officer, int? Campaign)
    {
        public static async Task<Place> ReadAsync(BenchContext context, CancellationToken ct)
        {
            var (_, province, _) = await context.LevelsAsync(ct);
            await using var scope = context.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var code = await db.Units.Where(u => u.Id == province).Select(u => u.Code).SingleAsync(ct);
            var campaign = await db
                .Campaigns.Where(c => c.UnitId == province)
                .OrderBy(c => c.Id)
                .Select(c => (int?)c.Id)
                .FirstOrDefaultAsync(ct);
            return new Place(province, $"bench.officer.{code.ToLowerInvariant()}@danvan.bench", campaign);
        }
    }
}
