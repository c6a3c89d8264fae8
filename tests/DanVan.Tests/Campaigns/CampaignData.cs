using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Campaigns;

/// <summary>The app on the fake clock (<see cref="FakeClockApp"/>), with the campaigns' checks: campaigns run from 17
/// October.</summary>
public class CampaignApp : FakeClockApp
{
    /// <summary>Compares every summary row of a campaign with a recompute from its raw figures and targets.</summary>
    public async Task<List<string>> CheckAsync(int campaignId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<CampaignRollup>()
            .CheckAsync(campaignId, CancellationToken.None);
    }

    /// <summary>Adds a unit under <paramref name="parent"/> (valid since 1 July 2025), as the standard tree's seeding
    /// does.</summary>
    public Task<Unit> AddUnitAsync(string code, string name, UnitKind kind, Unit parent) =>
        WithDbAsync(async db =>
        {
            var unit = new Unit
            {
                Code = code,
                Name = name,
                Kind = kind,
                ValidFrom = new DateOnly(2025, 7, 1),
            };
            unit.SearchText = TextSearch.Normalize($"{name} {code}");
            UnitRules.PlaceUnder(unit, parent);
            await UnitRules.InsertAsync(db, [unit], CancellationToken.None);
            return unit;
        });
}

public static class CampaignData
{
    public static readonly DateOnly From = new(2026, 10, 17);
    public static readonly DateOnly To = new(2026, 11, 30);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A message as the API words it: in Vietnamese, the language of a request without a chosen
    /// culture.</summary>
    public static string Say(string key, params object[] args) =>
        string.Format(
            Vietnamese,
            SharedResource.ResourceManager.GetString(key, Vietnamese) ?? throw new ArgumentException(key),
            args
        );

    /// <summary>A date as messages show it (dd/MM/yyyy in Vietnamese).</summary>
    public static string Shown(DateOnly day) => day.ToString("d", Vietnamese);

