using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Models;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Models.ModelData;

namespace DanVan.Tests.Models;

/// <summary>
/// The lifecycle of a model through the API and the pages: who may take each step, what each step must
/// carry, what is refused, and that every step leaves an event and an audit record.
/// </summary>
public sealed class ModelWorkflowTests(ModelWorkflowTests.Fixture f) : IClassFixture<ModelWorkflowTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient CommuneOfficer { get; private set; } = default!;
        public HttpClient CommuneLeader { get; private set; } = default!;
        public HttpClient ProvinceOfficer { get; private set; } = default!;
        public HttpClient ProvinceLeader { get; private set; } = default!;
        public HttpClient SiblingOfficer { get; private set; } = default!;
        public TestAccount CommuneOfficerAccount { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CommuneOfficerAccount = await CreateAccountAsync(Role.Officer, Tree.C1);
            CommuneOfficer = await ApiClientAsync(CommuneOfficerAccount);
            CommuneLeader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.C1));
            ProvinceOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            ProvinceLeader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.P1));
            SiblingOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
        }
    }

    private static object Launch => new { on = Today, note = "Các hộ ký cam kết." };
    private static object Inspection => new { on = Today, note = "Đúng nội dung đăng ký, kết quả rõ." };

    private static object Recognition(string level) =>
        new
        {
            on = Today,
            level,
            decision = "12/QĐ-BCĐ",
            issuer = "Ban Chỉ đạo",
        };

    [Fact]
    public async Task A_model_goes_from_registration_to_commendation_each_step_by_its_own_actor()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Đường làng hiến đất");
        Assert.Equal("Registered", model.GetProperty("status").GetString());
        Assert.Equal(Today, model.GetProperty("registeredOn").GetString());

        model = await StepOkAsync(f.CommuneOfficer, model, "Launch", Launch);
        model = await StepOkAsync(f.CommuneOfficer, model, "Implement");

        // The commune's own officer is not the commission above; the province's officer is.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await StepAsync(f.CommuneOfficer, model, "Inspect", Inspection)).StatusCode
        );
        model = await StepOkAsync(f.ProvinceOfficer, model, "Inspect", Inspection);
        Assert.Equal("Đúng nội dung đăng ký, kết quả rõ.", model.GetProperty("inspectionFindings").GetString());

        // An officer does not recognize; a commune leader recognizes at commune level, not at province level.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await StepAsync(f.CommuneOfficer, model, "Recognize", Recognition("Commune"))).StatusCode
        );
        var tooHigh = await StepAsync(f.CommuneLeader, model, "Recognize", Recognition("Province"));
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.True((await ApiJson.ReadAsync(tooHigh)).GetProperty("errors").TryGetProperty("Level", out _));
        model = await StepOkAsync(f.CommuneLeader, model, "Recognize", Recognition("Commune"));
        Assert.Equal("Recognized", model.GetProperty("status").GetString());
        Assert.Equal("Commune", model.GetProperty("recognitionLevel").GetString());

        model = await StepOkAsync(
            f.ProvinceLeader,
            model,
            "Commend",
            new
            {
                on = Today,
                form = "CertificateOfMerit",
                decision = "2646/QĐ-UBND",
                issuer = "Chủ tịch UBND tỉnh",
            }
        );
        Assert.Equal("Commended", model.GetProperty("status").GetString());

        var id = model.GetProperty("id").GetInt32();
        var events = await f.WithDbAsync(db =>
            db.ModelEvents.Where(e => e.ModelId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()
        );
        Assert.Equal(
            [
                ModelAction.Register,
                ModelAction.Launch,
                ModelAction.Implement,
                ModelAction.Inspect,
                ModelAction.Recognize,
                ModelAction.Commend,
            ],
            events
        );
        var audited = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == "MobilizationModel" && a.EntityId == id.ToString()).ToListAsync()
        );
        Assert.Equal(6, audited.Count); // the insert and one update per step after registration
        Assert.All(audited, a => Assert.Equal(f.Tree.C1.Id, a.CommuneId));
        Assert.Contains(audited, a =>
            a.Action == AuditAction.Update && a.After!.Contains("\"Status\":\"Commended\"", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Registering_with_missing_items_is_refused_field_by_field_and_writes_nothing()
    {
        var data = await CompleteAsync(f, f.Tree.C1, "Mô hình thiếu mục");
        data["goals"] = "  ";
        data["outputs"] = null;
        data["evaluationDate"] = null;
        var response = await f.CommuneOfficer.PostAsJsonAsync("/api/v1/models", data);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiJson.ReadAsync(response)).GetProperty("errors");
        Assert.Equal(["EvaluationDate", "Goals", "Outputs"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(
            "Mục tiêu và tiêu chí đánh giá",
            errors.GetProperty("Goals")[0].GetString(),
            StringComparison.Ordinal
        );
        Assert.False(await f.WithDbAsync(db => db.Models.AnyAsync(m => m.Name == "Mô hình thiếu mục")));

        // The same content is accepted as a draft, and the draft cannot be registered until complete.
        data["register"] = false;
        var draft = await ApiJson.ReadAsync(await f.CommuneOfficer.PostAsJsonAsync("/api/v1/models", data));
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        var register = await StepAsync(f.CommuneOfficer, draft, "Register");
        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        Assert.Equal(3, (await ApiJson.ReadAsync(register)).GetProperty("errors").EnumerateObject().Count());

        // Completed, the draft registers through the step.
        var complete = await CompleteAsync(f, f.Tree.C1, "Mô hình thiếu mục");
        complete["register"] = false;
        complete["version"] = draft.GetProperty("version").GetInt32();
        var completed = await ApiJson.ReadAsync(
            await f.CommuneOfficer.PutAsJsonAsync($"/api/v1/models/{draft.GetProperty("id").GetInt32()}", complete)
        );
        Assert.Equal("Draft", completed.GetProperty("status").GetString());
        var registered = await StepOkAsync(f.CommuneOfficer, completed, "Register");
        Assert.Equal(
            ("Registered", Today),
            (registered.GetProperty("status").GetString(), registered.GetProperty("registeredOn").GetString())
        );
    }

    [Fact]
    public async Task An_illegal_step_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Bước sai thứ tự");
        var response = await StepAsync(f.ProvinceLeader, model, "Recognize", Recognition("Province"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(
            "Đã đăng ký",
            (await ApiJson.ReadAsync(response)).GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
        var id = model.GetProperty("id").GetInt32();
        Assert.Equal(
            ModelStatus.Registered,
            await f.WithDbAsync(db => db.Models.Where(m => m.Id == id).Select(m => m.Status).SingleAsync())
        );

        var unknown = await f.CommuneOfficer.PostAsJsonAsync(
            $"/api/v1/models/{id}/steps",
            new { action = 77, version = model.GetProperty("version").GetInt32() }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Each_step_requires_its_data()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Thiếu dữ liệu bước");
        var launch = await StepAsync(f.CommuneOfficer, model, "Launch", new { on = (string?)null, note = " " });
        Assert.Equal(
            ["Note", "On"],
            (await ApiJson.ReadAsync(launch)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()
        );
        var future = await StepAsync(f.CommuneOfficer, model, "Launch", new { on = "2099-01-01", note = "Cam kết" });
        Assert.Contains(
            "tương lai",
            (await ApiJson.ReadAsync(future)).GetProperty("errors").GetProperty("On")[0].GetString(),
            StringComparison.Ordinal
        );

        model = await StepOkAsync(f.CommuneOfficer, model, "Launch", Launch);
        model = await StepOkAsync(f.CommuneOfficer, model, "Implement");
        model = await StepOkAsync(f.ProvinceOfficer, model, "Inspect", Inspection);
        var recognize = await StepAsync(f.ProvinceLeader, model, "Recognize", new { on = Today });
        Assert.Equal(
            ["Decision", "Issuer", "Level"],
            (await ApiJson.ReadAsync(recognize)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()
        );
        var reject = await StepAsync(f.ProvinceLeader, model, "Reject", new { note = "" });
        Assert.True((await ApiJson.ReadAsync(reject)).GetProperty("errors").TryGetProperty("Note", out _));
        model = await StepOkAsync(f.ProvinceLeader, model, "Reject", new { note = "Kết quả chưa rõ." });
        Assert.Equal("NotRecognized", model.GetProperty("status").GetString());
        model = await StepOkAsync(f.CommuneOfficer, model, "Resume");
        Assert.Equal("Implementing", model.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_model_is_suspended_and_resumed_with_reasons_and_once_withdrawn_takes_nothing_more()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Tạm dừng rồi rút");
        model = await StepOkAsync(f.CommuneOfficer, model, "Launch", Launch);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await StepAsync(f.CommuneOfficer, model, "Suspend", new { note = "" })).StatusCode
        );
        model = await StepOkAsync(f.CommuneOfficer, model, "Suspend", new { note = "Chờ kinh phí." });
        Assert.Equal(
            ("Suspended", "Chờ kinh phí."),
            (model.GetProperty("status").GetString(), model.GetProperty("statusNote").GetString())
        );
        model = await StepOkAsync(f.CommuneOfficer, model, "Resume");
        Assert.Equal("Implementing", model.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("statusNote").ValueKind);
        model = await StepOkAsync(f.CommuneOfficer, model, "Withdraw", new { note = "Trùng với mô hình khác." });
        Assert.Equal("Withdrawn", model.GetProperty("status").GetString());
        Assert.Empty(model.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(f.CommuneOfficer, model, "Resume")).StatusCode);
        var id = model.GetProperty("id").GetInt32();
        var land = await f.WithDbAsync(db =>
            db.ResultIndicators.Where(i => i.Code == "land-donated").Select(i => i.Id).SingleAsync()
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await f.CommuneOfficer.PutAsJsonAsync(
                    $"/api/v1/models/{id}/results",
                    new
                    {
                        indicatorId = land,
                        year = 2026,
                        actual = 1,
                    }
                )
            ).StatusCode
        );
        var data = await CompleteAsync(f, f.Tree.C1, "Sửa sau khi rút");
        data["version"] = model.GetProperty("version").GetInt32();
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await f.CommuneOfficer.PutAsJsonAsync($"/api/v1/models/{id}", data)).StatusCode
        );
    }

    [Fact]
    public async Task Two_officers_editing_the_same_model_get_a_conflict_not_an_overwrite()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Sửa đồng thời");
        var id = model.GetProperty("id").GetInt32();
        var data = await CompleteAsync(f, f.Tree.C1, "Sửa đồng thời – bản của người thứ nhất");
        data["version"] = model.GetProperty("version").GetInt32();
        var first = await f.CommuneOfficer.PutAsJsonAsync($"/api/v1/models/{id}", data);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        data["name"] = "Sửa đồng thời – bản của người thứ hai";
        var second = await f.CommuneOfficer.PutAsJsonAsync($"/api/v1/models/{id}", data);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(
            "Sửa đồng thời – bản của người thứ nhất",
            await f.WithDbAsync(db => db.Models.Where(m => m.Id == id).Select(m => m.Name).SingleAsync())
        );

        // A step from a stale version is a conflict too.
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(f.CommuneOfficer, model, "Launch", Launch)).StatusCode);
    }

    [Fact]
    public async Task Results_are_recorded_per_indicator_and_year_with_whole_numbers_where_the_measure_needs_them()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Kết quả theo chỉ tiêu");
        var id = model.GetProperty("id").GetInt32();
        var (land, households) = await f.WithDbAsync(async db =>
            (
                await db.ResultIndicators.Where(i => i.Code == "land-donated").Select(i => i.Id).SingleAsync(),
                await db.ResultIndicators.Where(i => i.Code == "households").Select(i => i.Id).SingleAsync()
            )
        );
        var ok = await f.CommuneOfficer.PutAsJsonAsync(
            $"/api/v1/models/{id}/results",
            new
            {
                indicatorId = land,
                year = 2026,
                target = 2500.5,
                actual = 1800.25,
            }
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var corrected = await f.CommuneOfficer.PutAsJsonAsync(
            $"/api/v1/models/{id}/results",
            new
            {
                indicatorId = land,
                year = 2026,
                target = 2500.5,
                actual = 2600,
            }
        );
        var results = (await ApiJson.ReadAsync(corrected)).GetProperty("results");
        Assert.Equal(1, results.GetArrayLength());
        Assert.Equal(2600, results[0].GetProperty("actual").GetDouble());

        var fraction = await f.CommuneOfficer.PutAsJsonAsync(
            $"/api/v1/models/{id}/results",
            new
            {
                indicatorId = households,
                year = 2026,
                actual = 12.5,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, fraction.StatusCode);
        var negative = await f.CommuneOfficer.PutAsJsonAsync(
            $"/api/v1/models/{id}/results",
            new
            {
                indicatorId = households,
                year = 2026,
                actual = -3,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        var empty = await f.CommuneOfficer.PutAsJsonAsync(
            $"/api/v1/models/{id}/results",
            new { indicatorId = households, year = 2026 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        // A leader sees the model but does not report; the sibling commune does not even see it.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.CommuneLeader.PutAsJsonAsync(
                    $"/api/v1/models/{id}/results",
                    new
                    {
                        indicatorId = land,
                        year = 2026,
                        actual = 1,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.SiblingOfficer.PutAsJsonAsync(
                    $"/api/v1/models/{id}/results",
                    new
                    {
                        indicatorId = land,
                        year = 2026,
                        actual = 1,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(1, await f.WithDbAsync(db => db.ModelResults.CountAsync(r => r.ModelId == id)));
    }

    [Fact]
    public async Task The_sibling_commune_neither_sees_nor_acts_on_the_model()
    {
        var model = await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Không cho xã bên cạnh");
        var id = model.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await f.SiblingOfficer.GetAsync($"/api/v1/models/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(f.SiblingOfficer, model, "Launch", Launch)).StatusCode);
        var list = await ApiJson.ReadAsync(await f.SiblingOfficer.GetAsync("/api/v1/models?q=khong cho xa ben canh"));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        var mine = await ApiJson.ReadAsync(await f.CommuneOfficer.GetAsync("/api/v1/models?q=khong cho xa ben canh"));
        Assert.Equal(1, mine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Search_finds_models_with_or_without_diacritics_in_name_content_and_tags()
    {
        await RegisterAsync(f, f.CommuneOfficer, f.Tree.C1, "Dân vận khéo trong xây dựng nông thôn mới");
        foreach (var q in new[] { "dan van kheo", "Dân vận khéo", "DAN VAN KHEO", "nong thon moi", "hien dat" })
        {
            var items = (
                await ApiJson.ReadAsync(await f.CommuneOfficer.GetAsync($"/api/v1/models?q={Uri.EscapeDataString(q)}"))
            ).GetProperty("items");
            Assert.Contains(items.EnumerateArray(), i =>
                i.GetProperty("name").GetString() == "Dân vận khéo trong xây dựng nông thôn mới"
            );
        }
    }
}
