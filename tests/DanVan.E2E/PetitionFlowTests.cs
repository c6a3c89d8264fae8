using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A dialogue conference and its petitions through the browser: a commune officer records the conference and three
/// petitions and assigns them; the commune's agency answers one late, with the written explanation the rules demand;
/// one is left to go overdue and is escalated to the province by the sweep; the citizen tracks the third by its code
/// without signing in and, not satisfied, reopens it.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class PetitionFlowTests(DemoSite site)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_conference_petitions_are_answered_late_escalated_and_reopened_by_the_citizen()
    {
        var held = Today.AddDays(-40);
        var late = new Petition("Cống thoát nước thôn bị tắc", "Rãnh dọc đường thôn tắc, nước tràn vào nhà dân.");
        var forgotten = new Petition("Đèn đường liên thôn không sáng", "Tuyến đèn dài 1 km không sáng từ tháng trước.");
        var tracked = new Petition("Cấp nước sạch cho khu dân cư mới", "Khu dân cư mới chưa có nước sạch.");

        await using (var officer = await site.OpenAsync("petition-commune-officer"))
        {
            await officer.SignInAsync("tiendu.canbo@danvan.demo");
            await officer
                .Page.GetByRole(AriaRole.Navigation, new() { Name = "Chính", Exact = true })
                .GetByRole(AriaRole.Link, new() { Name = "Đối thoại" })
                .ClickAsync();
            await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Đối thoại và tiếp công dân");
            await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận buổi đối thoại" }).ClickAsync();
            await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Ghi nhận buổi đối thoại");

            // Missing topic and chair: refused at the fields, and what was typed stays.
            await officer
                .Page.GetByLabel("Loại hình", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Label = "Hội nghị đối thoại" });
            await officer.Page.GetByLabel("Ngày tổ chức", new() { Exact = true }).FillAsync(Iso(held));
            await officer
                .Page.GetByLabel("Địa điểm", new() { Exact = true })
                .FillAsync("Hội trường Ủy ban nhân dân xã Tiên Du");
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await Expect(officer.Page.Locator(".error-summary a[href$='#Topic']")).ToBeVisibleAsync();
            await Expect(officer.Page.GetByLabel("Địa điểm", new() { Exact = true }))
                .ToHaveValueAsync("Hội trường Ủy ban nhân dân xã Tiên Du");
            await officer.ScreenshotAsync("dialogue-errors");
            await officer
                .Page.GetByLabel("Chủ đề", new() { Exact = true })
                .FillAsync("Đối thoại về hạ tầng các thôn năm 2026");
            await officer.Page.GetByLabel("Người chủ trì", new() { Exact = true }).FillAsync("Nguyễn Văn Hải");
            await officer.Page.GetByLabel("Công dân", new() { Exact = true }).FillAsync("180");
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await officer.Page.WaitForURLAsync(new Regex(@"/dialogues/\d+\?done=saved$"));

            // No notice recorded and no results published: both rules are flagged on the session.
            await Expect(officer.Page.GetByText("Chưa công khai thông báo trước 7 ngày")).ToBeVisibleAsync();
            await Expect(officer.Page.GetByText("Quá 10 ngày chưa công khai kết quả")).ToBeVisibleAsync();
            var dialoguePath = new Uri(officer.Page.Url).AbsolutePath;
            await officer.ScreenshotAsync("dialogue");

            foreach (var petition in new[] { late, forgotten, tracked })
            {
                await officer.GotoAsync(dialoguePath);
                await officer
                    .Page.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận kiến nghị tại buổi này" })
                    .ClickAsync();
                await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                    .ToHaveTextAsync("Tiếp nhận kiến nghị");
                await Expect(officer.Page.GetByLabel("Ngày tiếp nhận", new() { Exact = true }))
                    .ToHaveValueAsync(held.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
                await officer
                    .Page.GetByLabel("Địa bàn (xã hoặc thôn, tổ dân phố)", new() { Exact = true })
                    .SelectOptionAsync(new SelectOptionValue { Index = 2 });
                await officer
                    .Page.GetByLabel("Lĩnh vực", new() { Exact = true })
                    .SelectOptionAsync(new SelectOptionValue { Label = "Hạ tầng, giao thông" });
                await officer.Page.GetByLabel("Trích yếu", new() { Exact = true }).FillAsync(petition.Title);
                await officer
                    .Page.GetByLabel("Nội dung phản ánh, kiến nghị", new() { Exact = true })
                    .FillAsync(petition.Content);
                await officer
                    .Page.GetByLabel("Người phản ánh, kiến nghị", new() { Exact = true })
                    .SelectOptionAsync(new SelectOptionValue { Label = "Công dân" });
                await officer.Page.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync("Trần Văn Kiểm");
                await officer.Page.GetByLabel("Số điện thoại", new() { Exact = true }).FillAsync("0988 123 456");
                await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận kiến nghị" }).ClickAsync();

                // The answer is the citizen's receipt: the code to follow the petition and the PIN to judge its answer,
                // shown this once.
                await Expect(
                        officer.Page.GetByRole(
                            AriaRole.Heading,
                            new() { Level = 2, Name = "Giấy biên nhận cho người kiến nghị" }
                        )
                    )
                    .ToBeVisibleAsync();
                petition.Code = (await officer.Page.GetByTestId("receipt-code").InnerTextAsync()).Trim();
                petition.Pin = (await officer.Page.GetByTestId("receipt-pin").InnerTextAsync()).Trim();
                Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", petition.Code);
                Assert.Matches("^[0-9]{6}$", petition.Pin);
                if (petition == tracked)
                {
                    await officer.ScreenshotAsync("petition-receipt");
                }

                await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Mở kiến nghị" }).ClickAsync();
                await officer.Page.WaitForURLAsync(new Regex(@"/petitions/\d+$"));
                petition.Path = new Uri(officer.Page.Url).AbsolutePath;

                // The petitioner is masked on the page; the officer may reveal it, which is recorded.
                await Expect(officer.Page.GetByText("T••• V••• K•••")).ToBeVisibleAsync();

                // Two are assigned on the day of the conference (their deadlines have passed), the third today.
                await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Giao xử lý" }).ClickAsync();
                await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                    .ToHaveTextAsync("Giao xử lý");
                var agency = await officer
                    .Page.Locator("#OrganizationId option", new() { HasText = "Ủy ban nhân dân" })
                    .First.GetAttributeAsync("value");
                await officer
                    .Page.GetByLabel("Cơ quan chịu trách nhiệm giải quyết", new() { Exact = true })
                    .SelectOptionAsync(agency!);
                await officer
                    .Page.GetByLabel("Ngày", new() { Exact = true })
                    .FillAsync(Iso(petition == tracked ? Today : held));
                await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Giao xử lý" }).ClickAsync();
                await officer.Page.WaitForURLAsync($"**{petition.Path}?done=step");
                await Expect(officer.Page.Locator(".status").First).ToHaveTextAsync("Đã giao xử lý");
            }

            await officer.GotoAsync(late.Path);
            await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Xem thông tin cá nhân" }).ClickAsync();
            await Expect(officer.Page.GetByText("Trần Văn Kiểm")).ToBeVisibleAsync();
            await Expect(officer.Page.Locator(".status--overdue").First).ToBeVisibleAsync();
            await officer.ScreenshotAsync("petition-assigned-overdue");
            officer.AssertNothingWentWrong();
        }

        await using (var agency = await site.OpenAsync("petition-agency"))
        {
            await agency.SignInAsync("tiendu.xuly@danvan.demo");
            await agency.GotoAsync("/petitions?mine=true");
            await Expect(agency.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Kiến nghị giao cho cơ quan tôi");
            await Expect(agency.Page.GetByRole(AriaRole.Link, new() { Name = late.Title })).ToBeVisibleAsync();
            await agency.Page.GetByRole(AriaRole.Link, new() { Name = late.Title }).ClickAsync();
            await Expect(agency.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(late.Title);
            await agency.Page.GetByRole(AriaRole.Link, new() { Name = "Trả lời kiến nghị" }).ClickAsync();
            await Expect(agency.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("Trả lời kiến nghị");
            await agency
                .Page.GetByLabel("Nội dung trả lời", new() { Exact = true })
                .FillAsync("Đã nạo vét 400 m rãnh, lắp 2 cống qua đường.");
            await agency.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lời kiến nghị" }).ClickAsync();
            await Expect(agency.Page.Locator(".error-summary a[href$='#LateExplanation']")).ToBeVisibleAsync();
            await Expect(agency.Page.GetByLabel("Nội dung trả lời", new() { Exact = true }))
                .ToHaveValueAsync("Đã nạo vét 400 m rãnh, lắp 2 cống qua đường.");
            await agency.ScreenshotAsync("answer-late-refused");
            await agency
                .Page.GetByLabel("Giải trình lý do trả lời chậm", new() { Exact = true })
                .FillAsync("Chờ bố trí kinh phí từ ngân sách xã.");
            await agency.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lời kiến nghị" }).ClickAsync();
            await agency.Page.WaitForURLAsync($"**{late.Path}?done=step");
            await Expect(agency.Page.Locator(".status").First).ToHaveTextAsync("Đã trả lời");
            await Expect(agency.Page.GetByText("trễ hạn")).ToBeVisibleAsync();

            await agency.GotoAsync(tracked.Path + "/steps/Answer");
            await agency
                .Page.GetByLabel("Nội dung trả lời", new() { Exact = true })
                .FillAsync("Sẽ kéo đường ống nước sạch vào khu dân cư trong quý II.");
            await agency.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lời kiến nghị" }).ClickAsync();
            await agency.Page.WaitForURLAsync($"**{tracked.Path}?done=step");
            await Expect(agency.Page.GetByText("đúng hạn")).ToBeVisibleAsync();
            agency.AssertNothingWentWrong();
        }

        // The sweep finds the one nobody answered, weeks past its deadline, and sends it up to the province.
        Assert.True((await site.SweepPetitionsAsync()).Escalated >= 1);
        await using (var province = await site.OpenAsync("petition-province"))
        {
            await province.SignInAsync("tinh.canbo@danvan.demo");
            await province.GotoAsync("/notifications");
            // The notice names the petition, never the citizen's code.
            await Expect(
                    province.Page.GetByText($"Kiến nghị quá hạn {forgotten.Title} đã được chuyển lên đơn vị của bạn")
                )
                .ToBeVisibleAsync();
            await Expect(province.Page.GetByText(forgotten.Code!)).ToHaveCountAsync(0);
            await province.GotoAsync(forgotten.Path);
            await Expect(province.Page.GetByText("Quá hạn: đã chuyển lên")).ToBeVisibleAsync();
            await province.ScreenshotAsync("petition-escalated");
            province.AssertNothingWentWrong();
        }

        await using (var citizen = await site.OpenAsync("petition-citizen"))
        {
            await citizen.GotoAsync("/track");
            await citizen
                .Page.GetByLabel("Mã tra cứu", new() { Exact = true })
                .FillAsync(tracked.Code!.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
            await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
            await Expect(citizen.Page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = tracked.Title }))
                .ToBeVisibleAsync();
            await Expect(citizen.Page.GetByText("Sẽ kéo đường ống nước sạch vào khu dân cư trong quý II."))
                .ToBeVisibleAsync();
            await Expect(citizen.Page.GetByText("Trần Văn Kiểm")).ToHaveCountAsync(0);
            await Expect(citizen.Page.GetByText("0988 123 456")).ToHaveCountAsync(0);
            await citizen.ScreenshotAsync("tracking-answered");

            await citizen.Page.GetByLabel("Chưa hài lòng", new() { Exact = true }).CheckAsync();
            await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
            await Expect(citizen.Page.Locator(".error-summary")).ToContainTextAsync("vì sao bạn chưa hài lòng");
            await Expect(citizen.Page.Locator(".error-summary")).ToContainTextAsync("chữ số của mã PIN");
            await citizen
                .Page.GetByLabel("Mã PIN đánh giá (trên giấy biên nhận)", new() { Exact = true })
                .FillAsync(tracked.Pin!);
            await citizen
                .Page.GetByLabel("Ý kiến của bạn", new() { Exact = true })
                .FillAsync("Quý II là quá lâu, khu dân cư đang thiếu nước.");
            await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi" }).ClickAsync();
            await Expect(citizen.Page.GetByText("Kiến nghị đã được mở lại kèm ý kiến của bạn.")).ToBeVisibleAsync();
            await Expect(citizen.Page.Locator("section .status").First).ToHaveTextAsync("Mở lại");
            await citizen.ScreenshotAsync("tracking-reopened");

            // A code guessed at random says only that there is no such petition.
            await citizen.GotoAsync("/track");
            await citizen.Page.GetByLabel("Mã tra cứu", new() { Exact = true }).FillAsync("ZZZZZ-ZZZZZ");
            await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
            await Expect(citizen.Page.GetByText("Không có kiến nghị nào với mã này.")).ToBeVisibleAsync();
            citizen.AssertNothingWentWrong();
        }

        await using (var again = await site.OpenAsync("petition-commune-officer-again"))
        {
            await again.SignInAsync("tiendu.canbo@danvan.demo");
            await again.GotoAsync(tracked.Path);
            await Expect(again.Page.Locator(".status").First).ToHaveTextAsync("Mở lại");
            await Expect(again.Page.GetByText("Quý II là quá lâu, khu dân cư đang thiếu nước.")).ToBeVisibleAsync();
            await again.ScreenshotAsync("petition-reopened");
            again.AssertNothingWentWrong();
        }
    }

    private sealed record Petition(string Title, string Content)
    {
        public string Path { get; set; } = "";

        public string? Code { get; set; }

        public string? Pin { get; set; }
    }
}
