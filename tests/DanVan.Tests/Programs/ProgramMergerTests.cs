using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Programs;

/// <summary>
/// A commune merged mid-year: its program of the year carries over to its successor (which had none) with its items still
/// implementing the province's, and the province's matrix counts them in the successor's column; a merged commune whose
/// successor has its own program keeps its program as history, its items counted in the successor's column all the same;
/// its commitments at a conference become the successor's.
/// </summary>
public sealed class ProgramMergerTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;

    private Task<Unit> AddCommuneAsync(string code, string name) =>
        app.WithDbAsync(async db =>
        {
            var unit = new Unit
            {
                Code = code,
                Name = name,
                Kind = UnitKind.Commune,
                ValidFrom = new DateOnly(2025, 7, 1),
            };
            unit.SearchText = TextSearch.Normalize($"{name} {code}");
            UnitRules.PlaceUnder(unit, app.Tree.P1);
            await UnitRules.InsertAsync(db, [unit], CancellationToken.None);
            return unit;
        });

    private static object Body(int unitId, string title, int? parent) =>
        new
        {
            unitId,
            year = Year,
            kind = "WorkProgram",
            title,
            parentProgramId = parent,
        };

    private async Task<int> ProgramAsync(
        HttpClient client,
        int unitId,
        string title,
        int? parent,
        params int[] parentItems
    )
    {
        var id = (await ApiJson.OkAsync(await client.PostAsJsonAsync("/api/v1/programs", Body(unitId, title, parent))))
            .GetProperty("id")
            .GetInt32();
        foreach (var item in parentItems)
        {
            await ApiJson.OkAsync(
                await client.PostAsJsonAsync(
                    $"/api/v1/programs/{id}/items",
                    new { task = "Nhiệm vụ " + item, parentItemId = item }
                )
            );
        }

        return id;
    }

    [Fact]
    public async Task A_merged_communes_program_carries_over_and_counts_for_its_successor()
    {
        var t = app.Tree;
        var a = await AddCommuneAsync("T93101", "Xã Hợp An");
        var b = await AddCommuneAsync("T93102", "Xã Hợp Bình");
        var c = await AddCommuneAsync("T93103", "Xã Hợp Cát");
        var d = await AddCommuneAsync("T93104", "Xã Hợp Đông");
        var provinceOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
        var provinceLeader = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Leader, t.P1));
        var administrator = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, t.P1));

        // The province's program, published, with two items.
        var province = await ProgramAsync(provinceOfficer, t.P1.Id, "Chương trình của tỉnh", null);
        var items = new List<int>();
        foreach (var task in new[] { "Tuyên truyền", "Đối thoại" })
        {
            var program = await ApiJson.OkAsync(
                await provinceOfficer.PostAsJsonAsync($"/api/v1/programs/{province}/items", new { task })
            );
            items.Add(program.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetInt32());
        }

        async Task StepAsync(HttpClient client, int id, object body) =>
            await ApiJson.OkAsync(await client.PostAsJsonAsync($"/api/v1/programs/{id}/steps", body));
        async Task<int> VersionAsync(int id) =>
            (await ApiJson.OkAsync(await provinceOfficer.GetAsync($"/api/v1/programs/{id}")))
                .GetProperty("version")
                .GetInt32();
        await StepAsync(provinceOfficer, province, new { action = "Submit", version = await VersionAsync(province) });
        await StepAsync(
            provinceLeader,
            province,
            new
            {
                action = "Approve",
                version = await VersionAsync(province),
                decisionNumber = "01-QĐ/TU",
                decisionDate = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"),
                approvingBody = "Ban Thường vụ Tỉnh ủy",
            }
        );
        await StepAsync(provinceOfficer, province, new { action = "Publish", version = await VersionAsync(province) });

        // A concretizes both items; B has no program. C implements one item; D has its own program.
        var aProgram = await ProgramAsync(
            await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, a)),
            a.Id,
            "Chương trình xã Hợp An",
            province,
            [.. items]
        );
        var cProgram = await ProgramAsync(
            await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, c)),
            c.Id,
            "Chương trình xã Hợp Cát",
            province,
            items[0]
        );
        var dProgram = await ProgramAsync(
            await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, d)),
            d.Id,
            "Chương trình xã Hợp Đông",
            province
        );

        // C committed at a conference of the province to replicate a model.
        var model = (
            await DanVan.Tests.Models.ModelData.RegisterAsync(
                app,
                await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.P1)),
                app.Tree.P1,
                "Mô hình của tỉnh"
            )
        )
            .GetProperty("id")
            .GetInt32();
        var commitment = await app.WithDbAsync(async db =>
        {
            var p1 = app.Tree.P1;
            var conference = new DanVan.Web.Features.Programs.ThematicConference
            {
                UnitId = p1.Id,
                ProvinceId = p1.ProvinceId,
                UnitLevel = p1.Level,
                Type = DanVan.Web.Features.Programs.ConferenceType.SkilledMobilization,
                Title = "Hội nghị",
                HeldOn = DateOnly.FromDateTime(DateTime.UtcNow),
                SearchText = "hoi nghi",
            };
            db.Conferences.Add(conference);
            await db.SaveChangesAsync();
            var taking = new DanVan.Web.Features.Programs.ConferenceUnit
            {
                ConferenceId = conference.Id,
                ParticipantId = c.Id,
            };
            conference.StampOnto(taking);
            db.ConferenceUnits.Add(taking);
            var row = new DanVan.Web.Features.Programs.ConferenceCommitment
            {
                ConferenceId = conference.Id,
                UnitId = c.Id,
                ProvinceId = c.ProvinceId,
                CommuneId = c.Id,
                UnitLevel = c.Level,
                ModelId = model,
                DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            };
            db.ConferenceCommitments.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        foreach (var (source, target) in new[] { (a, b), (c, d) })
        {
            var merged = await administrator.PostAsJsonAsync(
                "/api/v1/units/merge",
                new
                {
                    sourceIds = new[] { source.Id },
                    targetId = target.Id,
                    effectiveDate = today,
                }
            );
            Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());
        }

        // A's program is B's now, says where it came from, and B's officers carry it on.
        var carried = await app.WithDbAsync(db => db.WorkPrograms.AsNoTracking().SingleAsync(p => p.Id == aProgram));
        Assert.Equal(b.Id, carried.UnitId);
        Assert.Equal("Xã Hợp An", carried.CarriedFrom);
        Assert.Equal(
            2,
            await app.WithDbAsync(db =>
                db.ProgramItems.CountAsync(i => i.ProgramId == aProgram && i.UnitId == b.Id && i.CommuneId == b.Id)
            )
        );
        var bOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, b));
        await ApiJson.OkAsync(
            await bOfficer.PostAsJsonAsync($"/api/v1/programs/{aProgram}/items", new { task = "Nhiệm vụ của xã mới" })
        );
        // C's stays C's (D has its own), re-pointed under D.
        var kept = await app.WithDbAsync(db => db.WorkPrograms.AsNoTracking().SingleAsync(p => p.Id == cProgram));
        Assert.Equal(c.Id, kept.UnitId);
        Assert.Equal(d.Id, kept.CommuneId);
        Assert.NotEqual(dProgram, cProgram);

        // The matrix: no column for A or C; B's column is the carried program with both items, D's counts C's item.
        var matrix = await ApiJson.OkAsync(await provinceOfficer.GetAsync($"/api/v1/programs/{province}/coverage"));
        var columns = matrix
            .GetProperty("columns")
            .EnumerateArray()
            .ToDictionary(x => x.GetProperty("unitId").GetInt32());
        Assert.False(columns.ContainsKey(a.Id));
        Assert.False(columns.ContainsKey(c.Id));
        Assert.Equal(aProgram, columns[b.Id].GetProperty("programId").GetInt32());
        Assert.Equal(2, columns[b.Id].GetProperty("covered").GetInt32());
        Assert.Equal(dProgram, columns[d.Id].GetProperty("programId").GetInt32());
        Assert.Equal(1, columns[d.Id].GetProperty("covered").GetInt32());
        Assert.Equal(JsonValueKind.Array, matrix.GetProperty("cells").ValueKind);

        // C's commitment is D's to keep; the figures moved with the rows (the summary rows equal the recompute).
        var moved = await app.WithDbAsync(db =>
            db.ConferenceCommitments.AsNoTracking().SingleAsync(x => x.Id == commitment)
        );
        Assert.Equal((d.Id, d.Id), (moved.UnitId, moved.CommuneId));
        Assert.True(
            await app.WithDbAsync(db =>
                db.ConferenceUnits.AnyAsync(x => x.ConferenceId == moved.ConferenceId && x.ParticipantId == d.Id)
            )
        );
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(
            await scope
                .ServiceProvider.GetRequiredService<DanVan.Web.Features.Statistics.StatisticCheck>()
                .CompareAsync(null, CancellationToken.None)
        );
    }
}
