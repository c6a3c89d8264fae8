using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Personnel;

/// <summary>
/// A commune merged into another: its cadres' records move to the successor; a specialist's post ends the day before and
/// starts in the successor's body of the same type that day (so each unit counts her for her time); its head's post ends,
/// the successor's head being in post; the province's assignment to hold the merged commune passes to the successor, and
/// the group its body held becomes a group of the successor held by the successor's body. The staffing figures' summary
/// rows equal their recompute.
/// </summary>
public sealed class PersonnelMergerTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private Task<(Unit Unit, int Body)> CommuneAsync(string code, string name) =>
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
            var body = new Organization
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                Type = OrganizationType.PropagandaMobilizationCommission,
                Name = $"Ban Dân vận Đảng ủy {name}",
            };
            db.Organizations.Add(body);
            await db.SaveChangesAsync();
            return (unit, body.Id);
        });

    private Task<int> CadreAsync(Unit unit, int body, string name, CadrePost post, DateOnly from) =>
        app.WithDbAsync(async db =>
        {
            var cadre = new Cadre
            {
                UnitId = unit.Id,
                ProvinceId = unit.ProvinceId,
                CommuneId = unit.CommuneId,
                UnitLevel = unit.Level,
                FullName = name,
                BirthDate = new DateOnly(1985, 5, 5),
                Sex = Sex.Female,
                TheoryLevel = TheoryLevel.Intermediate,
                SearchText = TextSearch.Normalize(name),
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            await db.SaveChangesAsync();
            var position = new CadrePosition
            {
                CadreId = cadre.Id,
                OrganizationId = body,
                Post = post,
                FullTime = true,
                StartOn = from,
                CadreTheory = cadre.TheoryLevel,
                DecisionNumber = "12-QĐ/ĐU",
            };
            cadre.StampOnto(position);
            db.CadrePositions.Add(position);
            await db.SaveChangesAsync();
            return cadre.Id;
        });

    [Fact]
    public async Task A_merged_communes_cadres_posts_and_responsibilities_move_to_the_successor_from_the_merger_day()
    {
        var (a, aBody) = await CommuneAsync("T91101", "Xã Hòa Tiến");
        var (b, bBody) = await CommuneAsync("T91102", "Xã Hòa Long");
        var started = Today.AddMonths(-6);
        var head = await CadreAsync(a, aBody, "Nguyễn Thị Trưởng", CadrePost.Head, started);
        var specialist = await CadreAsync(a, aBody, "Lê Thị Chuyên", CadrePost.Specialist, started);
        await CadreAsync(b, bBody, "Trần Văn Giữ", CadrePost.Head, started);
        var provinceBody = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == app.Tree.P1.Id).Select(o => o.Id).FirstAsync()
        );
        var (holdsCommune, holdsGroup) = await app.WithDbAsync(async db =>
        {
            var commune = new Responsibility
            {
                UnitId = a.Id,
                ProvinceId = a.ProvinceId,
                CommuneId = a.CommuneId,
                UnitLevel = a.Level,
                HolderOrganizationId = provinceBody,
                FromOn = started,
                LastVisitOn = Today.AddDays(-3),
            };
            var group = new Responsibility
            {
                UnitId = a.Id,
                ProvinceId = a.ProvinceId,
                CommuneId = a.CommuneId,
                UnitLevel = a.Level,
                GroupName = "Tổ hộ 1–30",
                HolderOrganizationId = aBody,
                FromOn = started,
            };
            db.Responsibilities.AddRange(commune, group);
            await db.SaveChangesAsync();
            return (commune.Id, group.Id);
        });

        var administrator = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1));
        var merged = await administrator.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { a.Id },
                targetId = b.Id,
                effectiveDate = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());

        await app.WithDbAsync(async db =>
        {
            // The records are the successor's.
            var records = await db.Cadres.Where(c => c.Id == head || c.Id == specialist).ToListAsync();
            Assert.All(records, c => Assert.Equal((b.Id, b.Id), (c.UnitId, c.CommuneId)));

            // The specialist: her post at A ends yesterday; the same post in B's body starts today.
            var posts = await db
                .CadrePositions.Where(p => p.CadreId == specialist)
                .OrderBy(p => p.StartOn)
                .ToListAsync();
            Assert.Equal(2, posts.Count);
            Assert.Equal((a.Id, aBody, Today.AddDays(-1)), (posts[0].UnitId, posts[0].OrganizationId, posts[0].EndOn));
            Assert.Equal(
                (b.Id, bBody, Today, (DateOnly?)null, CadrePost.Specialist, "12-QĐ/ĐU"),
                (
                    posts[1].UnitId,
                    posts[1].OrganizationId,
                    posts[1].StartOn,
                    posts[1].EndOn,
                    posts[1].Post,
                    posts[1].DecisionNumber
                )
            );

            // The head: B has its own head, so her post ends and none is invented.
            var headPosts = await db.CadrePositions.Where(p => p.CadreId == head).ToListAsync();
            Assert.Equal(Today.AddDays(-1), Assert.Single(headPosts).EndOn);

            // The province's assignment to hold A ends yesterday and holds B from today; A's body's group passes to B's.
            var assignments = await db
                .Responsibilities.Where(r => r.FromOn == Today || r.Id == holdsCommune || r.Id == holdsGroup)
                .ToListAsync();
            Assert.Equal(Today.AddDays(-1), assignments.Single(r => r.Id == holdsCommune).ToOn);
            Assert.Equal(Today.AddDays(-1), assignments.Single(r => r.Id == holdsGroup).ToOn);
            var commune = assignments.Single(r => r.FromOn == Today && r.GroupName == null);
            Assert.Equal(
                (b.Id, b.Id, provinceBody, (DateOnly?)null),
                (commune.UnitId, commune.CommuneId, commune.HolderOrganizationId, commune.ToOn)
            );
            var group = assignments.Single(r => r.FromOn == Today && r.GroupName == "Tổ hộ 1–30");
            Assert.Equal((b.Id, bBody), (group.UnitId, group.HolderOrganizationId));

            // The merger's audit line counts what moved and what ended.
            var audit = await db
                .AuditEntries.Where(e => e.Action == AuditAction.UnitsMerged)
                .OrderByDescending(e => e.Id)
                .FirstAsync();
            Assert.Contains(
                "cadres moved=2, posts carried over=1, posts ended=1, responsibilities carried over=2",
                audit.Details
            );
        });

        // B's coverage: held from today; the staffing figures' summary rows equal their recompute.
        var personnel = await app.ApiClientAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, app.Tree.P1));
        var coverage = await ApiJson.OkAsync(
            await personnel.GetAsync($"/api/v1/responsibilities/coverage?unitId={app.Tree.P1.Id}&days=30")
        );
        Assert.DoesNotContain(coverage.GetProperty("gaps").EnumerateArray(), g =>
            g.GetProperty("unitId").GetInt32() == b.Id
        );
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }
}
