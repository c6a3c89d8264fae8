using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Petitions;

/// <summary>The forms of the pages, posted as a browser posts them: what they save, and what they refuse while keeping
/// the input.</summary>
public sealed class PetitionPageTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task The_same_entry_sent_twice_from_the_devices_queue_records_one_petition_and_one_dialogue()
    {
        // The offline queue replays a form's post with a fresh page's antiforgery token and the entry's own key, as
        // many times as the network makes it (docs/OFFLINE.md): the second time is the first record again.
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var category = await CategoryAsync(app);
        var petitionKey = Guid.NewGuid().ToString("N");
        Dictionary<string, string> petition = new()
        {
            ["Input.SubmissionId"] = petitionKey,
            ["Input.UnitId"] = app.Tree.V1.Id.ToString(),
            ["Input.Channel"] = "Reception",
            ["Input.CategoryId"] = category.ToString(),
            ["Input.Title"] = "Kiến nghị gửi hai lần từ thiết bị",
            ["Input.Content"] = "Nội dung",
            ["Input.PetitionerKind"] = "Citizen",
            ["Input.PetitionerName"] = "Lê Văn Hai",
        };
        var first = await pages.SubmitFormAsync("/petitions/new", "petition-new", petition);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(
            PageClient.Parse(await first.Content.ReadAsStringAsync()).QuerySelector("[data-offline-result]")
        );
        var again = await pages.SubmitFormAsync("/petitions/new", "petition-new", petition);
        var recorded = await app.WithDbAsync(db =>
            db.Petitions.Where(p => p.Title == "Kiến nghị gửi hai lần từ thiết bị").Select(p => p.Id).ToListAsync()
        );
        Assert.Single(recorded);
        // The second answer is a redirect to the same record (the device counts it as saved); no second receipt.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith(
            $"/petitions/{recorded[0]}?done=recorded",
            again.Headers.Location?.ToString(),
            StringComparison.Ordinal
        );

        Dictionary<string, string> dialogue = new()
        {
            ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            ["Input.Type"] = "DialogueConference",
            ["Input.HeldOn"] = Iso(app.Today.AddDays(-1)),
            ["Input.Place"] = "Nhà văn hóa thôn",
            ["Input.Topic"] = "Đối thoại gửi hai lần từ thiết bị",
            ["Input.ChairName"] = "Nguyễn Văn Chủ",
            ["Input.CitizenCount"] = "40",
        };
        foreach (var _ in new[] { 1, 2 })
        {
            var saved = await pages.SubmitFormAsync(
                $"/dialogues/new?unitId={app.Tree.C1.Id}",
                "dialogue-edit",
                dialogue
            );
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal(
            1,
            await app.WithDbAsync(db => db.Dialogues.CountAsync(d => d.Topic == "Đối thoại gửi hai lần từ thiết bị"))
        );
    }

    [Fact]
    public async Task An_officer_records_a_conference_and_a_petition_through_the_pages()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var refused = await pages.SubmitFormAsync(
            $"/dialogues/new?unitId={app.Tree.C1.Id}",
            "dialogue-edit",
            new()
            {
                ["Input.Type"] = "DialogueConference",
                ["Input.HeldOn"] = Iso(app.Today.AddDays(-2)),
                ["Input.Place"] = "Hội trường xã",
            }
        );
        var form = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(
            ["Vui lòng nhập “Chủ đề”.", "Vui lòng nhập “Người chủ trì”."],
            PageClient.ErrorsOf(form).Skip(1).Take(2)
        );
        Assert.Equal("DialogueConference", form.QuerySelector("#Type option[selected]")?.GetAttribute("value"));
        Assert.Equal("Hội trường xã", form.QuerySelector("#Place")?.GetAttribute("value"));

        var saved = await pages.SubmitFormAsync(
            $"/dialogues/new?unitId={app.Tree.C1.Id}",
            "dialogue-edit",
            new()
            {
                ["Input.Type"] = "DialogueConference",
                ["Input.HeldOn"] = Iso(app.Today.AddDays(-2)),
                ["Input.StartsAt"] = "08:30",
                ["Input.Place"] = "Hội trường xã",
                ["Input.Topic"] = "Đối thoại qua trang",
                ["Input.ChairName"] = "Nguyễn Văn Chủ",
                ["Input.CitizenCount"] = "150",
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var dialogue = await app.WithDbAsync(db => db.Dialogues.SingleAsync(d => d.Topic == "Đối thoại qua trang"));
        Assert.Equal(
            (DialogueType.DialogueConference, new TimeOnly(8, 30), 150),
            (dialogue.Type, dialogue.StartsAt!.Value, dialogue.CitizenCount)
        );
        Assert.EndsWith(
            $"/dialogues/{dialogue.Id}?done=saved",
            saved.Headers.Location?.ToString(),
            StringComparison.Ordinal
        );

        var category = await CategoryAsync(app);
        var recorded = await pages.SubmitFormAsync(
            $"/petitions/new?dialogueId={dialogue.Id}",
            "petition-new",
            new()
            {
                ["Input.UnitId"] = app.Tree.V1.Id.ToString(),
                ["Input.CategoryId"] = category.ToString(),
                ["Input.Title"] = "Kiến nghị qua trang",
                ["Input.Content"] = "Nội dung",
                ["Input.PetitionerKind"] = "Citizen",
                ["Input.PetitionerName"] = "Đỗ Thị Trang",
            }
        );
        // The answer is the receipt: the code and the verdict PIN, shown this once (only the PIN's hash is kept).
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var receipt = PageClient.Parse(await recorded.Content.ReadAsStringAsync());
        var petition = await app.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Title == "Kiến nghị qua trang"));
        Assert.Equal(
            (PetitionChannel.Dialogue, dialogue.Id, app.Today.AddDays(-2)),
            (petition.Channel, petition.DialogueId!.Value, petition.ReceivedOn)
        );
        Assert.Equal(petition.TrackingCode, receipt.QuerySelector("[data-testid=receipt-code]")?.TextContent.Trim());
        var pin = receipt.QuerySelector("[data-testid=receipt-pin]")?.TextContent.Trim();
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(VerdictPin.Verify(petition.VerdictPinHash, pin));
        Assert.DoesNotContain(pin!, petition.VerdictPinHash!, StringComparison.Ordinal);

        var (_, page) = await pages.GetPageAsync($"/petitions/{petition.Id}?done=recorded");
        Assert.Equal(petition.TrackingCode, page.QuerySelector(".tracking-code")?.TextContent.Trim());
        Assert.DoesNotContain("Đỗ Thị Trang", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đ••• T••• T•••", page.Body!.TextContent, StringComparison.Ordinal);
        var revealed = await pages.SubmitAsync(page, $"/petitions/{petition.Id}", "reveal", []);
        Assert.Contains("Đỗ Thị Trang", await revealed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var assigned = await pages.SubmitFormAsync(
            $"/petitions/{petition.Id}/steps/Assign",
            "petition-step",
            new() { ["Input.OrganizationId"] = (await OrganizationAsync(app, app.Tree.C1)).ToString() }
        );
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(
            PetitionStatus.Assigned,
            (await app.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Id == petition.Id))).Status
        );
    }

    [Fact]
    public async Task A_citizen_finds_a_petition_on_the_tracking_page_and_reopens_it()
    {
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var agency = await app.ApiClientAsync(
            await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C1, await OrganizationAsync(app, app.Tree.C1))
        );
        var petition = await RecordAsync(
            officer,
            await PetitionAsync(app, app.Tree.V1, app.Today, title: "Tra cứu qua trang")
        );
        var pin = PinOf(petition);
        petition = await StepOkAsync(
            officer,
            petition,
            "Assign",
            new { organizationId = await OrganizationAsync(app, app.Tree.C1) }
        );
        await StepOkAsync(agency, petition, "Answer", new { answer = "Đã sửa xong.", publishAnswer = true });
        var code = petition.GetProperty("trackingCode").GetString()!;

        using var citizen = app.NewPageClient();
        var found = await citizen.SubmitFormAsync("/track", "track", new() { ["code"] = code.ToLowerInvariant() });
        var page = PageClient.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal("Tra cứu qua trang", page.QuerySelector("#result-title")?.TextContent.Trim());
        Assert.Contains("Đã sửa xong.", page.Body!.TextContent, StringComparison.Ordinal);

        var refused = await citizen.SubmitAsync(
            page,
            "/track",
            "verdict",
            new() { ["Verdict.Verdict"] = "NotSatisfied", ["Verdict.Pin"] = pin }
        );
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Hãy cho biết vì sao bạn chưa hài lòng.", PageClient.ErrorsOf(again));

        // Without the receipt's PIN the code alone says nothing: the wrong PIN is refused at its field and counted.
        var wrongPin = pin == "000000" ? "111111" : "000000";
        var guessed = await citizen.SubmitAsync(
            again,
            "/track",
            "verdict",
            new() { ["Verdict.Verdict"] = "Satisfied", ["Verdict.Pin"] = wrongPin }
        );
        again = PageClient.Parse(await guessed.Content.ReadAsStringAsync());
        Assert.Contains(PageClient.ErrorsOf(again), e => e.StartsWith("Mã PIN không khớp", StringComparison.Ordinal));
        var state = await app.WithDbAsync(db =>
            db.Petitions.Where(p => p.TrackingCode == code)
                .Select(p => new { p.VerdictPinFailures, p.CitizenVerdict })
                .SingleAsync()
        );
        Assert.Equal(1, state.VerdictPinFailures);
        Assert.Null(state.CitizenVerdict);

        var reopened = await citizen.SubmitAsync(
            again,
            "/track",
            "verdict",
            new()
            {
                ["Verdict.Verdict"] = "NotSatisfied",
                ["Verdict.Note"] = "Chưa sửa hết.",
                ["Verdict.Pin"] = pin,
            }
        );
        Assert.Contains(
            "Kiến nghị đã được mở lại kèm ý kiến của bạn.",
            await reopened.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(
            PetitionStatus.Reopened,
            (await app.WithDbAsync(db => db.Petitions.SingleAsync(p => p.TrackingCode == code))).Status
        );
    }
}
