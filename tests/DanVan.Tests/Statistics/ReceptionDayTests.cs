using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;
using static DanVan.Tests.Petitions.PetitionData;
using static DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Tests.Statistics;

/// <summary>
/// Reception days have one definition: a periodic reception the head of the Party committee held in person, at most
/// one a unit and day. The reception page and the catalogue count the same days; the days due follow the rule (commune
/// 2, province 1 a month).
/// </summary>
public sealed class ReceptionDayTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private Dictionary<string, object?> Reception(DateOnly day, bool byHead) =>
        new(Conference(app.Tree.C1, day))
        {
            ["type"] = "PeriodicReception",
            ["heldByPartyHead"] = byHead,
            ["topic"] = "Tiếp công dân định kỳ",
        };

    [Fact]
    public async Task A_unit_records_one_reception_day_a_day_and_the_page_and_the_catalogue_count_the_same_days()
    {
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var first = new DateOnly(app.Today.Year, app.Today.Month, 1);
        var day = first < app.Today ? first : app.Today;

        var held = await officer.PostAsJsonAsync("/api/v1/dialogues", Reception(day, byHead: true));
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);

        // The same day again by the head: refused at the date, in Vietnamese, and nothing written.
        var again = await officer.PostAsJsonAsync("/api/v1/dialogues", Reception(day, byHead: true));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var message = (await ApiJson.ReadAsync(again)).GetProperty("errors").GetProperty("HeldOn")[0].GetString();
        Assert.Contains("đã có buổi tiếp dân định kỳ", message, StringComparison.Ordinal);
        Assert.Contains(day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), message);

        // A reception by someone else that day is a session, not a reception day; turning it into one is refused.
        var delegated = await officer.PostAsJsonAsync("/api/v1/dialogues", Reception(day, byHead: false));
        Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        var delegatedId = (await ApiJson.ReadAsync(delegated)).GetProperty("id").GetInt32();
        var version = (await ApiJson.OkAsync(await officer.GetAsync($"/api/v1/dialogues/{delegatedId}")))
            .GetProperty("version")
            .GetInt32();
        var edit = Reception(day, byHead: true);
        edit["version"] = version;
        var turned = await officer.PutAsJsonAsync($"/api/v1/dialogues/{delegatedId}", edit);
        Assert.Equal(HttpStatusCode.BadRequest, turned.StatusCode);

        var rows = await ApiJson.OkAsync(
            await officer.GetAsync($"/api/v1/dialogues/reception?unitId={app.Tree.C1.Id}")
        );
        var month = rows.EnumerateArray()
            .Single(r => r.GetProperty("unitId").GetInt32() == app.Tree.C1.Id)
            .GetProperty("months")
            .EnumerateArray()
            .Last();
        Assert.Equal((1, 2), (month.GetProperty("days").GetInt32(), month.GetProperty("required").GetInt32()));

        await using var scope = app.Services.CreateAsyncScope();
        var values = await scope
            .ServiceProvider.GetRequiredService<ReadStatistics>()
            .ValuesAsync(
                app.Tree.C1.Ref,
                StatisticPeriod.Containing(PeriodKind.Month, app.Today),
                app.Today,
                [Get(ReceptionDays), Get(ReceptionDaysDue), Get(ReceptionDaysShare), Get(DialogueSessions)],
                CancellationToken.None
            );
        Assert.Equal(1, values[ReceptionDays].Value);
        Assert.Equal(2, values[ReceptionDaysDue].Value);
        Assert.Equal(50, values[ReceptionDaysShare].Value);
        Assert.Equal(2, values[DialogueSessions].Value);
    }
}
