using System.Text.RegularExpressions;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A model's way through the browser: a commune officer registers it with the ten items, launches it and
/// starts it; the province's commission inspects it; the commune's leader recognizes it; the public finds it
/// in the library by typing without diacritics; a ward replicates it; the province sees where it went.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class ModelLifecycleTests(DemoSite site)
{
    private const string Name = "Dân vận khéo trong hiến đất làm đường thôn Đông Sơn";

    [Fact]
    public async Task A_model_is_registered_inspected_and_recognized_each_by_its_own_people()
    {
        string modelPath;
        await using (var officer = await site.OpenAsync("model-commune-officer"))
        {
            await officer.SignInAsync("tiendu.canbo@danvan.demo");
            await officer
                .Page.GetByRole(AriaRole.Navigation, new() { Name = "Chính", Exact = true })
                .GetByRole(AriaRole.Link, new() { Name = "Mô hình" })
                .ClickAsync();
            await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Mô hình, điển hình");
            await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký mô hình" }).ClickAsync();
            await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Đăng ký mô hình");

            // Registering with items missing is refused at the fields, and what was typed stays.
            await officer
                .Page.GetByLabel("Lĩnh vực")
                .SelectOptionAsync(new SelectOptionValue { Label = "Văn hóa – xã hội" });
            await officer.Page.GetByLabel("Tổ chức chủ trì").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await officer.Page.GetByLabel("1. Tên mô hình").FillAsync(Name);
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu và đăng ký" }).ClickAsync();
            await Expect(officer.Page.Locator(".error-summary")).ToContainTextAsync("Chưa thể đăng ký mô hình");
            await Expect(officer.Page.Locator(".error-summary a[href$='#Situation']")).ToBeVisibleAsync();
            await Expect(officer.Page.GetByLabel("1. Tên mô hình")).ToHaveValueAsync(Name);
            await officer.ScreenshotAsync("register-errors");

            foreach (
                var (id, text) in new[]
                {
                    ("Situation", "Đường thôn hẹp, mùa mưa lầy lội."),
                    ("Goals", "Mở rộng 2 km đường; 100% hộ đồng thuận."),
                    ("Content", "Vận động từng hộ hiến đất; đảng viên đi đầu."),
                    ("AreaAndBeneficiaries", "Thôn Đông Sơn; 320 hộ."),
                    ("Forces", "Chi bộ chủ trì; Ban công tác Mặt trận phối hợp."),
                    ("Resources", "Nhân dân góp 1.500 ngày công."),
                    ("Timeline", "Tháng 1 khởi công, tháng 9 hoàn thành."),
                    ("Outputs", "2 km đường bê tông, biên bản hiến đất."),
                    ("Sustainability", "Tổ tự quản duy tu hằng năm."),
                }
            )
            {
                await officer.Page.Locator($"#{id}").FillAsync(text);
            }

            await officer.Page.GetByLabel("Hiển thị trong thư viện công khai khi được công nhận").CheckAsync();
            await officer.Page.GetByLabel("Ngày bắt đầu").FillAsync("2026-01-05");
            await officer.Page.GetByLabel("Ngày đánh giá").FillAsync("2026-10-30");
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu và đăng ký" }).ClickAsync();
            await officer.Page.WaitForURLAsync(ModelPage());
            await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Name);
            await Expect(officer.Page.Locator(".page-heading .status")).ToHaveTextAsync("Đã đăng ký");
            modelPath = new Uri(officer.Page.Url).AbsolutePath;

            await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận ra mắt" }).ClickAsync();
            await officer
                .Page.GetByLabel("Cam kết và phân công trách nhiệm")
                .FillAsync("320 hộ ký cam kết; mỗi đảng viên phụ trách 10 hộ.");
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận ra mắt" }).ClickAsync();
            await Expect(officer.Page.Locator(".page-heading .status")).ToHaveTextAsync("Đã ra mắt");
            await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Bắt đầu triển khai" }).ClickAsync();
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu triển khai" }).ClickAsync();
            await Expect(officer.Page.Locator(".page-heading .status")).ToHaveTextAsync("Đang thực hiện");

            // Results are reported as the work goes on.
            await officer
                .Page.GetByLabel("Chỉ tiêu", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Label = "Diện tích đất hiến (m²)" });
            await officer.Page.GetByLabel("Thực hiện", new() { Exact = true }).FillAsync("1800");
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả" }).ClickAsync();
            await Expect(officer.Page.GetByText("Đã lưu kết quả.")).ToBeVisibleAsync();
            await Expect(officer.Page.Locator("#results ~ .table-wrap")).ToContainTextAsync("1.800");

            // The commune cannot inspect its own model: the step is not offered.
            await Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận kiểm tra, khảo sát" }))
                .ToHaveCountAsync(0);
            await officer.ScreenshotAsync("implementing");
            officer.AssertNothingWentWrong();
        }

        await using (var commission = await site.OpenAsync("model-province-commission"))
        {
            await commission.SignInAsync("tinh.canbo@danvan.demo");
            await commission.GotoAsync(modelPath);
            await commission.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận kiểm tra, khảo sát" }).ClickAsync();
            await commission
                .Page.GetByLabel("Kết quả kiểm tra, khảo sát")
                .FillAsync("Đúng nội dung đăng ký; 1,8 km đã hoàn thành; nhân dân đồng tình.");
            await commission
                .Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận kiểm tra, khảo sát" })
                .ClickAsync();
            await Expect(commission.Page.Locator(".page-heading .status")).ToHaveTextAsync("Đã kiểm tra");
            // An officer does not recognize.
            await Expect(commission.Page.GetByRole(AriaRole.Link, new() { Name = "Công nhận", Exact = true }))
                .ToHaveCountAsync(0);
            commission.AssertNothingWentWrong();
        }

        await using (var leader = await site.OpenAsync("model-commune-leader"))
        {
            await leader.SignInAsync(
                await site.CreateLeaderAsync("model.lanhdao@danvan.demo", DanVan.Demo.BacNinhDemo.CommuneCode)
            );
            await leader.GotoAsync(modelPath);
            await leader.Page.GetByRole(AriaRole.Link, new() { Name = "Công nhận", Exact = true }).ClickAsync();
            // A commune leader recognizes at commune level only.
            await Expect(leader.Page.GetByLabel("Cấp công nhận").Locator("option"))
                .ToHaveTextAsync(["Chọn…", "Cấp xã"]);
            await leader.Page.GetByLabel("Cấp công nhận").SelectOptionAsync(new SelectOptionValue { Label = "Cấp xã" });
            await leader.Page.GetByLabel("Số quyết định").FillAsync("27/QĐ-BCĐ");
            await leader
                .Page.GetByLabel("Cơ quan ban hành")
                .FillAsync("Ban Chỉ đạo phong trào “Dân vận khéo” xã Tiên Du");
            await leader.ScreenshotAsync("recognize");
            await leader.Page.GetByRole(AriaRole.Button, new() { Name = "Công nhận", Exact = true }).ClickAsync();
            await Expect(leader.Page.Locator(".page-heading .status")).ToHaveTextAsync("Đã công nhận");
            await Expect(leader.Page.Locator(".summary-list")).ToContainTextAsync("Cấp xã, quyết định số 27/QĐ-BCĐ");
            await Expect(leader.Page.Locator(".timeline > li")).ToHaveCountAsync(5);
            await leader.ScreenshotAsync("recognized");

            await leader.GotoAsync("/models?q=dan+van+kheo+hien+dat");
            await Expect(leader.Page.GetByRole(AriaRole.Link, new() { Name = Name })).ToBeVisibleAsync();
            leader.AssertNothingWentWrong();
        }

        // The public finds it without signing in, typing without diacritics.
        await using (var visitor = await site.OpenAsync("model-library-visitor"))
        {
            await visitor.GotoAsync("/");
            await visitor
                .Page.GetByRole(AriaRole.Navigation, new() { Name = "Chính", Exact = true })
                .GetByRole(AriaRole.Link, new() { Name = "Thư viện" })
                .ClickAsync();
            await visitor.Page.GetByLabel("Tên, nội dung hoặc từ khóa").FillAsync("dan van kheo dong son");
            await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm kiếm" }).ClickAsync();
            await visitor.Page.GetByRole(AriaRole.Link, new() { Name = Name }).ClickAsync();
            await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Name);
            await Expect(visitor.Page.Locator(".summary-list")).ToContainTextAsync("Cấp xã");
            await visitor.ScreenshotAsync("library-model");
            visitor.AssertNothingWentWrong();
        }

        // Another commune replicates it from the library.
        await using (var neighbour = await site.OpenAsync("model-replicating-ward"))
        {
            await neighbour.SignInAsync("kinhbac.canbo@danvan.demo");
            await neighbour.GotoAsync("/library?q=dan+van+kheo+dong+son");
            await neighbour.Page.GetByRole(AriaRole.Link, new() { Name = Name }).ClickAsync();
            await neighbour
                .Page.GetByRole(AriaRole.Link, new() { Name = "Nhân rộng mô hình này ở đơn vị tôi" })
                .ClickAsync();
            await Expect(neighbour.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Nhân rộng mô hình");
            await neighbour.Page.GetByLabel("Tổ chức chủ trì").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await neighbour
                .Page.GetByLabel("Điều chỉnh cho phù hợp với địa phương")
                .FillAsync("Áp dụng cho các tổ dân phố, thay hiến đất bằng góp công.");
            await neighbour.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nhân rộng" }).ClickAsync();
            await Expect(neighbour.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync($"Nhân rộng “{Name}”");
            await neighbour.ScreenshotAsync("replication");
            neighbour.AssertNothingWentWrong();
        }

        await using (var province = await site.OpenAsync("model-replicated-seen-by-province"))
        {
            await province.SignInAsync("tinh.canbo@danvan.demo");
            await province.GotoAsync(modelPath);
            await Expect(province.Page.Locator("ul.tree")).ToContainTextAsync("Kinh Bắc");
            var compare = province.Page.GetByRole(AriaRole.Table).Filter(new() { HasText = "So sánh" });
            await Expect(compare.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(compare.Locator("tbody tr").First).ToContainTextAsync("1.800");
            await province.ScreenshotAsync("replicated");
            province.AssertNothingWentWrong();
        }
    }

    [GeneratedRegex(@"/models/\d+(\?.*)?$")]
    private static partial Regex ModelPage();
}
