using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DanVan.Tests.Campaigns;

/// <summary>The app on a fake clock fixed at Monday 16 November 2026, 09:00 in Vietnam: campaigns run from 17 October.</summary>
public class CampaignApp : DanVanApp
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(7));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>Compares every summary row of a campaign with a recompute from its raw figures and targets.</summary>
    public async Task<List<string>> CheckAsync(int campaignId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignRollup>().CheckAsync(campaignId, CancellationToken.None);
    }
}

public static class CampaignData
{
    public static readonly DateOnly From = new(2026, 10, 17);
    public static readonly DateOnly To = new(2026, 11, 30);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Dictionary<string, object?> Campaign(Unit unit, UnitLevel reporting, params Unit[] participants) => new()
    {
        ["unitId"] = unit.Id, ["name"] = "30 ngày đêm di dời mộ, giải phóng mặt bằng Vành đai 4",
        ["purpose"] = "Bàn giao mặt bằng đúng tiến độ", ["startsOn"] = Iso(From), ["endsOn"] = Iso(To),
        ["reportingLevel"] = reporting.ToString(), ["participantIds"] = participants.Select(p => p.Id).ToArray(),
    };

    public static Dictionary<string, object?> Indicator(string name = "Mộ đã di dời", string aggregation = "Sum", string direction = "HigherIsBetter",
        decimal? target = null, int decimals = 0, string frequency = "Daily", bool allowNegative = false) => new()
        {
            ["name"] = name, ["measure"] = "Graves", ["aggregation"] = aggregation, ["direction"] = direction, ["frequency"] = frequency,
            ["decimals"] = decimals, ["target"] = target, ["allowNegative"] = allowNegative,
        };

    public static async Task<int> CreateAsync(HttpClient api, Dictionary<string, object?> campaign) =>
        (await JsonAsync(await api.PostAsJsonAsync("/api/v1/campaigns", campaign))).GetProperty("id").GetInt32();

    public static async Task<int> AddIndicatorAsync(HttpClient api, int campaignId, Dictionary<string, object?> indicator) =>
        (await JsonAsync(await api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/indicators", indicator))).GetProperty("id").GetInt32();

    public static object Figure(Unit unit, int indicatorId, DateOnly period, decimal? value, int version = 0) =>
        new { unitId = unit.Id, indicatorId, period = Iso(period), value, version };

    public static Task<HttpResponseMessage> EnterAsync(HttpClient api, int campaignId, params object[] figures) =>
        api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/figures", new { figures });

    public static async Task<JsonElement> ProgressAsync(HttpClient api, int campaignId, int indicatorId, Unit? node = null) =>
        await JsonAsync(await api.GetAsync($"/api/v1/campaigns/{campaignId}/progress?indicatorId={indicatorId}" + (node is null ? "" : $"&unitId={node.Id}")));
}
