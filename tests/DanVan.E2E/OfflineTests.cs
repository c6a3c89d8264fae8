using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Work without a network, in Chromium with the network switched off (docs/OFFLINE.md): a commune officer enters three
/// days of figures in a village hall and they arrive when the signal returns; a petition recorded at a reception day
/// gets its tracking code once sent; a figure changed meanwhile by someone else is shown beside the officer's, who
/// chooses; a refused entry is corrected and sent again; signing out empties the device.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class OfflineTests(DemoSite site)
{
    private const string Officer = "tiendu.canbo@danvan.demo";
    private const string Save = "Lưu số liệu";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Signs in and waits for the service worker and the grid's days to be kept on the device.</summary>
    private async Task<BrowserSession> PhoneWithGridKeptAsync(string name, string grid)
    {
        var phone = await site.OpenAsync(name, 360, 780);
        await phone.SignInAsync(Officer);
        await ControlledAsync(phone.Page);
        await phone.GotoAsync(grid);
        await Expect(phone.Page.Locator("html[data-offline-kept='true']")).ToHaveCountAsync(1);
        return phone;
    }

    /// <summary>Waits until the service worker the signed-in page registered is in charge of the tab.</summary>
    private static Task ControlledAsync(IPage page) =>
        page.EvaluateAsync(
            """
            () => navigator.serviceWorker.controller ? true : new Promise(resolve =>
                navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true)))
            """
        );

    private static string Grid(int campaign, DateOnly day) =>
        $"/campaigns/{campaign}/entries?date={Iso(day)}&frequency=Daily";

    /// <summary>The first village whose graves cell is empty on the page, and that cell.</summary>
    private static async Task<(string Village, ILocator Cell)> EmptyGravesCellAsync(IPage page)
    {
        var row = page.Locator("tbody tr.grid__row")
            .Filter(new() { Has = page.Locator("input.grid__input[value='']") })
            .First;
        var village = (await row.Locator("th.grid__unit").InnerTextAsync()).Trim();
        return (village, page.GetByLabel($"Mộ đã di dời – {village}", new() { Exact = true }));
    }

    private static ILocator Entries(IPage page) => page.Locator("#offline-entries > li");

    /// <summary>Every entry in the device's IndexedDB store, as the page's script left it.</summary>
    private static async Task<JsonElement[]> StoredEntriesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            """
            () => new Promise(resolve => {
                const open = indexedDB.open('danvan', 1);
                open.onsuccess = () => {
                    const all = open.result.transaction('entries').objectStore('entries').getAll();
                    all.onsuccess = () => resolve(JSON.stringify(all.result));
                };
            })
            """
        );
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public async Task A_commune_officer_enters_three_days_of_figures_offline_and_they_arrive_when_the_network_returns()
    {
        var (campaign, _) = await site.CampaignAsync();
        await using var phone = await PhoneWithGridKeptAsync("offline-grid", Grid(campaign, Today));
        var page = phone.Page;

        await phone.Context.SetOfflineAsync(true);
        var typed = new List<(DateOnly Day, string Village, string Value)>();
        for (var back = 0; back < 3; back++)
        {
            var day = Today.AddDays(-back);
            await phone.GotoAsync(Grid(campaign, day));
            await Expect(page.Locator(".offline-banner")).ToContainTextAsync("Bạn đang ngoại tuyến");
            var (village, cell) = await EmptyGravesCellAsync(page);
            var value = (3 + back).ToString(CultureInfo.InvariantCulture);
            await cell.FillAsync(value);
            await page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();
            await Expect(page.Locator(".offline-notice")).ToContainTextAsync("Đã lưu trên thiết bị");
            typed.Add((day, village, value));
            if (back == 0)
            {
                await phone.ScreenshotAsync("grid-kept-offline");
            }
        }

        await phone.GotoAsync("/offline");
        await Expect(Entries(page)).ToHaveCountAsync(3);
        await Expect(Entries(page).Filter(new() { HasText = "Đang chờ gửi" })).ToHaveCountAsync(3);
        await phone.ScreenshotAsync("queue-waiting");

        // The signal returns: the entries send themselves, and keep no figure on the device.
        await phone.Context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Expect(Entries(page).Filter(new() { HasText = "Đã gửi và lưu" })).ToHaveCountAsync(3);
        await phone.ScreenshotAsync("queue-sent");
        var kept = (await StoredEntriesAsync(page)).Sum(e => e.GetProperty("fields").GetArrayLength());
        Assert.Equal(0, kept);

        foreach (var (day, village, value) in typed)
        {
            await phone.GotoAsync(Grid(campaign, day));
            await Expect(page.GetByLabel($"Mộ đã di dời – {village}", new() { Exact = true })).ToHaveValueAsync(value);
        }

        // The campaign's dashboard reads the same figures.
        await phone.GotoAsync($"/campaigns/{campaign}/dashboard");
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_petition_recorded_offline_gets_its_tracking_code_once_sent()
    {
        await using var phone = await site.OpenAsync("offline-petition", 360, 780);
        await phone.SignInAsync(Officer);
        var page = phone.Page;
        await ControlledAsync(page);
        await phone.GotoAsync("/petitions");
        // Opened once while online, so the device keeps the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận kiến nghị" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tiếp nhận kiến nghị");
        var form = page.Url;
        // Opened by the link, the page came through Blazor's enhanced navigation; the service worker kept it as well.

        await phone.Context.SetOfflineAsync(true);
        await page.GotoAsync(form);
        await Expect(page.Locator(".offline-banner")).ToBeVisibleAsync();
        // A reception day: one citizen after another, the form emptied for the next each time.
        (string Title, string Name)[] citizens =
        [
            ("Cống thoát nước thôn Đông bị tắc", "Lê Thị Ngoại"),
            ("Đèn chiếu sáng ngõ 4 thôn Đoài hỏng", "Phạm Văn Tuyến"),
        ];
        foreach (var (title, name) in citizens)
        {
            await page.GetByLabel("Địa bàn (xã hoặc thôn, tổ dân phố)", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Index = 2 });
            await page.GetByLabel("Hình thức tiếp nhận", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByLabel("Lĩnh vực", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Label = "Hạ tầng, giao thông" });
            await page.GetByLabel("Trích yếu", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Nội dung phản ánh, kiến nghị", new() { Exact = true })
                .FillAsync($"{title}: người dân đề nghị xã kiểm tra, xử lý sớm.");
            await page.GetByLabel("Người phản ánh, kiến nghị", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Label = "Công dân" });
            await page.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận kiến nghị" }).ClickAsync();
            await Expect(page.Locator(".offline-notice")).ToContainTextAsync("Đã lưu trên thiết bị");
            await Expect(page.GetByLabel("Trích yếu", new() { Exact = true })).ToHaveValueAsync("");
            await Expect(page.GetByLabel("Họ và tên", new() { Exact = true })).ToHaveValueAsync("");
            if (name == citizens[0].Name)
            {
                await phone.ScreenshotAsync("petition-kept-offline");
            }
        }

        await phone.Context.SetOfflineAsync(false);
        await phone.GotoAsync("/offline");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (title, _) in citizens)
        {
            var sent = Entries(page).Filter(new() { HasText = title });
            await Expect(sent).ToContainTextAsync("Đã gửi và lưu");
            var code = TrackingCode().Match(await sent.InnerTextAsync());
            Assert.True(code.Success, $"no tracking code on \"{title}\"");
            codes.Add(code.Value);
        }
        Assert.Equal(2, codes.Count);
        await phone.ScreenshotAsync("petition-sent");

        // Nothing of the petitioners stays on the device once sent.
        var stored = string.Join('\n', (await StoredEntriesAsync(page)).Select(e => e.GetRawText()));
        foreach (var (_, name) in citizens)
        {
            Assert.DoesNotContain(name, stored, StringComparison.Ordinal);
        }
        var entry = Entries(page).Filter(new() { HasText = citizens[0].Title });
        await entry.GetByRole(AriaRole.Link, new() { Name = "Mở bản ghi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(citizens[0].Title);
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_dialogues_participants_and_conclusions_recorded_offline_arrive_when_the_network_returns()
    {
        await using var phone = await site.OpenAsync("offline-dialogue", 360, 780);
        await phone.SignInAsync(Officer);
        var page = phone.Page;
        await ControlledAsync(page);
        await phone.GotoAsync("/dialogues");
        await page.Locator("[data-record-list] td.cell--title a").First.ClickAsync();
        var dialogue = new Uri(page.Url).AbsolutePath;
        // Opened once while online, so the device keeps the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Kết luận", new() { Exact = true })).ToBeVisibleAsync();
        var form = page.Url;

        await phone.Context.SetOfflineAsync(true);
        await page.GotoAsync(form);
        await Expect(page.Locator(".offline-banner")).ToBeVisibleAsync();
        const string conclusion = "Xã giao thôn Đông khơi thông cống trước mùa mưa; báo cáo kết quả tại buổi sau.";
        await page.GetByLabel("Công dân", new() { Exact = true }).FillAsync("64");
        await page.GetByLabel("Kết luận", new() { Exact = true }).FillAsync(conclusion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(page.Locator(".offline-notice")).ToContainTextAsync("Đã lưu trên thiết bị");
        // A dialogue's record keeps what was typed on the form (it is one record, not one citizen after another).
        await Expect(page.GetByLabel("Kết luận", new() { Exact = true })).ToHaveValueAsync(conclusion);

        await phone.Context.SetOfflineAsync(false);
        await phone.GotoAsync("/offline");
        await Expect(Entries(page).Filter(new() { HasText = "Đã gửi và lưu" })).ToHaveCountAsync(1);
        await phone.GotoAsync(dialogue);
        await Expect(page.Locator("main")).ToContainTextAsync(conclusion);
        await Expect(page.Locator("main")).ToContainTextAsync("64");
        Assert.DoesNotContain(
            conclusion,
            string.Join('\n', (await StoredEntriesAsync(page)).Select(e => e.GetRawText())),
            StringComparison.Ordinal
        );
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_figure_changed_meanwhile_is_shown_beside_the_officers_who_chooses_and_a_refused_one_is_corrected()
    {
        var (campaign, _) = await site.CampaignAsync();
        var day = Today.AddDays(-4);
        await using var phone = await PhoneWithGridKeptAsync("offline-conflict", Grid(campaign, day));
        var page = phone.Page;
        var (village, cell) = await EmptyGravesCellAsync(page);
        var area = page.GetByLabel($"Diện tích mặt bằng đã bàn giao – {village}", new() { Exact = true });

        await phone.Context.SetOfflineAsync(true);
        await phone.GotoAsync(Grid(campaign, day));
        await cell.FillAsync("7");
        await area.FillAsync("1269.5");
        await page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();
        await Expect(page.Locator(".offline-notice")).ToContainTextAsync("Đã lưu trên thiết bị");

        // Meanwhile a colleague at the office saves the same village's graves.
        await using (var desk = await site.OpenAsync("offline-conflict-desk", 1280, 800))
        {
            await desk.SignInAsync(Officer);
            await desk.GotoAsync(Grid(campaign, day));
            await desk.Page.GetByLabel($"Mộ đã di dời – {village}", new() { Exact = true }).FillAsync("5");
            await desk.Page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();
            await Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");
        }

        // Back online: the area typed the foreign way is refused, with the server's words, and kept on the device.
        await phone.Context.SetOfflineAsync(false);
        await phone.GotoAsync("/offline");
        var entry = Entries(page).First;
        await Expect(entry).ToContainTextAsync("Máy chủ không nhận");
        await phone.ScreenshotAsync("queue-refused");

        // Corrected on the grid it came from, and sent again: now the two graves figures meet.
        await entry.GetByRole(AriaRole.Link, new() { Name = "Mở để sửa" }).ClickAsync();
        await Expect(page.Locator(".offline-notice--error")).ToContainTextAsync("Đang sửa một mục chưa gửi");
        await Expect(area).ToHaveValueAsync("1269.5");
        await area.FillAsync("1.269,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu trên thiết bị, gửi sau" }).ClickAsync();
        await Expect(page.Locator(".offline-notice--kept")).ToContainTextAsync("Đã lưu trên thiết bị");
        await phone.GotoAsync("/offline");
        await Expect(entry).ToContainTextAsync("Có người đã sửa số liệu này");
        await Expect(entry.Locator(".offline-conflict__values")).ToHaveTextAsync("Của bạn: 7 · Đã lưu trên máy chủ: 5");
        await phone.ScreenshotAsync("queue-conflict");

        await entry.GetByRole(AriaRole.Button, new() { Name = "Giữ số của tôi" }).ClickAsync();
        await Expect(entry).ToContainTextAsync("Đã gửi và lưu");
        await phone.GotoAsync(Grid(campaign, day));
        await Expect(cell).ToHaveValueAsync("7");
        await Expect(area).ToHaveValueAsync("1.269,5");
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task A_copy_or_a_receipt_older_than_a_session_is_forgotten()
    {
        var (campaign, _) = await site.CampaignAsync();
        var grid = Grid(campaign, Today.AddDays(-6));
        await using var phone = await PhoneWithGridKeptAsync("offline-expiry", grid);
        var page = phone.Page;

        // The grid's copy and a sent receipt, as if kept thirteen hours ago (a session lasts twelve).
        await page.EvaluateAsync(
            """
            async path => {
                const old = new Date(Date.now() - 13 * 3600 * 1000).toISOString();
                const cache = await caches.open('danvan-pages-v1');
                const copy = await cache.match(path);
                await cache.put(path, new Response(await copy.text(), {
                    headers: { 'content-type': copy.headers.get('content-type'), 'x-danvan-saved': old },
                }));
                await new Promise(resolve => {
                    const open = indexedDB.open('danvan', 1);
                    open.onupgradeneeded = () => open.result.createObjectStore('entries', { keyPath: 'id' });
                    open.onsuccess = () => {
                        const account = document.querySelector('meta[name="danvan-account"]').content;
                        const t = open.result.transaction('entries', 'readwrite');
                        t.objectStore('entries').put({
                            id: 'old-receipt', account, kind: 'petition', url: '/petitions/new', title: 'Biên nhận cũ',
                            fields: [], status: 'saved', errors: [], conflicts: [], createdAt: old, keptAt: old, sentAt: old,
                            result: { url: '/petitions', code: 'AAAAA-BBBBB', pin: '123456' },
                        });
                        t.oncomplete = resolve;
                    };
                });
            }
            """,
            grid
        );

        await phone.Context.SetOfflineAsync(true);
        await page.GotoAsync(grid);
        // Not the grid's old copy: the device's list of what waits, without the old receipt.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trên thiết bị này");
        await Expect(page.Locator("#offline-entries")).Not.ToContainTextAsync("AAAAA-BBBBB");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await StoredEntriesAsync(page)).Any(e => e.GetProperty("id").GetString() == "old-receipt"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the old receipt is still on the device");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        await phone.Context.SetOfflineAsync(false);
        phone.AssertNothingWentWrong();
    }

    [Fact]
    public async Task Signing_out_empties_the_device()
    {
        var (campaign, _) = await site.CampaignAsync();
        var day = Today.AddDays(-5);
        await using var phone = await PhoneWithGridKeptAsync("offline-signout", Grid(campaign, day));
        var page = phone.Page;
        var (_, cell) = await EmptyGravesCellAsync(page);
        await phone.Context.SetOfflineAsync(true);
        await phone.GotoAsync(Grid(campaign, day));
        await cell.FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = Save }).ClickAsync();
        await Expect(page.Locator(".offline-notice")).ToContainTextAsync("Đã lưu trên thiết bị");
        await phone.Context.SetOfflineAsync(false);

        await phone.GotoAsync("/offline");
        await page.GetByRole(AriaRole.Button, new() { Name = Vi.SignOut, IncludeHidden = true })
            .First.EvaluateAsync("b => b.click()");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/" or "/account/login");
        var left = await page.EvaluateAsync<string>(
            "async () => JSON.stringify({ databases: (await indexedDB.databases()).map(d => d.name), caches: await caches.keys() })"
        );
        Assert.Equal("""{"databases":[],"caches":[]}""", left);
        phone.AssertNothingWentWrong();
    }

    [GeneratedRegex("Mã tra cứu [0-9A-Z]{5}-[0-9A-Z]{5} · Mã PIN [0-9]{6}")]
    private static partial Regex TrackingCode();
}
