using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>
/// The counts of models (registered, recognized; by field, kind and level) equal a direct count of the rows
/// for any subtree and period, on the API and the home page, and a merged unit's models count towards its
/// successor while staying on the old unit.
/// </summary>
public sealed class ModelCountTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task Counts_equal_a_direct_count_of_the_rows_for_every_subtree_and_period()
    {
        var tree = app.Tree;
        var units = new[] { tree.P1, tree.C1, tree.V1, tree.V2, tree.C2, tree.V3, tree.P2, tree.C3, tree.V4 };
        var random = new Random(7);
        await app.WithDbAsync(async db =>
        {
            var organizations = await db.Organizations.ToDictionaryAsync(o => o.UnitId, o => o.Id);
            var fields = await db.ModelFields.Select(x => x.Id).ToListAsync();
            var statuses = Enum.GetValues<ModelStatus>();
            for (var i = 0; i < 300; i++)
            {
                var unit = units[random.Next(units.Length)];
                var status = statuses[random.Next(statuses.Length)];
                var registered =
                    status == ModelStatus.Draft
                        ? (DateOnly?)null
                        : new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1200));
                var recognized =
                    status is ModelStatus.Recognized or ModelStatus.Commended or ModelStatus.NotRecognized
                    && random.Next(3) > 0
                        ? registered!.Value.AddDays(random.Next(30, 400))
                        : (DateOnly?)null;
                var model = new MobilizationModel
                {
                    OrganizationId = organizations[unit.Id],
                    FieldId = fields[random.Next(fields.Count)],
                    Kind = (ModelKind)random.Next(1, 4),
                    Name = $"Mô hình đếm {i}",
                    Status = status,
                    RegisteredOn = registered,
                    RecognizedOn = recognized,
                    RecognitionLevel = recognized is null ? null : (RecognitionLevel)random.Next(0, 3),
                    CreatedAt = DateTime.UtcNow,
                };
                ModelRules.PlaceIn(model, unit);
                model.SearchText = ModelRules.SearchTextOf(model);
                db.Models.Add(model);
            }

            await db.SaveChangesAsync();
        });

        var leader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, tree.Root));
        var rows = await app.WithDbAsync(db => db.Models.AsNoTracking().ToListAsync());
        var failures = new List<string>();
        foreach (var unit in new[] { tree.Root, tree.P1, tree.C1, tree.V1, tree.C3 })
        {
            foreach (
                var (from, to) in new (DateOnly?, DateOnly?)[]
                {
                    (null, null),
                    (new(2024, 1, 1), new(2024, 12, 31)),
                    (new(2025, 3, 1), new(2026, 2, 28)),
                }
            )
            {
                var inside = rows.Where(m =>
                        unit.Level switch
                        {
                            UnitLevel.Central => true,
                            UnitLevel.Province => m.ProvinceId == unit.Id,
                            UnitLevel.Commune => m.CommuneId == unit.Id,
                            _ => m.VillageId == unit.Id,
                        }
                    )
                    .ToList();
                bool InPeriod(DateOnly? d) => d is { } x && (from is null || x >= from) && (to is null || x <= to);
                var registered = inside.Count(m => InPeriod(m.RegisteredOn));
                var recognizedRows = inside
                    .Where(m => m.Status is ModelStatus.Recognized or ModelStatus.Commended && InPeriod(m.RecognizedOn))
                    .ToList();

                // The statistics catalogue's figures (the one definition the dashboards, the home page and the portal
                // read), for the months of the period.
                var query =
                    $"/api/v1/statistics?unitId={unit.Id}&period=custom"
                    + (from is null ? "&from=2020-01&to=2029-12" : $"&from={from:yyyy-MM}&to={to:yyyy-MM}");
                var response = await leader.GetAsync(query);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var figures = (await ApiJson.ReadAsync(response))
                    .GetProperty("figures")
                    .EnumerateArray()
                    .ToDictionary(f => f.GetProperty("key").GetString()!);
                int Value(string key) =>
                    figures[key].GetProperty("value") is { ValueKind: System.Text.Json.JsonValueKind.Number } v
                        ? (int)v.GetDouble()
                        : 0;
                int Part(string key, int breakdown) =>
                    figures[key].GetProperty("parts").TryGetProperty(breakdown.ToString(), out var v)
                        ? (int)v.GetDouble()
                        : 0;
                void Check(string what, int expected, int actual)
                {
                    if (expected != actual)
                    {
                        failures.Add($"{unit.Name} {from}–{to} {what}: expected {expected}, was {actual}");
                    }
                }

                Check("registered", registered, Value("models.registered"));
                Check("recognized", recognizedRows.Count, Value("models.recognized"));
                foreach (var level in Enum.GetValues<RecognitionLevel>())
                {
                    Check(
                        $"at {level}",
                        recognizedRows.Count(m => m.RecognitionLevel == level),
                        Part("models.recognized_by_level", (int)level)
                    );
                }

                foreach (var fieldId in inside.Select(m => m.FieldId).Distinct())
                {
                    Check(
                        $"field {fieldId} registered",
                        inside.Count(m => m.FieldId == fieldId && InPeriod(m.RegisteredOn)),
                        Part("models.registered", fieldId)
                    );
                    Check(
                        $"field {fieldId} recognized",
                        recognizedRows.Count(m => m.FieldId == fieldId),
                        Part("models.recognized", fieldId)
                    );
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_home_page_shows_this_years_counts_from_the_same_definition()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C3);
        var api = await app.ApiClientAsync(officer);
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(app, api, app.Tree.C3, $"Mô hình trang chủ {i}");
        }

        var year = DateTime.UtcNow.AddHours(7).Year;
        var expected = await app.WithDbAsync(db =>
            db.Models.CountAsync(m =>
                m.CommuneId == app.Tree.C3.Id
                && m.RegisteredOn >= new DateOnly(year, 1, 1)
                && m.RegisteredOn <= new DateOnly(year, 12, 31)
            )
        );
        using var pages = await app.SignInAsync(officer);
        var (_, home) = await pages.GetPageAsync("/");
        var figure = home.QuerySelectorAll("#models-title ~ .figures .figure").First();
        Assert.Equal(
            expected.ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")),
            figure.QuerySelector(".figure__value")!.TextContent.Trim()
        );
        Assert.True(expected >= 3);
    }

    [Fact]
    public async Task A_model_of_a_merged_unit_stays_on_it_and_counts_towards_the_successor()
    {
        var tree = app.Tree;
        var wardOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.V3));
        var model = await RegisterAsync(app, wardOfficer, tree.V3, "Mô hình của tổ dân phố trước sáp nhập");
        var id = model.GetProperty("id").GetInt32();
        var communeOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        Assert.Equal(HttpStatusCode.NotFound, (await communeOfficer.GetAsync($"/api/v1/models/{id}")).StatusCode);
        var before = await RegisteredAsync(communeOfficer, tree.C1);

        // Everything registered in the ward (this model and any other test's) moves over with it.
        var moving = await app.WithDbAsync(db =>
            db.Models.CountAsync(m => m.CommuneId == tree.C2.Id && m.RegisteredOn != null)
        );
        Assert.True(moving >= 1);
        var provinceAdmin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, tree.P1));
        var merge = await provinceAdmin.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { tree.C2.Id },
                targetId = tree.C1.Id,
                effectiveDate = "2026-07-01",
                moveChildren = false,
            }
        );
        Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync());

        var seen = await ApiJson.ReadAsync(await communeOfficer.GetAsync($"/api/v1/models/{id}"));
        Assert.Equal(tree.V3.Id, seen.GetProperty("unitId").GetInt32());
        Assert.Equal(before + moving, await RegisteredAsync(communeOfficer, tree.C1));
        var row = await app.WithDbAsync(db => db.Models.SingleAsync(m => m.Id == id));
        Assert.Equal((tree.V3.Id, tree.C1.Id), (row.UnitId, row.CommuneId!.Value));
    }

    /// <summary>The catalogue's models registered in a unit's subtree, all years.</summary>
    private static async Task<double> RegisteredAsync(HttpClient api, Unit unit) =>
        (
            await ApiJson.ReadAsync(
                await api.GetAsync($"/api/v1/statistics?unitId={unit.Id}&period=custom&from=2020-01&to=2029-12")
            )
        )
            .GetProperty("figures")
            .EnumerateArray()
            .Single(f => f.GetProperty("key").GetString() == "models.registered")
            .GetProperty("value")
            is { ValueKind: System.Text.Json.JsonValueKind.Number } value
            ? value.GetDouble()
            : 0; // "—": nothing of the section counted yet
}
