using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// The figure grid, the missing list, a cell's history and the .xlsx import, through the pages as a commune officer
/// or a village head would use them (Vietnamese interface: "1.269,5"), with the summary rows checked against a
/// recompute.
/// </summary>
public sealed class GridAndImportTests(GridAndImportTests.Fixture f) : IClassFixture<GridAndImportTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient Province { get; private set; } = default!;
        public HttpClient CommuneApi { get; private set; } = default!;
        public PageClient Commune { get; private set; } = default!;
        public PageClient ProvincePages { get; private set; } = default!;
        public PageClient VillageHead { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var province = await CreateAccountAsync(Role.Officer, Tree.P1);
            Province = await ApiClientAsync(province);
            ProvincePages = await SignInAsync(province);
            var commune = await CreateAccountAsync(Role.Officer, Tree.C1);
            CommuneApi = await ApiClientAsync(commune);
            Commune = await SignInAsync(commune);
            VillageHead = await SignInAsync(await CreateAccountAsync(Role.Officer, Tree.V1));
        }
    }

    private TestTree T => f.Tree;

    /// <summary>A province campaign reported by the province's three villages: graves (whole) and area (one
    /// decimal).</summary>
    private async Task<(int Id, int Graves, int Area)> NewCampaignAsync()
    {
        var id = await CreateAsync(f.Province, Campaign(T.P1, UnitLevel.Village, T.P1));
        var graves = await AddIndicatorAsync(f.Province, id, Indicator(target: 100));
        var area = Indicator("Diện tích bàn giao", decimals: 1);
        area["measure"] = "SquareMetres";
        return (id, graves, await AddIndicatorAsync(f.Province, id, area));
    }

    private string GridUrl(int id, Unit? unit = null, DateOnly? day = null) =>
        $"/campaigns/{id}/entries?date={Iso(day ?? f.Today)}" + (unit is null ? "" : $"&unitId={unit.Id}");

    private static string Cell(Unit unit, int indicatorId) => $"v[{unit.Id}.{indicatorId}]";

    private static string? ValueOf(IHtmlDocument page, Unit unit, int indicatorId) =>
        page.QuerySelector<IHtmlInputElement>($"#cell-{unit.Id}-{indicatorId}")?.Value;

    private static string[] RowNames(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("tbody th.grid__unit").Select(th => th.TextContent.Trim())];

    private Task<decimal?> StoredAsync(int id, Unit unit, int indicatorId, DateOnly? day = null) =>
        f.WithDbAsync(db =>
            db.Set<CampaignFigure>()
                .Where(x =>
                    x.CampaignId == id
                    && x.UnitId == unit.Id
                    && x.IndicatorId == indicatorId
                    && x.Period == (day ?? f.Today)
                )
                .Select(x => (decimal?)x.Value)
                .SingleOrDefaultAsync()
        );

    private static string Text(IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_grid_shows_the_villages_of_the_commune_with_their_current_values_in_the_users_culture()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(
                    f.CommuneApi,
                    id,
                    Figure(T.V1, graves, f.Today, 5),
                    Figure(T.V1, area, f.Today, 1269.5m)
                )
            ).StatusCode
        );

        var (response, page) = await f.Commune.GetPageAsync(GridUrl(id, T.C1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Thôn Hạ", "Thôn Thượng"], RowNames(page).Order(StringComparer.Ordinal));
        Assert.Equal("5", ValueOf(page, T.V1, graves));
        Assert.Equal("1.269,5", ValueOf(page, T.V1, area));
        Assert.Equal("", ValueOf(page, T.V2, graves));
        var input = page.QuerySelector<IHtmlInputElement>($"#cell-{T.V1.Id}-{area}")!;
        Assert.Equal("decimal", input.GetAttribute("inputmode"));
        Assert.Equal("Diện tích bàn giao – Thôn Thượng", Text(page.QuerySelector($"label[for=cell-{T.V1.Id}-{area}]")));
        Assert.Equal("1", page.QuerySelector<IHtmlInputElement>($"input[name='r[{T.V1.Id}.{area}]']")!.Value);
        // The totals row adds up the shown cells.
        Assert.Equal(["5", "1.269,5"], page.QuerySelectorAll("tfoot .grid__value").Select(e => e.TextContent.Trim()));
        Assert.Null(page.QuerySelector($"#cell-{T.V3.Id}-{graves}")); // a village of another commune is not on this commune's grid
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task One_bad_cell_saves_nothing_keeps_every_typed_value_and_shows_the_error_at_the_cell()
    {
        var (id, graves, area) = await NewCampaignAsync();
        var url = GridUrl(id, T.C1);
        var (_, page) = await f.Commune.GetPageAsync(url);

        var response = await f.Commune.SubmitAsync(
            page,
            url,
            "grid",
            new()
            {
                [Cell(T.V1, graves)] = "-3",
                [Cell(T.V2, graves)] = "7",
                [Cell(T.V1, area)] = "1.269,5",
                [Cell(T.V2, area)] = "1269.5",
            }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(
            "không được âm",
            Text(result.QuerySelector($"#cell-{T.V1.Id}-{graves}-error")),
            StringComparison.Ordinal
        );
        // In Vietnamese "." groups thousands: "1269.5" is not read as 12,695 but refused with an example.
        Assert.Contains(
            "1.269,5",
            Text(result.QuerySelector($"#cell-{T.V2.Id}-{area}-error")),
            StringComparison.Ordinal
        );
        Assert.Null(result.QuerySelector($"#cell-{T.V2.Id}-{graves}-error"));
        Assert.Equal("-3", ValueOf(result, T.V1, graves));
        Assert.Equal("7", ValueOf(result, T.V2, graves));
        Assert.Equal("1.269,5", ValueOf(result, T.V1, area));
        Assert.Equal("1269.5", ValueOf(result, T.V2, area));
        Assert.Equal("true", result.QuerySelector($"#cell-{T.V1.Id}-{graves}")!.GetAttribute("aria-invalid"));
        // Each message links to its cell on this page (not "#…" alone, which the base address would send to the home
        // page).
        var links = result.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"{url}#cell-{T.V1.Id}-{graves}", links);
        Assert.Contains($"{url}#cell-{T.V2.Id}-{area}", links);
        Assert.False(
            await f.WithDbAsync(db => db.Set<CampaignFigure>().AnyAsync(x => x.CampaignId == id)),
            "Nothing may be saved."
        );
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_large_commune_saves_its_whole_grid_in_one_post()
    {
        // A merged commune of 2025 can have a hundred villages; three indicators make 1,500 form fields, past the
        // framework's default limit of 1,024 values a form (which answered 400 and lost the officer's figures).
        const int villages = 100;
        var commune = await f.WithDbAsync(async db =>
        {
            var parent = await db.Units.SingleAsync(u => u.Id == T.P2.Id);
            var c = new Unit
            {
                Code = "T92900",
                Name = "Xã Lớn",
                Kind = UnitKind.Commune,
                ValidFrom = new DateOnly(2025, 7, 1),
            };
            UnitRules.PlaceUnder(c, parent);
            await UnitRules.InsertAsync(db, [c], CancellationToken.None);
            var rows = Enumerable
                .Range(1, villages)
                .Select(i =>
                {
                    var v = new Unit
                    {
                        Code = $"T92900-{i:000}",
                        Name = $"Thôn {i:000}",
                        Kind = UnitKind.Village,
                        ValidFrom = new DateOnly(2025, 7, 1),
                    };
                    UnitRules.PlaceUnder(v, c);
                    return v;
                })
                .ToList();
            await UnitRules.InsertAsync(db, rows, CancellationToken.None);
            return c;
        });
        var officer = await f.CreateAccountAsync(Role.Officer, commune);
        var api = await f.ApiClientAsync(officer);
        var pages = await f.SignInAsync(officer);
        var id = await CreateAsync(api, Campaign(commune, UnitLevel.Village, commune));
        var indicators = new List<int>();
        foreach (var name in new[] { "Mộ đã di dời", "Hộ đã bàn giao", "Ngày công" })
        {
            indicators.Add(await AddIndicatorAsync(api, id, Indicator(name)));
        }

        var url = GridUrl(id, commune);
        var (_, page) = await pages.GetPageAsync(url);
        var cells = page.QuerySelectorAll<IHtmlInputElement>("input.grid__input").ToList();
        Assert.Equal(villages * indicators.Count, cells.Count);
        var typed = cells
            .Select((c, i) => (c.Name!, (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary();
        var response = await pages.SubmitAsync(page, url, "grid", typed);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            cells.Count,
            await f.WithDbAsync(db => db.Set<CampaignFigure>().CountAsync(x => x.CampaignId == id))
        );
        Assert.Equal(
            Enumerable.Range(0, cells.Count).Sum(i => i % 7),
            (
                await f.WithDbAsync(db =>
                    db.Set<CampaignFigure>().Where(x => x.CampaignId == id).Select(x => x.Value).ToListAsync()
                )
            ).Sum()
        );
        Assert.Empty(await f.CheckAsync(id));
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_valid_grid_saves_every_cell_and_the_summary_rows_equal_a_recompute()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 2))).StatusCode
        );
        var url = GridUrl(id, T.C1);
        var (_, page) = await f.Commune.GetPageAsync(url);

        var response = await f.Commune.SubmitAsync(
            page,
            url,
            "grid",
            new()
            {
                [Cell(T.V1, graves)] = "4",
                [Cell(T.V2, graves)] = "7",
                [Cell(T.V1, area)] = "1.269,5",
                [$"n[{T.V2.Id}.{graves}]"] = "Hai mộ chờ gia đình đồng ý",
            }
        );

        var (done, result) = await f.Commune.FollowAsync(response);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Đã lưu 3 số liệu", Text(result.QuerySelector(".notice")), StringComparison.Ordinal);
        Assert.Equal("4", ValueOf(result, T.V1, graves));
        Assert.Equal(4m, await StoredAsync(id, T.V1, graves));
        Assert.Equal(7m, await StoredAsync(id, T.V2, graves));
        Assert.Equal(1269.5m, await StoredAsync(id, T.V1, area));
        Assert.Equal(
            "Hai mộ chờ gia đình đồng ý",
            await f.WithDbAsync(db =>
                db.Set<CampaignFigure>()
                    .Where(x => x.CampaignId == id && x.UnitId == T.V2.Id && x.IndicatorId == graves)
                    .Select(x => x.Note)
                    .SingleAsync()
            )
        );
        Assert.Equal(
            FigureSource.Grid,
            await f.WithDbAsync(db =>
                db.Set<FigureRevision>()
                    .Where(r => r.CampaignId == id && r.UnitId == T.V2.Id)
                    .Select(r => r.Source)
                    .SingleAsync()
            )
        );
        Assert.Equal(
            11m,
            (await ProgressAsync(f.Province, id, graves)).GetProperty("node").GetProperty("actual").GetDecimal()
        );
        Assert.Empty(await f.CheckAsync(id));

        // Saving the page again unchanged writes nothing.
        response = await f.Commune.SubmitAsync(result, url, "grid", []);
        var again = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Không có số liệu nào thay đổi", again.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_cell_changed_by_someone_else_shows_who_and_what_keeps_the_typed_value_and_a_second_save_overwrites()
    {
        var (id, graves, _) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5))).StatusCode
        );
        var url = GridUrl(id, T.C1);
        var (_, page) = await f.Commune.GetPageAsync(url);
        // The province corrects the same cell meanwhile, from the version the page was opened with.
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.Province, id, Figure(T.V1, graves, f.Today, 9, version: 1))).StatusCode
        );

        var response = await f.Commune.SubmitAsync(
            page,
            url,
            "grid",
            new() { [Cell(T.V1, graves)] = "6", [Cell(T.V2, graves)] = "3" }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var conflict = Text(result.QuerySelector($"#cell-{T.V1.Id}-{graves}-conflict"));
        Assert.Contains("Test Officer Tỉnh Thử Nghiệm", conflict, StringComparison.Ordinal);
        Assert.Contains("9", conflict, StringComparison.Ordinal);
        Assert.Contains("người khác thay đổi", Text(result.QuerySelector(".error-summary")), StringComparison.Ordinal);
        Assert.Equal("6", ValueOf(result, T.V1, graves));
        Assert.Equal("3", ValueOf(result, T.V2, graves));
        Assert.Equal(9m, await StoredAsync(id, T.V1, graves));
        Assert.Null(await StoredAsync(id, T.V2, graves));

        // The page now carries the version the person was shown: saving again replaces the other value on purpose.
        var (_, saved) = await f.Commune.FollowAsync(await f.Commune.SubmitAsync(result, url, "grid", []));
        Assert.Equal("6", ValueOf(saved, T.V1, graves));
        Assert.Equal(6m, await StoredAsync(id, T.V1, graves));
        Assert.Equal(3m, await StoredAsync(id, T.V2, graves));
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_locked_period_is_read_only_and_a_post_to_it_is_refused()
    {
        var (id, graves, _) = await NewCampaignAsync();
        var day = f.Today.AddDays(-2);
        Assert.Equal(HttpStatusCode.OK, (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, day, 5))).StatusCode);
        var locked = await f.Province.PostAsJsonAsync(
            $"/api/v1/campaigns/{id}/locks",
            new { frequency = "Daily", period = Iso(day) }
        );
        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        var url = GridUrl(id, T.C1, day);

        var (response, page) = await f.Commune.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll(".grid__input"));
        Assert.Null(page.QuerySelector(".grid-form__save"));
        Assert.Equal("5", page.QuerySelector($"#cell-{T.V1.Id}-{graves}")!.TextContent.Trim());
        Assert.Contains("đã khóa", Text(page.QuerySelector(".notice--warning")), StringComparison.Ordinal);

        // A hand-made post is refused by the same checks as any other entry.
        var post = await f.Commune.SubmitAsync(
            page,
            url,
            "grid",
            new() { [Cell(T.V1, graves)] = "8", [Cell(T.V2, graves)] = "2" }
        );
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var refused = PageClient.Parse(await post.Content.ReadAsStringAsync());
        Assert.Contains(
            "đã khóa",
            Text(refused.QuerySelector($"#cell-{T.V1.Id}-{graves}-error")),
            StringComparison.Ordinal
        );
        Assert.Equal(5m, await StoredAsync(id, T.V1, graves, day));
        Assert.Null(await StoredAsync(id, T.V2, graves, day));
    }

    [Fact]
    public async Task A_village_head_sees_only_the_row_of_the_village()
    {
        var (id, graves, _) = await NewCampaignAsync();

        var (response, page) = await f.VillageHead.GetPageAsync($"/campaigns/{id}/entries");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Thôn Thượng"], RowNames(page));
        Assert.NotNull(page.QuerySelector($"#cell-{T.V1.Id}-{graves}.grid__input"));
        var saved = await f.VillageHead.SubmitAsync(
            page,
            $"/campaigns/{id}/entries",
            "grid",
            new() { [Cell(T.V1, graves)] = "12" }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(12m, await StoredAsync(id, T.V1, graves));

        // Asked for the whole commune, the neighbour's row is there to read but cannot be entered.
        var (_, commune) = await f.VillageHead.GetPageAsync(GridUrl(id, T.C1));
        Assert.Equal(2, RowNames(commune).Length);
        Assert.Null(commune.QuerySelector($"#cell-{T.V2.Id}-{graves}.grid__input"));
        var forged = await f.VillageHead.SubmitAsync(
            commune,
            GridUrl(id, T.C1),
            "grid",
            new() { [Cell(T.V2, graves)] = "4" }
        );
        Assert.Contains(
            "không thuộc phạm vi",
            Text(
                PageClient
                    .Parse(await forged.Content.ReadAsStringAsync())
                    .QuerySelector($"#cell-{T.V2.Id}-{graves}-error")
            ),
            StringComparison.Ordinal
        );
        Assert.Null(await StoredAsync(id, T.V2, graves));
    }

    [Fact]
    public async Task The_missing_list_counts_the_villages_without_a_figure_per_indicator_and_per_commune()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(
                    f.Province,
                    id,
                    Figure(T.V1, graves, f.Today, 1),
                    Figure(T.V1, area, f.Today, 2),
                    Figure(T.V2, graves, f.Today, 3)
                )
            ).StatusCode
        );

        var (response, page) = await f.ProvincePages.GetPageAsync($"/campaigns/{id}/missing?date={Iso(f.Today)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", page.QuerySelector(".missing-summary__count")!.TextContent.Trim());
        Assert.Contains("trên 3 thôn", Text(page.QuerySelector(".missing-summary__text")), StringComparison.Ordinal);
        var perIndicator = page.QuerySelectorAll("table")[0]
            .QuerySelectorAll("tbody tr")
            .Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim())))
            .ToList();
        Assert.Equal(["Mộ đã di dời|2|1", "Diện tích bàn giao|1|2"], perIndicator);
        var perCommune = page.QuerySelectorAll("table")[1]
            .QuerySelectorAll("tbody tr")
            .Select(r => string.Join('|', r.Children.Take(3).Select(c => c.TextContent.Trim())))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["Phường Tây Sơn|1|1", "Xã Đông Hòa|2|1"], perCommune);
        var missing = page.QuerySelectorAll(".missing-list li").Select(Text).ToList();
        Assert.Contains("Thôn Hạ: còn thiếu Diện tích bàn giao", missing);
        Assert.Contains("Tổ dân phố số 1: chưa có số liệu nào", missing);
        Assert.NotNull(
            page.QuerySelector(
                $"a[href='/campaigns/{id}/entries?date={Iso(f.Today)}&frequency=Daily&unitId={T.C1.Id}']"
            )
        );

        // A commune officer sees the commune's villages only; the API gives the same counts.
        var (_, commune) = await f.Commune.GetPageAsync($"/campaigns/{id}/missing?date={Iso(f.Today)}");
        Assert.Equal("1", commune.QuerySelector(".missing-summary__count")!.TextContent.Trim());
        var api = await ApiJson.OkAsync(
            await f.CommuneApi.GetAsync($"/api/v1/campaigns/{id}/missing?date={Iso(f.Today)}")
        );
        Assert.Equal(2, api.GetProperty("units").GetInt32());
        Assert.Equal(1, api.GetProperty("unitsMissing").GetInt32());
    }

    [Fact]
    public async Task The_history_of_a_cell_shows_its_correction()
    {
        var (id, graves, _) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5))).StatusCode
        );
        var url = GridUrl(id, T.C1);
        var (_, page) = await f.Commune.GetPageAsync(url);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await f.Commune.SubmitAsync(page, url, "grid", new() { [Cell(T.V1, graves)] = "8" })).StatusCode
        );
        (_, page) = await f.Commune.GetPageAsync(url);
        var link = page.QuerySelectorAll("a")
            .Select(a => a.GetAttribute("href"))
            .Single(h => h?.Contains($"history?unitId={T.V1.Id}&indicatorId={graves}") == true)!;

        var (response, history) = await f.Commune.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = history
            .QuerySelectorAll("tbody tr")
            .Select(r => r.Children.Skip(1).Select(c => c.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["5", "8", "Bảng nhập"], rows[0][..3]);
        Assert.Equal(["(trống)", "5", "API"], rows[1][..3]);
        Assert.Contains("Thôn Thượng", Text(history.QuerySelector(".summary-list")), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.Commune.GetAsync(
                    $"/campaigns/{id}/entries/history?unitId={T.V1.Id}&indicatorId=987654&period={Iso(f.Today)}"
                )
            ).StatusCode
        );
    }

    // ---- Import ------------------------------------------------------------------------------------

    private async Task<List<Dictionary<string, object?>>> TemplateAsync(int id, Unit unit)
    {
        var response = await f.Commune.GetAsync(
            $"/campaigns/{id}/template.xlsx?frequency=Daily&date={Iso(f.Today)}&unitId={unit.Id}"
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            response.Content.Headers.ContentType?.MediaType
        );
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return
        [
            .. stream
                .Query(useHeaderRow: true)
                .Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r)),
        ];
    }

    private static byte[] Sheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private const string Code = "Mã đơn vị";
    private const string Name = "Tên đơn vị";
    private const string Period = "Kỳ (dd/MM/yyyy)";
    private const string GravesColumn = "Mộ đã di dời (ngôi mộ)";
    private const string AreaColumn = "Diện tích bàn giao (m²)";

    [Fact]
    public async Task The_template_lists_the_officers_villages_with_the_periods_values_under_the_indicator_headers()
    {
        var (id, graves, _) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5))).StatusCode
        );

        var rows = await TemplateAsync(id, T.C1);

        Assert.Equal([Code, Name, Period, GravesColumn, AreaColumn], rows[0].Keys);
        Assert.Equal([T.V2.Code, T.V1.Code], rows.Select(r => r[Code]?.ToString()));
        var v1 = rows.Single(r => (string?)r[Code] == T.V1.Code);
        Assert.Equal("Thôn Thượng", v1[Name]);
        Assert.Equal("16/11/2026", v1[Period]);
        Assert.Equal(5d, Convert.ToDouble(v1[GravesColumn], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(rows.Single(r => (string?)r[Code] == T.V2.Code)[GravesColumn]);
    }

    [Fact]
    public async Task A_sheet_with_bad_rows_lists_each_row_and_column_and_neither_the_page_nor_the_API_writes_anything()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5))).StatusCode
        );
        Dictionary<string, object?> Row(
            string code,
            object? gravesValue,
            object? areaValue = null,
            string period = "16/11/2026"
        ) =>
            new()
            {
                [Code] = code,
                [Name] = "",
                [Period] = period,
                [GravesColumn] = gravesValue,
                [AreaColumn] = areaValue,
            };
        var file = Sheet([
            Row(T.V1.Code, 3), // row 2: fine on its own
            Row("KHONG-CO", 1, 2), // row 3: no such unit (one problem for its two cells)
            Row(T.V2.Code, -2), // row 4: negative
            Row(T.V2.Code, null, "mười"), // row 5: not a number
            Row(T.V3.Code, 1), // row 6: another commune's village
            Row(T.V1.Code, 1, null, "01/12/2026"), // row 7: after the campaign
        ]);

        var response = await f.Commune.SubmitFormAsync(
            $"/campaigns/{id}/import",
            "figures-upload",
            [],
            ("file", "so-lieu.xlsx", file)
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var problems = page.QuerySelectorAll("table[data-testid=import-problems] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(["3", "4", "5", "6", "7"], problems.Select(p => p[0]));
        Assert.Equal(
            [Code, "Mộ đã di dời", "Diện tích bàn giao", "Mộ đã di dời", "Mộ đã di dời"],
            problems.Select(p => p[1])
        );
        Assert.Contains("KHONG-CO", problems[0][2], StringComparison.Ordinal);
        Assert.Contains("không được âm", problems[1][2], StringComparison.Ordinal);
        Assert.Contains("mười", problems[2][2], StringComparison.Ordinal);
        Assert.Contains("không thuộc phạm vi", problems[3][2], StringComparison.Ordinal);
        Assert.Contains("ngoài thời gian", problems[4][2], StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=_handler][value=figures-commit]"));

        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "so-lieu.xlsx" } };
        var api = await f.CommuneApi.PostAsync($"/api/v1/campaigns/{id}/import?preview=false", form);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(
            5,
            JsonDocument
                .Parse(await api.Content.ReadAsStringAsync())
                .RootElement.GetProperty("problems")
                .GetArrayLength()
        );
        Assert.Equal(5m, await StoredAsync(id, T.V1, graves));
        Assert.Equal(1, await f.WithDbAsync(db => db.Set<CampaignFigure>().CountAsync(x => x.CampaignId == id)));
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_filled_in_template_previews_its_counts_then_commits_every_figure_with_one_audit_entry()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5), Figure(T.V2, graves, f.Today, 4))
            ).StatusCode
        );
        var rows = await TemplateAsync(id, T.C1);
        var v1 = rows.Single(r => (string?)r[Code] == T.V1.Code);
        var v2 = rows.Single(r => (string?)r[Code] == T.V2.Code);
        v1[GravesColumn] = 6; // changed
        v1[AreaColumn] = 12.5; // new
        v2[AreaColumn] = 3; // new; the 4 graves stay as they are

        var response = await f.Commune.SubmitFormAsync(
            $"/campaigns/{id}/import",
            "figures-upload",
            [],
            ("file", "so-lieu.xlsx", Sheet(rows))
        );

        var preview = PageClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["2", "4", "2", "1", "1"],
            preview.QuerySelectorAll(".summary-list dd").Select(d => d.TextContent.Trim())
        );
        Assert.Equal(3, preview.QuerySelectorAll("table[data-testid=import-sample] tbody tr").Length);
        Assert.Equal(5m, await StoredAsync(id, T.V1, graves)); // a preview writes nothing

        var committed = await f.Commune.SubmitAsync(preview, $"/campaigns/{id}/import", "figures-commit", []);
        var (_, done) = await f.Commune.FollowAsync(committed);
        Assert.Contains("lưu 3 số liệu", Text(done.QuerySelector(".notice")), StringComparison.Ordinal);
        Assert.Equal(6m, await StoredAsync(id, T.V1, graves));
        Assert.Equal(12.5m, await StoredAsync(id, T.V1, area));
        Assert.Equal(3m, await StoredAsync(id, T.V2, area));
        Assert.Equal(4m, await StoredAsync(id, T.V2, graves));
        Assert.Equal(
            3,
            await f.WithDbAsync(db =>
                db.Set<FigureRevision>().CountAsync(r => r.CampaignId == id && r.Source == FigureSource.Import)
            )
        );
        var audit = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.FiguresImported && a.EntityId == id.ToString())
                .ToListAsync()
        );
        Assert.Single(audit);
        Assert.Contains("so-lieu.xlsx", audit[0].Details, StringComparison.Ordinal);
        Assert.False(
            await f.WithDbAsync(db => db.StagedUploads.AnyAsync(u => u.Purpose == $"campaign-figures-{id}")),
            "The staged file is removed after the commit."
        );
        Assert.Empty(await f.CheckAsync(id));
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_figure_changed_after_the_check_is_shown_and_the_commit_writes_nothing()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, f.Today, 5))).StatusCode
        );
        var rows = await TemplateAsync(id, T.C1);
        rows.Single(r => (string?)r[Code] == T.V1.Code)[GravesColumn] = 6;
        rows.Single(r => (string?)r[Code] == T.V2.Code)[AreaColumn] = 2.5;
        var response = await f.Commune.SubmitFormAsync(
            $"/campaigns/{id}/import",
            "figures-upload",
            [],
            ("file", "so-lieu.xlsx", Sheet(rows))
        );
        var preview = PageClient.Parse(await response.Content.ReadAsStringAsync());

        // Someone corrects the same cell in the grid between the check and the commit.
        f.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.Province, id, Figure(T.V1, graves, f.Today, 8, version: 1))).StatusCode
        );
        response = await f.Commune.SubmitAsync(preview, $"/campaigns/{id}/import", "figures-commit", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var problems = page.QuerySelectorAll("table[data-testid=import-problems] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        var problem = Assert.Single(problems);
        Assert.Equal(["3", "Mộ đã di dời"], problem[..2]); // Thôn Thượng comes after Thôn Hạ in the template
        Assert.Contains("Test Officer Tỉnh Thử Nghiệm", problem[2], StringComparison.Ordinal);
        Assert.Contains("8", problem[2], StringComparison.Ordinal);
        Assert.Equal(8m, await StoredAsync(id, T.V1, graves));
        Assert.Null(await StoredAsync(id, T.V2, area));
        Assert.False(
            await f.WithDbAsync(db => db.StagedUploads.AnyAsync(u => u.Purpose == $"campaign-figures-{id}")),
            "A refused file is not kept: it is checked again."
        );
        Assert.Empty(await f.CheckAsync(id));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_with_a_clear_message()
    {
        var (id, _, _) = await NewCampaignAsync();

        var response = await f.Commune.SubmitFormAsync(
            $"/campaigns/{id}/import",
            "figures-upload",
            [],
            ("file", "so-lieu.xlsx", Encoding.UTF8.GetBytes("Mã đơn vị,Mộ đã di dời\nT91001-01,3\n"))
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PageClient.Parse(await response.Content.ReadAsStringAsync());
        var problem = page.QuerySelector("table[data-testid=import-problems] tbody tr td:last-child")?.TextContent
            ?? "";
        Assert.Contains("không phải bảng tính Excel", problem, StringComparison.Ordinal);
        Assert.False(await f.WithDbAsync(db => db.Set<CampaignFigure>().AnyAsync(x => x.CampaignId == id)));
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task The_figures_export_holds_the_callers_own_units_figures_as_numbers_and_dates()
    {
        var (id, graves, area) = await NewCampaignAsync();
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(
                    f.CommuneApi,
                    id,
                    Figure(T.V1, graves, f.Today, 5),
                    Figure(T.V2, graves, f.Today, 4),
                    Figure(T.V1, area, f.Today, 12.5m)
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.Province, id, Figure(T.V3, graves, f.Today, 9))).StatusCode
        );

        async Task<List<IDictionary<string, object?>>> ExportAsync(PageClient client, string query = "")
        {
            var response = await client.GetAsync($"/campaigns/{id}/figures/export?format=xlsx{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()];
        }

        var commune = await ExportAsync(f.Commune);
        Assert.Equal(3, commune.Count);
        Assert.DoesNotContain(commune, r => (string?)r[Code] == T.V3.Code);
        var v1Area = commune.Single(r =>
            (string?)r[Code] == T.V1.Code && ((string)r["Chỉ tiêu"]!).StartsWith("Diện tích", StringComparison.Ordinal)
        );
        Assert.Equal(12.5, Convert.ToDouble(v1Area["Giá trị"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(f.Today.ToDateTime(TimeOnly.MinValue), v1Area["Kỳ"]);

        Assert.Equal(4, (await ExportAsync(f.ProvincePages)).Count);
        Assert.Equal(3, (await ExportAsync(f.ProvincePages, $"&unitId={T.C1.Id}")).Count);
        Assert.Empty(await ExportAsync(f.ProvincePages, $"&from={Iso(f.Today.AddDays(1))}"));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await f.CommuneApi.GetAsync($"/api/v1/campaigns/{id}/figures/export?format=pdf")).StatusCode
        );
        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Action == AuditAction.Exported && a.EntityType == "CampaignFigure" && a.EntityId == id.ToString()
                )
            )
        );
    }
}
