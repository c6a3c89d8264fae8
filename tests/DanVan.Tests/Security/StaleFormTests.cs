using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md R2 on the pages: a form saved after someone else saved the record is refused, writes nothing, and shows
/// next to each field the other person changed what is saved now, with the person's own values kept in the form; saving
/// that form again replaces the other person's values on purpose.
/// </summary>
public sealed class StaleFormTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static string Now(string value) => $"Hiện đã lưu: {value}";

    /// <summary>Opens the form, lets "someone else" save the record, then submits the form with the person's value:
    /// checks the refusal, then saves again.</summary>
    private async Task StaleSaveAsync(
        PageClient pages,
        string url,
        string formName,
        string field,
        Func<Task> someoneElseSaves,
        string theirs,
        string mine,
        Func<Task<string?>> stored
    )
    {
        var (opened, form) = await pages.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        await someoneElseSaves();

        var refused = await pages.SubmitAsync(form, url, formName, new() { [$"Input.{field}"] = mine });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = PageClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(
            Now(theirs),
            page.QuerySelector($"#{field}-error")?.TextContent ?? "",
            StringComparison.Ordinal
        );
        Assert.Equal(mine, (page.QuerySelector($"#{field}") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        Assert.Equal(theirs, await stored());

        // The form now carries the current version: saving it again is a decision, and it is saved.
        var saved = await pages.SubmitAsync(page, url, formName, new() { [$"Input.{field}"] = mine });
        Assert.True(
            saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found
                || (
                    saved.StatusCode == HttpStatusCode.OK
                    && !(await saved.Content.ReadAsStringAsync()).Contains(Now(""), StringComparison.Ordinal)
                ),
            $"the second save answered {(int)saved.StatusCode}"
        );
        Assert.Equal(mine, await stored());
    }

    [Fact]
    public async Task A_stale_dialogue_form_shows_the_other_persons_topic_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var id = await app.WithDbAsync(async db =>
        {
            var session = new DialogueSession
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                UnitLevel = c1.Level,
                Type = DialogueType.AdHocDialogue,
                HeldOn = VietnamTime.Today(TimeProvider.System).AddDays(-3),
                Topic = "Đối thoại về rác thải",
                ChairName = "Chủ trì",
                Place = "Hội trường",
                CreatedAt = DateTime.UtcNow,
            };
            session.SearchText = TextSearch.Normalize(session.Topic);
            db.Dialogues.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, c1));
        await StaleSaveAsync(
            pages,
            $"/dialogues/{id}/edit",
            "dialogue-edit",
            "Topic",
            () =>
                app.WithDbAsync(async db =>
                {
                    (await db.Dialogues.SingleAsync(d => d.Id == id)).Topic = "Đối thoại về đường liên thôn";
                    await db.SaveChangesAsync();
                }),
            "Đối thoại về đường liên thôn",
            "Đối thoại về nước sạch",
            () => app.WithDbAsync(db => db.Dialogues.Where(d => d.Id == id).Select(d => (string?)d.Topic).SingleAsync())
        );
    }

    [Fact]
    public async Task A_stale_organization_form_shows_the_other_persons_name_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var id = await app.WithDbAsync(async db =>
        {
            var organization = new Organization
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                Type = OrganizationType.Other,
                Name = "Câu lạc bộ dưỡng sinh",
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization.Id;
        });
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.UnitAdministrator, c1));
        await StaleSaveAsync(
            pages,
            $"/organizations/{id}/edit",
            "organization-edit",
            "Name",
            () =>
                app.WithDbAsync(async db =>
                {
                    (await db.Organizations.SingleAsync(o => o.Id == id)).Name = "Câu lạc bộ thơ";
                    await db.SaveChangesAsync();
                }),
            "Câu lạc bộ thơ",
            "Câu lạc bộ cờ tướng",
            () =>
                app.WithDbAsync(db =>
                    db.Organizations.Where(o => o.Id == id).Select(o => (string?)o.Name).SingleAsync()
                )
        );
    }

    [Fact]
    public async Task A_stale_course_form_shows_the_other_persons_place_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var id = await app.WithDbAsync(async db =>
        {
            var course = new TrainingCourse
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                UnitLevel = c1.Level,
                Title = "Lớp bồi dưỡng nghiệp vụ dân vận",
                Kind = TrainingKind.MassMobilization,
                StartsOn = VietnamTime.Today(TimeProvider.System).AddDays(10),
                EndsOn = VietnamTime.Today(TimeProvider.System).AddDays(12),
                Place = "Hội trường xã",
                CreatedAt = DateTime.UtcNow,
            };
            db.TrainingCourses.Add(course);
            await db.SaveChangesAsync();
            return course.Id;
        });
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, c1));
        await StaleSaveAsync(
            pages,
            $"/training/{id}/edit",
            "course-edit",
            "Place",
            () =>
                app.WithDbAsync(async db =>
                {
                    (await db.TrainingCourses.SingleAsync(c => c.Id == id)).Place = "Nhà văn hóa thôn Đông";
                    await db.SaveChangesAsync();
                }),
            "Nhà văn hóa thôn Đông",
            "Trung tâm chính trị xã",
            () => app.WithDbAsync(db => db.TrainingCourses.Where(c => c.Id == id).Select(c => c.Place).SingleAsync())
        );
    }

    [Fact]
    public async Task A_stale_responsibility_form_shows_the_other_persons_group_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var id = await app.WithDbAsync(async db =>
        {
            var row = new Responsibility
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                VillageId = c1.VillageId,
                UnitLevel = c1.Level,
                HolderOrganizationId = await db
                    .Organizations.Where(o => o.UnitId == c1.Id)
                    .Select(o => o.Id)
                    .FirstAsync(),
                GroupName = "Tổ công tác số 1",
                FromOn = new DateOnly(2025, 7, 1),
            };
            db.Responsibilities.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, c1));
        await StaleSaveAsync(
            pages,
            $"/responsibilities/{id}/edit",
            "responsibility-edit",
            "GroupName",
            () =>
                app.WithDbAsync(async db =>
                {
                    (await db.Responsibilities.SingleAsync(r => r.Id == id)).GroupName = "Tổ công tác số 2";
                    await db.SaveChangesAsync();
                }),
            "Tổ công tác số 2",
            "Tổ công tác số 3",
            () =>
                app.WithDbAsync(db => db.Responsibilities.Where(r => r.Id == id).Select(r => r.GroupName).SingleAsync())
        );
    }

    [Fact]
    public async Task A_stale_quota_form_shows_the_other_persons_quota_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var year = VietnamTime.Today(TimeProvider.System).Year;
        var id = await app.WithDbAsync(async db =>
        {
            var row = new StaffingQuota
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                UnitLevel = c1.Level,
                Year = year,
                Quota = 4,
                MinTheoryShare = 60,
            };
            db.StaffingQuotas.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        // A commune's quota is set by the personnel officers of its province.
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.PersonnelOfficer, app.Tree.P1));
        await StaleSaveAsync(
            pages,
            $"/staffing/{c1.Id}/{year}/quota",
            "quota-edit",
            "Quota",
            () =>
                app.WithDbAsync(async db =>
                {
                    (await db.StaffingQuotas.SingleAsync(q => q.Id == id)).Quota = 7;
                    await db.SaveChangesAsync();
                }),
            "7",
            "5",
            () =>
                app.WithDbAsync(db =>
                    db.StaffingQuotas.Where(q => q.Id == id).Select(q => (string?)q.Quota.ToString()).SingleAsync()
                )
        );
    }

    [Fact]
    public async Task A_stale_account_form_shows_the_other_administrators_name_and_keeps_the_own()
    {
        var c1 = app.Tree.C1;
        var officer = await app.CreateAccountAsync(Role.Officer, c1);
        using var pages = await app.SignInAsync(await app.CreateAccountAsync(Role.UnitAdministrator, c1));
        await StaleSaveAsync(
            pages,
            $"/accounts/{officer.Id}/edit",
            "account-edit",
            "DisplayName",
            () =>
                app.WithDbAsync(async db =>
                {
                    var account = await db.Users.SingleAsync(u => u.Id == officer.Id);
                    account.DisplayName = "Nguyễn Thị Lan";
                    account.ConcurrencyStamp = Guid.NewGuid().ToString();
                    await db.SaveChangesAsync();
                }),
            "Nguyễn Thị Lan",
            "Nguyễn Thị Mai",
            () =>
                app.WithDbAsync(db =>
                    db.Users.Where(u => u.Id == officer.Id).Select(u => (string?)u.DisplayName).SingleAsync()
                )
        );
    }
}
