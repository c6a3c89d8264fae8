using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Units;

/// <summary>Creating, editing, retiring and merging units, by page and API, inside and outside the caller's
/// scope.</summary>
public sealed class UnitLifecycleTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public async Task A_commune_administrator_adds_a_village_through_the_form_and_it_is_audited()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var client = await app.SignInAsync(admin);
        var response = await client.SubmitFormAsync(
            $"/units/new?parentId={app.Tree.C1.Id}",
            "unit-edit",
            new()
            {
                ["Input.Code"] = "T91001-09",
                ["Input.Name"] = "Thôn Mới Lập",
                ["Input.Kind"] = "Village",
                ["Input.ValidFrom"] = "2026-01-15",
            }
        );
        var (page, document) = await client.FollowAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Thôn Mới Lập", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("15/01/2026", document.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);

        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "T91001-09"));
        Assert.Equal(
            (app.Tree.C1.Id, app.Tree.P1.Id, app.Tree.C1.Id, unit.Id),
            (unit.ParentId!.Value, unit.ProvinceId!.Value, unit.CommuneId!.Value, unit.VillageId!.Value)
        );
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == "Unit" && a.EntityId == unit.Id.ToString()).ToListAsync()
        );
        Assert.Contains(audit, a =>
            a.Action == Web.Infrastructure.Audit.AuditAction.Insert
            && a.AccountId == admin.Id
            && a.CommuneId == app.Tree.C1.Id
        );
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_typed_is_lost()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var client = await app.SignInAsync(admin);
        var response = await client.SubmitFormAsync(
            $"/units/new?parentId={app.Tree.C1.Id}",
            "unit-edit",
            new()
            {
                ["Input.Code"] = "mã có dấu",
                ["Input.Name"] = "   ",
                ["Input.NameEn"] = "Kept as typed",
                ["Input.Kind"] = "Commune",
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var errors = PageClient.ErrorsOf(document);
        Assert.Contains(errors, e => e.Contains("chỉ được gồm chữ, số", StringComparison.Ordinal)); // the code
        Assert.Contains(errors, e => e.Contains("Vui lòng nhập “Tên”", StringComparison.Ordinal)); // the name
        Assert.Contains(errors, e => e.Contains("trực thuộc trực tiếp", StringComparison.Ordinal)); // a commune under a commune
        Assert.Equal("Kept as typed", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#NameEn")!.Value);
        Assert.Equal("mã có dấu", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Code")!.Value);
        Assert.NotNull(document.QuerySelector(".error-summary a[href$='#Code']"));
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.NameEn == "Kept as typed")));
    }

    [Fact]
    public async Task The_edit_form_shows_the_current_values_without_any_script()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var client = await app.SignInAsync(admin);
        var (_, form) = await client.GetPageAsync($"/units/{app.Tree.C2.Id}/edit");
        Assert.Equal(app.Tree.C2.Name, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Name")!.Value);
        Assert.Equal(
            ["Ward"],
            form.QuerySelectorAll("select#Kind option[selected]").Select(o => o.GetAttribute("value"))
        );
        Assert.Null(form.QuerySelector("select#Kind")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_code_in_force_cannot_be_used_twice()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        var api = await app.ApiClientAsync(admin);
        var response = await api.PostAsJsonAsync(
            "/api/v1/units/",
            new
            {
                parentId = app.Tree.C1.Id,
                code = app.Tree.V1.Code,
                name = "Trùng mã",
                kind = "Village",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiJson.ReadAsync(response);
        Assert.Contains(
            app.Tree.V1.Code,
            problem.GetProperty("errors").GetProperty("Code")[0].GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Two_editors_saving_the_same_unit_from_the_same_version_give_one_conflict_showing_the_current_values()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        var api = await app.ApiClientAsync(admin);
        var unit = await ApiJson.ReadAsync(await api.GetAsync($"/api/v1/units/{app.Tree.C2.Id}"));
        var version = unit.GetProperty("version").GetInt32();

        var first = await api.PutAsJsonAsync(
            $"/api/v1/units/{app.Tree.C2.Id}",
            new
            {
                code = app.Tree.C2.Code,
                name = "Phường Tây Sơn Mới",
                kind = "Ward",
                validFrom = "2025-07-01",
                version,
            }
        );
        var second = await api.PutAsJsonAsync(
            $"/api/v1/units/{app.Tree.C2.Id}",
            new
            {
                code = app.Tree.C2.Code,
                name = "Phường Tây Sơn Khác",
                kind = "Ward",
                validFrom = "2025-07-01",
                version,
            }
        );

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await ApiJson.ReadAsync(second);
        Assert.Equal("Phường Tây Sơn Mới", problem.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(
            "Phường Tây Sơn Mới",
            await app.WithDbAsync(db => db.Units.Where(u => u.Id == app.Tree.C2.Id).Select(u => u.Name).SingleAsync())
        );
        // Put the name back for the other tests of this class.
        var now = (await ApiJson.ReadAsync(await api.GetAsync($"/api/v1/units/{app.Tree.C2.Id}")))
            .GetProperty("version")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await api.PutAsJsonAsync(
                    $"/api/v1/units/{app.Tree.C2.Id}",
                    new
                    {
                        code = app.Tree.C2.Code,
                        name = app.Tree.C2.Name,
                        kind = "Ward",
                        validFrom = "2025-07-01",
                        version = now,
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task A_unit_with_villages_in_force_cannot_be_retired_and_a_future_date_is_refused()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        var api = await app.ApiClientAsync(admin);
        var withChildren = await api.PostAsJsonAsync(
            $"/api/v1/units/{app.Tree.C1.Id}/retire",
            new { validTo = "2026-01-01", version = 0 }
        );
        Assert.Equal(HttpStatusCode.Conflict, withChildren.StatusCode);

        var created = await ApiJson.ReadAsync(
            await api.PostAsJsonAsync(
                "/api/v1/units/",
                new
                {
                    parentId = app.Tree.C1.Id,
                    code = "T91001-50",
                    name = "Thôn Giải Thể",
                    kind = "Village",
                    validFrom = "2025-08-01",
                }
            )
        );
        var id = created.GetProperty("id").GetInt32();
        var future = await api.PostAsJsonAsync(
            $"/api/v1/units/{id}/retire",
            new
            {
                validTo = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
                version = created.GetProperty("version").GetInt32(),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);

        var retired = await api.PostAsJsonAsync(
            $"/api/v1/units/{id}/retire",
            new { validTo = "2026-06-30", version = created.GetProperty("version").GetInt32() }
        );
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("2026-06-30", (await ApiJson.ReadAsync(retired)).GetProperty("validTo").GetString());
        var edit = await api.PutAsJsonAsync(
            $"/api/v1/units/{id}",
            new
            {
                code = "T91001-50",
                name = "Sửa sau giải thể",
                kind = "Village",
                validFrom = "2025-08-01",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        // A retired code may be used again by a new unit.
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await api.PostAsJsonAsync(
                    "/api/v1/units/",
                    new
                    {
                        parentId = app.Tree.C1.Id,
                        code = "T91001-50",
                        name = "Thôn Lập Lại",
                        kind = "Village",
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task Search_finds_units_with_or_without_diacritics()
    {
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.Root);
        var api = await app.ApiClientAsync(viewer);
        foreach (var query in new[] { "đông hòa", "dong hoa", "DONG HOA", "Đông Hoà" })
        {
            var page = await ApiJson.ReadAsync(await api.GetAsync($"/api/v1/units/?q={Uri.EscapeDataString(query)}"));
            Assert.Contains(page.GetProperty("items").EnumerateArray(), i =>
                i.GetProperty("id").GetInt32() == app.Tree.C1.Id
            );
        }
    }

    [Fact]
    public async Task Lists_page_by_keyset_without_gaps_or_repeats()
    {
        var viewer = await app.CreateAccountAsync(Role.Viewer, app.Tree.Root);
        var api = await app.ApiClientAsync(viewer);
        var seen = new List<int>();
        string? after = null;
        do
        {
            var page = await ApiJson.ReadAsync(
                await api.GetAsync($"/api/v1/units/?limit=3&after={Uri.EscapeDataString(after ?? "")}")
            );
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            after =
                page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (after is not null);
        var all = await app.WithDbAsync(db => db.Units.Where(u => u.ValidTo == null).Select(u => u.Id).ToListAsync());
        Assert.Equal(all.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
