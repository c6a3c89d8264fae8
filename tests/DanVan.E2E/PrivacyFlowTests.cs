using System.Text.Json;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A data subject's erasure request in the browser, on a phone: the commune's officer opens the demo's request, finds the
/// person's petitions, hands the person their data as one file, erases it everywhere (after confirming the records are
/// theirs), sees nothing left to find, and closes the request with the answer given to the person.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class PrivacyFlowTests(DemoSite site)
{
    [Fact]
    public async Task A_commune_officer_hands_over_and_erases_a_persons_data_and_closes_the_request()
    {
        await using var officer = await site.OpenAsync("privacy-officer", 360, 780);
        await officer.SignInAsync("tiendu.canbo@danvan.demo");
        await officer.GotoAsync("/privacy");
        await officer.ScreenshotAsync("list");
        await officer.Page.Locator("a[data-request]", new() { HasText = "Xóa dữ liệu" }).First.ClickAsync();
        await Expect(officer.Page.Locator("h1")).ToContainTextAsync("Xóa dữ liệu");
        var petitions = officer.Page.Locator("li[data-match^='Petition-']");
        await Expect(petitions.First).ToBeVisibleAsync();
        var found = await petitions.CountAsync();
        await officer.ScreenshotAsync("request");

        var download = await officer.Page.RunAndWaitForDownloadAsync(() =>
            officer.Page.GetByRole(AriaRole.Button, new() { Name = "Tải dữ liệu của chủ thể (một tệp)" }).ClickAsync()
        );
        var path = Path.Combine(Path.GetTempPath(), $"privacy-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(path);
        using (var file = JsonDocument.Parse(await File.ReadAllBytesAsync(path)))
        {
            var name = file.RootElement.GetProperty("Subject").GetProperty("Name").GetString();
            Assert.False(string.IsNullOrWhiteSpace(name));
            var handedOver = file.RootElement.GetProperty("Petitions").EnumerateArray().ToList();
            Assert.Equal(found, handedOver.Count);
            Assert.All(handedOver, p => Assert.Equal(name, p.GetProperty("Name").GetString()));
        }

        File.Delete(path);

        // Erasing without confirming is refused by the form itself; confirmed, every record is erased.
        var erase = officer.Page.GetByRole(
            AriaRole.Button,
            new() { Name = "Xóa dữ liệu của chủ thể ở mọi nơi đã liệt kê" }
        );
        await officer.Page.GetByLabel("Tôi đã kiểm tra: mọi hồ sơ ở trên đều là của chính người yêu cầu.").CheckAsync();
        await erase.ClickAsync();
        await Expect(officer.Page.Locator(".notice[role=status]")).ToContainTextAsync($"Đã xóa: {found}.");
        // Nothing was changed meanwhile, so the notice does not speak of records left.
        await Expect(officer.Page.Locator(".notice[role=status]")).Not.ToContainTextAsync("chưa xóa");
        await Expect(petitions).ToHaveCountAsync(0);
        await officer.ScreenshotAsync("erased");

        await officer.Page.GetByLabel("Kết quả").SelectOptionAsync(new SelectOptionValue { Label = "Đã giải quyết" });
        await officer
            .Page.GetByLabel("Trả lời chủ thể")
            .FillAsync("Đã xóa họ tên, số điện thoại và số định danh của ông/bà khỏi các đơn thư của xã.");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Đóng yêu cầu", Exact = true }).ClickAsync();
        await Expect(officer.Page.Locator(".notice[role=status]")).ToContainTextAsync("Đã đóng yêu cầu.");
        await Expect(officer.Page.Locator("main")).ToContainTextAsync("Đã giải quyết");
        officer.AssertNothingWentWrong();
    }
}
