using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>
/// Replication of recognized models by other units, with their own results compared to the original, and
/// the public library: recognized public models only, no personal data unless published, searchable without
/// diacritics, no sign-in.
/// </summary>
public sealed class ReplicationAndLibraryTests(ReplicationAndLibraryTests.Fixture f)
    : IClassFixture<ReplicationAndLibraryTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient CommuneOfficer { get; private set; } = default!;
        public HttpClient SiblingOfficer { get; private set; } = default!;
        public HttpClient ProvinceOfficer { get; private set; } = default!;
        public HttpClient ProvinceLeader { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CommuneOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            SiblingOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
            ProvinceOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            ProvinceLeader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.P1));
        }

        /// <summary>A model of C1 taken to recognition at commune level through the API.</summary>
        public async Task<JsonElement> RecognizedAsync(string name, Action<Dictionary<string, object?>>? change = null)
        {
            var data = await CompleteAsync(this, Tree.C1, name);
            change?.Invoke(data);
            var created = await CommuneOfficer.PostAsJsonAsync("/api/v1/models", data);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var model = await ApiJson.ReadAsync(created);
            model = await StepOkAsync(CommuneOfficer, model, "Launch", new { on = Today, note = "Cam kết" });
            model = await StepOkAsync(CommuneOfficer, model, "Implement");
            model = await StepOkAsync(ProvinceOfficer, model, "Inspect", new { on = Today, note = "Tốt" });
            return await StepOkAsync(
                ProvinceLeader,
                model,
                "Recognize",
                new
                {
                    on = Today,
                    level = "Commune",
                    decision = "1/QĐ",
                    issuer = "BCĐ",
                }
            );
        }
    }

    private async Task<(int OrganizationId, int FieldId)> C2Async() => await ReferencesAsync(f, f.Tree.C2);

    [Fact]
    public async Task Only_a_recognized_model_is_replicated_and_only_by_another_unit()
    {
        var registered = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Chưa công nhận thì chưa nhân rộng");
        var (organization, _) = await C2Async();
        var body = new
        {
            unitId = f.Tree.C2.Id,
            organizationId = organization,
            startDate = Today,
            adaptations = "Áp dụng",
        };
        // The sibling does not see an unrecognized model of C1; the province's officer does, and is refused.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.SiblingOfficer.PostAsJsonAsync(
                    $"/api/v1/models/{registered.GetProperty("id").GetInt32()}/replications",
                    body
                )
            ).StatusCode
        );
        var refused = await f.ProvinceOfficer.PostAsJsonAsync(
            $"/api/v1/models/{registered.GetProperty("id").GetInt32()}/replications",
            body
        );
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(
            "đã được công nhận",
            (await ApiJson.ReadAsync(refused)).GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );

        var recognized = await f.RecognizedAsync("Nhân rộng ở chính mình");
        var own = await f.CommuneOfficer.PostAsJsonAsync(
            $"/api/v1/models/{recognized.GetProperty("id").GetInt32()}/replications",
            new
            {
                unitId = f.Tree.C1.Id,
                organizationId = (await ReferencesAsync(f, f.Tree.C1)).OrganizationId,
                startDate = Today,
                adaptations = "x",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.True((await ApiJson.ReadAsync(own)).GetProperty("errors").TryGetProperty("UnitId", out _));
        int[] ids = [registered.GetProperty("id").GetInt32(), recognized.GetProperty("id").GetInt32()];
        Assert.Equal(0, await f.WithDbAsync(db => db.ModelReplications.CountAsync(r => ids.Contains(r.SourceModelId))));
    }

    [Fact]
    public async Task A_sibling_commune_replicates_a_public_recognized_model_reports_its_results_and_the_model_page_compares_them()
    {
        var model = await f.RecognizedAsync("Đường hoa nhân rộng");
        var id = model.GetProperty("id").GetInt32();
        var land = await f.WithDbAsync(db =>
            db.ResultIndicators.Where(i => i.Code == "land-donated").Select(i => i.Id).SingleAsync()
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.CommuneOfficer.PutAsJsonAsync(
                    $"/api/v1/models/{id}/results",
                    new
                    {
                        indicatorId = land,
                        year = 2026,
                        actual = 1000,
                    }
                )
            ).StatusCode
        );

        var (organization, _) = await C2Async();
        var created = await f.SiblingOfficer.PostAsJsonAsync(
            $"/api/v1/models/{id}/replications",
            new
            {
                unitId = f.Tree.C2.Id,
                organizationId = organization,
                startDate = Today,
                adaptations = "Trồng hoa theo tuyến phố",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var replication = await ApiJson.ReadAsync(created);
        var replicationId = replication.GetProperty("id").GetInt32();
        Assert.False(replication.GetProperty("canSeeSource").GetBoolean());
        var reported = await f.SiblingOfficer.PutAsJsonAsync(
            $"/api/v1/replications/{replicationId}/results",
            new
            {
                indicatorId = land,
                year = 2026,
                actual = 400,
            }
        );
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        // The source's officer sees where it was replicated, but the replication itself belongs to C2.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.CommuneOfficer.PutAsJsonAsync(
                    $"/api/v1/replications/{replicationId}/results",
                    new
                    {
                        indicatorId = land,
                        year = 2026,
                        actual = 1,
                    }
                )
            ).StatusCode
        );
        var rows = await ApiJson.ReadAsync(await f.CommuneOfficer.GetAsync($"/api/v1/models/{id}/replications"));
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(f.Tree.C2.Name, row.GetProperty("unitName").GetString());
        Assert.Equal(f.Tree.P1.Name, row.GetProperty("provinceName").GetString());
        Assert.False(row.GetProperty("canView").GetBoolean());
        Assert.Equal(400, row.GetProperty("actualByIndicator").GetProperty(land.ToString()).GetDouble());

        var page = await f.SignInAsync(await f.CreateAccountAsync(Role.Officer, f.Tree.P1));
        var (_, document) = await page.GetPageAsync($"/models/{id}");
        var compare = document
            .QuerySelectorAll("table")
            .Single(t => t.QuerySelector("caption")?.TextContent.Contains("So sánh", StringComparison.Ordinal) == true);
        var cells = compare
            .QuerySelectorAll("tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .ToList();
        Assert.Equal(
            [
                ["1.000"],
                ["400"],
            ],
            cells
        );
        Assert.NotNull(document.QuerySelector($"ul.tree a[href='/replications/{replicationId}']"));

        // The same list as a spreadsheet: the replication, its place, and its result as a number.
        var file = await page.GetAsync($"/models/{id}/replications/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await using (var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync()))
        {
            var exported = MiniExcelLibs
                .MiniExcel.Query(stream, useHeaderRow: true)
                .Cast<IDictionary<string, object?>>()
                .ToList();
            var line = Assert.Single(exported);
            Assert.Equal(f.Tree.C2.Name, line["Đơn vị"]);
            Assert.Equal(f.Tree.P1.Name, line["Tỉnh, thành phố"]);
            Assert.Equal(
                400d,
                Convert.ToDouble(
                    line.Single(c => c.Key.EndsWith(")", StringComparison.Ordinal)).Value,
                    System.Globalization.CultureInfo.InvariantCulture
                )
            );
        }

        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Action == DanVan.Web.Infrastructure.Audit.AuditAction.Exported
                    && a.EntityType == "ModelReplication"
                    && a.EntityId == id.ToString()
                )
            )
        );
        var outsider = await f.SignInAsync(await f.CreateAccountAsync(Role.Officer, f.Tree.C3));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await outsider.GetAsync($"/models/{id}/replications/export?format=csv")).StatusCode
        );

        // Counted as a replication of the province, in the month of its start (the statistics catalogue's figure).
        var today = DateOnly.Parse(Today, System.Globalization.CultureInfo.InvariantCulture);
        var figures = await ApiJson.ReadAsync(
            await f.ProvinceLeader.GetAsync(
                $"/api/v1/statistics?unitId={f.Tree.P1.Id}&period=month&year={today.Year}&n={today.Month}"
            )
        );
        var replicated = figures
            .GetProperty("figures")
            .EnumerateArray()
            .Single(x => x.GetProperty("key").GetString() == "models.replicated")
            .GetProperty("value")
            .GetDouble();
        var month = new DateOnly(today.Year, today.Month, 1);
        Assert.Equal(
            await f.WithDbAsync(db =>
                db.ModelReplications.CountAsync(r =>
                    r.ProvinceId == f.Tree.P1.Id && r.StartDate >= month && r.StartDate <= today
                )
            ),
            (int)replicated
        );
        Assert.True(replicated >= 1);
    }

    [Fact]
    public async Task The_public_library_shows_recognized_public_models_without_signing_in_and_hides_the_rest()
    {
        var shown = await f.RecognizedAsync("Dân vận khéo trong phân loại rác tại nguồn");
        var hidden = await f.RecognizedAsync("Mô hình không công khai", d => d["isPublic"] = false);
        var person = await f.RecognizedAsync("Điển hình cá nhân gương mẫu", d =>
        {
            d["kind"] = "IndividualExemplar";
            d["personName"] = "Trần Thị Riêng Tư";
            d["publishPersonName"] = false;
        });
        var draft = await ApiJson.ReadAsync(
            await f.CommuneOfficer.PostAsJsonAsync(
                "/api/v1/models",
                await CompleteAsync(f, f.Tree.C1, "Bản nháp không công khai", register: false)
            )
        );

        using var anonymous = f.NewPageClient();
        var (list, document) = await anonymous.GetPageAsync("/library?q=dan+van+kheo+rac");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(document.QuerySelectorAll("main a"), a =>
            a.TextContent.Trim() == "Dân vận khéo trong phân loại rác tại nguồn"
        );

        Assert.Equal(
            HttpStatusCode.OK,
            (await anonymous.GetAsync($"/library/{shown.GetProperty("id").GetInt32()}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/library/{hidden.GetProperty("id").GetInt32()}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await anonymous.GetAsync($"/library/{draft.GetProperty("id").GetInt32()}")).StatusCode
        );
        var (_, exemplar) = await anonymous.GetPageAsync($"/library/{person.GetProperty("id").GetInt32()}");
        Assert.DoesNotContain("Trần Thị Riêng Tư", exemplar.Body!.TextContent, StringComparison.Ordinal);
        var (_, all) = await anonymous.GetPageAsync("/library?q=rieng+tu");
        Assert.Empty(all.QuerySelectorAll("main .card"));

        // Published by the unit's choice, the name appears.
        var personId = person.GetProperty("id").GetInt32();
        await f.WithDbAsync(db =>
            db.Models.Where(m => m.Id == personId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PublishPersonName, true))
        );
        var (_, published) = await anonymous.GetPageAsync($"/library/{personId}");
        Assert.Contains("Trần Thị Riêng Tư", published.Body!.TextContent, StringComparison.Ordinal);
    }
}
