using System.Globalization;
using System.Net.Http.Json;
using DanVan.Bench.Benchmarks.Data;
using DanVan.Bench.Benchmarks.Http;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Bench.Benchmarks.Crash;

/// <summary>
/// Where the reliability runs (<c>crash</c>, <c>failover</c>) work in the generated data set: the province with the
/// most villages, its first village, the first petition category, and a province officer of it — with the API
/// requests they send.
/// </summary>
internal sealed record TrialSite(int Province, int Village, int Category, BenchUser Officer, string Email)
{
    public static async Task<TrialSite> LocateAsync(BenchContext context, CancellationToken ct)
    {
        int province,
            village,
            category;
        await using (var scope = context.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            province = await db
                .Units.Where(u => u.Level == UnitLevel.Village && u.ValidTo == null)
                .GroupBy(u => u.ProvinceId!.Value)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key)
                .Select(g => g.Key)
                .FirstAsync(ct);
            village = await db
                .Units.Where(u => u.ProvinceId == province && u.Level == UnitLevel.Village && u.ValidTo == null)
                .OrderBy(u => u.Id)
                .Select(u => u.Id)
                .FirstAsync(ct);
            category = await db
                .PetitionCategories.Where(c => c.IsActive)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .FirstAsync(ct);
        }

        var officer = await BenchUser.SignInAsync(context, "officer", province, ct);
        await using var read = context.Services.CreateAsyncScope();
        var email = await read
            .ServiceProvider.GetRequiredService<DanVanDbContext>()
            .Users.Where(a => a.Id == officer.AccountId)
            .Select(a => a.Email!)
            .SingleAsync(ct);
        return new TrialSite(province, village, category, officer, email);
    }

    /// <summary>An API token of the officer, made through the app's pages at <paramref name="address"/>.</summary>
    public async Task<string> TokenAsync(Uri address, string name, CancellationToken ct)
    {
        using var site = new SiteClient(address);
        await site.SignInAsync(Email, HttpScene.Password, ct);
        return await site.CreateTokenAsync(name, ct);
    }

    /// <summary>An API client with the token, talking to the app as a TLS-terminating proxy on the host does.</summary>
    public static HttpClient Client(Uri address, string token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            token
        );
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>A petition recorded at a reception day in the village, under an idempotency key; the same title and key
    /// make the same request again (a client's retry).</summary>
    public HttpRequestMessage Petition(string title, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions")
        {
            Content = JsonContent.Create(
                new Dictionary<string, object?>
                {
                    ["unitId"] = Village,
                    ["channel"] = "Reception",
                    ["receivedOn"] = DateOnly
                        .FromDateTime(DateTime.UtcNow.AddHours(7))
                        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["categoryId"] = Category,
                    ["title"] = title,
                    ["content"] = "Đề nghị kiểm tra đường điện thôn sau mưa bão.",
                    ["petitionerKind"] = "Citizen",
                    ["petitionerName"] = "Người Kiểm Thử",
                }
            ),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