    /// <summary>The field errors of a 400 answer.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest,
            $"expected 400, was {(int)response.StatusCode}: {text}"
        );
        return JsonDocument
            .Parse(text)
            .RootElement.GetProperty("errors")
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    /// <summary>The detail of a problem answer with the expected status.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, was {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var detail)
            ? detail.GetString() ?? ""
            : "";
    }

    /// <summary>One figure as the API lists it.</summary>
    public sealed record StoredFigure(
        long Id,
        int UnitId,
        int IndicatorId,
        DateOnly Period,
        decimal Value,
        string? Note,
        int Version
    );

    /// <summary>Every figure of a campaign (one page of up to 5,000).</summary>
    public static async Task<List<StoredFigure>> FiguresAsync(HttpClient api, int campaignId, int? indicatorId = null)
    {
        var json = await ApiJson.OkAsync(
            await api.GetAsync(
                $"/api/v1/campaigns/{campaignId}/figures?limit=5000" + (indicatorId is { } i ? $"&indicatorId={i}" : "")
            )
        );
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
        return
        [
            .. json.GetProperty("items").EnumerateArray().Select(f => f.Deserialize<StoredFigure>(ApiJson.Options)!),
        ];
    }

    /// <summary>The rows of the targets page of one indicator, by unit.</summary>
    public static async Task<Dictionary<int, JsonElement>> TargetsAsync(
        HttpClient api,
        int campaignId,
        int indicatorId
    ) =>
        (await ApiJson.OkAsync(await api.GetAsync($"/api/v1/campaigns/{campaignId}/targets?indicatorId={indicatorId}")))
            .EnumerateArray()
            .ToDictionary(t => t.GetProperty("unitId").GetInt32());

    public static Task<HttpResponseMessage> SetTargetsAsync(
        HttpClient api,
        int campaignId,
        int indicatorId,
        params object[] targets
    ) => api.PutAsJsonAsync($"/api/v1/campaigns/{campaignId}/targets", new { indicatorId, targets });

    public static object Target(Unit unit, decimal? value, int version = 0) =>
        new
        {
            unitId = unit.Id,
            value,
            version,
        };

    public static Task<HttpResponseMessage> LockAsync(
        HttpClient api,
        int campaignId,
        string frequency,
        DateOnly period
    ) => api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/locks", new { frequency, period = Iso(period) });

    public static Task<HttpResponseMessage> UnlockAsync(
        HttpClient api,
        int campaignId,
        string frequency,
        DateOnly period
    ) => api.DeleteAsync($"/api/v1/campaigns/{campaignId}/locks?frequency={frequency}&period={Iso(period)}");

    public static async Task<JsonElement> DetailAsync(HttpClient api, int campaignId) =>
        await ApiJson.OkAsync(await api.GetAsync($"/api/v1/campaigns/{campaignId}"));

    public static Task<HttpResponseMessage> StatusAsync(HttpClient api, int campaignId, string status, int version) =>
        api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/status", new { status, version });

    /// <summary>A node's value and its cumulative series from the progress API.</summary>
    public static async Task<(
        decimal Actual,
        decimal Target,
        int Figures,
        List<(DateOnly Period, decimal Cumulative)> Series
    )> NodeAsync(HttpClient api, int campaignId, int indicatorId, Unit? node = null)
    {
        var progress = await ProgressAsync(api, campaignId, indicatorId, node);
        var self = progress.GetProperty("node");
        return (
            self.GetProperty("actual").GetDecimal(),
            self.GetProperty("target").GetDecimal(),
            self.GetProperty("figureCount").GetInt32(),
            [
                .. progress
                    .GetProperty("series")
                    .EnumerateArray()
                    .Select(p => (p.GetProperty("period").GetDateOnly(), p.GetProperty("cumulative").GetDecimal())),
            ]
        );
    }

    public static DateOnly GetDateOnly(this JsonElement element) =>
        DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Campaign(Unit unit, UnitLevel reporting, params Unit[] participants) =>
        new()
        {
            ["unitId"] = unit.Id,
            ["name"] = "30 ngày đêm di dời mộ, giải phóng mặt bằng Vành đai 4",
            ["purpose"] = "Bàn giao mặt bằng đúng tiến độ",
            ["startsOn"] = Iso(From),
            ["endsOn"] = Iso(To),
            ["reportingLevel"] = reporting.ToString(),
            ["participantIds"] = participants.Select(p => p.Id).ToArray(),
        };

    public static Dictionary<string, object?> Indicator(
        string name = "Mộ đã di dời",
        string aggregation = "Sum",
        string direction = "HigherIsBetter",
        decimal? target = null,
        int decimals = 0,
        string frequency = "Daily",
        bool allowNegative = false,
        string measure = "Graves"
    ) =>
        new()
        {
            ["name"] = name,
            ["measure"] = measure,
            ["aggregation"] = aggregation,
            ["direction"] = direction,
            ["frequency"] = frequency,
            ["decimals"] = decimals,
            ["target"] = target,
            ["allowNegative"] = allowNegative,
        };

    public static async Task<int> CreateAsync(HttpClient api, Dictionary<string, object?> campaign) =>
        (await ApiJson.OkAsync(await api.PostAsJsonAsync("/api/v1/campaigns", campaign))).GetProperty("id").GetInt32();

    public static async Task<int> AddIndicatorAsync(
        HttpClient api,
        int campaignId,
        Dictionary<string, object?> indicator
    ) =>
        (await ApiJson.OkAsync(await api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/indicators", indicator)))
            .GetProperty("id")
            .GetInt32();

    public static object Figure(
        Unit unit,
        int indicatorId,
        DateOnly period,
        decimal? value,
        int version = 0,
        string? note = null
    ) =>
        new
        {
            unitId = unit.Id,
            indicatorId,
            period = Iso(period),
            value,
            version,
            note,
        };

    public static Task<HttpResponseMessage> EnterAsync(HttpClient api, int campaignId, params object[] figures) =>
        api.PostAsJsonAsync($"/api/v1/campaigns/{campaignId}/figures", new { figures });

    public static async Task<JsonElement> ProgressAsync(
        HttpClient api,
        int campaignId,
        int indicatorId,
        Unit? node = null
    ) =>
        await ApiJson.OkAsync(
            await api.GetAsync(
                $"/api/v1/campaigns/{campaignId}/progress?indicatorId={indicatorId}"
                    + (node is null ? "" : $"&unitId={node.Id}")
            )
        );
}
