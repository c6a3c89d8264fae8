using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Notifications;

/// <summary>
/// Notifications in the app: a feature notifies inside its own save, the header counts the unread ones, the list
/// shows them in the reader's language, opening one marks it read and goes to its record, and nobody reaches
/// another account's notifications. The API does the same for tokens.
/// </summary>
public sealed class NotificationTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private Task NotifyAsync(int accountId, NotificationKind kind, string subject, string link, bool urgent = false) =>
        app.WithDbAsync(async db =>
        {
            new Notifier(db, TimeProvider.System).Notify([accountId], kind, subject, link, urgent);
            await db.SaveChangesAsync();
        });

    private Task<List<Notification>> NotificationsOfAsync(int accountId) =>
        app.WithDbAsync(db =>
            db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).OrderBy(n => n.Id).ToListAsync()
        );

    private static async Task<(string Count, string Label)?> BadgeAsync(PageClient client)
    {
        var (response, page) = await client.GetPageAsync("/");
        Assert.True(response.IsSuccessStatusCode);
        var badge = page.QuerySelector("header a[href='/notifications']");
        Assert.NotNull(badge);
        var count = badge!.QuerySelector(".notification-link__count");
        return count is null
            ? null
            : (count.TextContent.Trim(), badge.QuerySelector(".visually-hidden")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_notification_shows_in_the_header_count_and_in_the_list_newest_first_in_the_readers_language()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        Assert.Null(await BadgeAsync(client));

        await NotifyAsync(
            officer.Id,
            NotificationKind.PetitionOverdue,
            "KN-2026-0007 Đèn đường thôn Thượng",
            "/petitions/7"
        );
        await NotifyAsync(officer.Id, NotificationKind.PetitionAssigned, "KN-2026-0008", "/petitions/8");
        await NotifyAsync(officer.Id, NotificationKind.DialogueResultsDue, "ĐT-2026-03", "/dialogues/3", urgent: true);

        Assert.Equal(("3", "3 thông báo chưa đọc"), await BadgeAsync(client));
        var (response, page) = await client.GetPageAsync("/notifications");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = page.QuerySelectorAll("main [data-record-list] tbody tr").ToList();
        Assert.Equal(
            [
                "Phải công bố kết quả đối thoại ĐT-2026-03",
                "Kiến nghị KN-2026-0008 đã được giao cho cơ quan của bạn",
                "Kiến nghị KN-2026-0007 Đèn đường thôn Thượng đã quá hạn",
            ],
            items.Select(li => li.QuerySelector("a")!.TextContent.Trim())
        );
        // Unread is said in words, not by colour alone; the urgent one says so too.
        Assert.All(items, li => Assert.Contains("Chưa đọc", li.TextContent, StringComparison.Ordinal));
        Assert.Contains("Khẩn", items[0].TextContent, StringComparison.Ordinal);
        var ids = (await NotificationsOfAsync(officer.Id)).Select(n => n.Id).Reverse().ToList();
        Assert.Equal(
            ids.Select(id => $"/notifications/{id}/open"),
            items.Select(li => li.QuerySelector("a")!.GetAttribute("href"))
        );
        Assert.All(items, li =>
            Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", li.QuerySelector("time")!.TextContent.Trim())
        );

        // The same rows in English: the sentence is rendered when shown, not stored.
        await client.GetAsync("/culture?c=en-GB&returnUrl=/notifications");
        (_, page) = await client.GetPageAsync("/notifications");
        Assert.Equal(
            "Petition KN-2026-0007 Đèn đường thôn Thượng is overdue",
            page.QuerySelectorAll("main [data-record-list] tbody tr a").Last().TextContent.Trim()
        );
        Assert.Equal(("3", "3 unread notifications"), await BadgeAsync(client));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_record_and_the_audit_names_the_unit()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var client = await app.SignInAsync(officer);
        await NotifyAsync(officer.Id, NotificationKind.PetitionAnswered, "KN-2026-0011", "/petitions/11?tab=answer");
        await NotifyAsync(officer.Id, NotificationKind.PetitionReopened, "KN-2026-0012", "/petitions/12");
        var first = (await NotificationsOfAsync(officer.Id))[0];

        var response = await client.GetAsync($"/notifications/{first.Id}/open");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/petitions/11?tab=answer", response.Headers.Location?.ToString());
        var after = await NotificationsOfAsync(officer.Id);
        Assert.NotNull(after[0].ReadAt);
        Assert.Null(after[1].ReadAt);
        Assert.Equal(("1", "1 thông báo chưa đọc"), await BadgeAsync(client));
        var (_, page) = await client.GetPageAsync("/notifications");
        var read = page.QuerySelector($"main a[href='/notifications/{first.Id}/open']")!.ParentElement!;
        Assert.DoesNotContain("Chưa đọc", read.TextContent, StringComparison.Ordinal);

        // Opening again still leads there and does not change the time it was read.
        response = await client.GetAsync($"/notifications/{first.Id}/open");
        Assert.Equal("/petitions/11?tab=answer", response.Headers.Location?.ToString());
        Assert.Equal(after[0].ReadAt, (await NotificationsOfAsync(officer.Id))[0].ReadAt);

        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == "Notification" && a.EntityId == first.Id.ToString())
                .OrderBy(a => a.Id)
                .ToListAsync()
        );
        Assert.Equal([AuditAction.Insert, AuditAction.Update], audit.Select(a => a.Action));
        Assert.Equal(officer.Id, audit[1].AccountId);
        Assert.Equal(app.Tree.C1.Id, audit[1].UnitId);
        Assert.Equal(app.Tree.C1.CommuneId, audit[1].CommuneId);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.SystemAdministrator)]
    public async Task Another_account_cannot_open_or_mark_a_notification_it_is_not_found(Role role)
    {
        var owner = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C1);
        await NotifyAsync(owner.Id, NotificationKind.PetitionAssigned, "KN-2026-0021", "/petitions/21");
        var id = (await NotificationsOfAsync(owner.Id)).Single().Id;
        var other = await app.CreateAccountAsync(role, role == Role.SystemAdministrator ? app.Tree.Root : app.Tree.C1);
        using var client = await app.SignInAsync(other);

        var (response, page) = await client.GetPageAsync($"/notifications/{id}/open");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main h1"));
        var api = await app.ApiClientAsync(other);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await api.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/notifications/999999999/open")).StatusCode);
        (_, page) = await client.GetPageAsync("/notifications");
        Assert.Null(page.QuerySelector($"a[href='/notifications/{id}/open']"));
        Assert.Null((await NotificationsOfAsync(owner.Id)).Single().ReadAt);
    }

    [Fact]
    public async Task Signed_out_the_list_and_the_open_link_lead_to_sign_in_and_back()
    {
        using var anonymous = app.NewPageClient();
        foreach (var path in new[] { "/notifications", "/notifications/1/open" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.ToString();
            Assert.Contains("/account/login", location, StringComparison.Ordinal);
            Assert.Contains(Uri.EscapeDataString(path), location, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("petitions/1")]
    [InlineData("")]
    public async Task Only_local_paths_are_accepted_as_links(string link)
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(db =>
        {
            Assert.Throws<ArgumentException>(() =>
                new Notifier(db, TimeProvider.System).Notify(
                    [officer.Id],
                    NotificationKind.PetitionOverdue,
                    "KN-1",
                    link
                )
            );
            return Task.CompletedTask;
        });
        Assert.Empty(await NotificationsOfAsync(officer.Id));
    }

    [Fact]
    public async Task A_row_written_around_the_notifier_with_a_foreign_link_does_not_redirect_away()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(async db =>
        {
            db.Notifications.Add(
                new Notification
                {
                    AccountId = officer.Id,
                    Kind = NotificationKind.PetitionOverdue,
                    Subject = "KN-1",
                    Link = "//evil.example",
                    CreatedAt = DateTime.UtcNow,
                }
            );
            await db.SaveChangesAsync();
        });
        using var client = await app.SignInAsync(officer);
        var response = await client.GetAsync(
            $"/notifications/{(await NotificationsOfAsync(officer.Id)).Single().Id}/open"
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notifications", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Notify_adds_one_row_per_distinct_account_and_saves_nothing_itself()
    {
        var a = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var b = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var longSubject = "KN-2026-0031 " + new string('đ', 400);
        await app.WithDbAsync(async db =>
        {
            new Notifier(db, TimeProvider.System).Notify(
                [a.Id, b.Id, a.Id],
                NotificationKind.ExtensionRequested,
                "  " + longSubject + "  ",
                "/petitions/31",
                urgent: true
            );
            Assert.Equal(2, db.ChangeTracker.Entries<Notification>().Count(e => e.State == EntityState.Added));
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.AccountId == a.Id || n.AccountId == b.Id));
            await db.SaveChangesAsync();
        });
        var rows = (await NotificationsOfAsync(a.Id)).Concat(await NotificationsOfAsync(b.Id)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, n =>
        {
            Assert.Equal(Notification.SubjectLength, n.Subject.Length);
            Assert.StartsWith("KN-2026-0031 đđđ", n.Subject, StringComparison.Ordinal);
            Assert.EndsWith("…", n.Subject, StringComparison.Ordinal);
            Assert.True(n.Urgent);
            Assert.Null(n.ReadAt);
            Assert.Null(n.EmailedAt);
        });
    }

    [Fact]
    public async Task A_notification_rolls_back_with_the_change_that_caused_it()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            new Notifier(db, TimeProvider.System).Notify(
                [officer.Id],
                NotificationKind.PetitionEscalated,
                "KN-2026-0041",
                "/petitions/41"
            );
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        Assert.Empty(await NotificationsOfAsync(officer.Id));
    }

    [Fact]
    public async Task Accounts_finds_the_enabled_holders_of_a_role_at_exactly_that_unit_and_organization()
    {
        var organizations = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == app.Tree.C2.Id).Select(o => o.Id).ToListAsync()
        );
        var c2 = app.Tree.C2;
        var second = await app.WithDbAsync(async db =>
        {
            var organization = new Organization
            {
                UnitId = c2.Id,
                ProvinceId = c2.ProvinceId,
                CommuneId = c2.CommuneId,
                Type = OrganizationType.Other,
                Name = "Hội Nông dân thử",
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization.Id;
        });
        var handler = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C2, organizations[0]);
        var otherAgency = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C2, second);
        var disabled = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C2, organizations[0]);
        await app.WithDbAsync(db =>
            db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true))
        );
        var below = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.V3);
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C2);

        var (agency, anyAgency, officers) = await app.WithDbAsync(async db =>
        {
            var notifier = new Notifier(db, TimeProvider.System);
            return (
                await notifier.AccountsAsync(
                    Role.AgencyHandler,
                    app.Tree.C2.Id,
                    organizations[0],
                    CancellationToken.None
                ),
                await notifier.AccountsAsync(Role.AgencyHandler, app.Tree.C2.Id, null, CancellationToken.None),
                await notifier.AccountsAsync(Role.Officer, app.Tree.C2.Id, null, CancellationToken.None)
            );
        });
        Assert.Equal([handler.Id], agency);
        Assert.Equal(new[] { handler.Id, otherAgency.Id }.Order(), anyAgency);
        Assert.DoesNotContain(below.Id, anyAgency);
        Assert.Equal([officer.Id], officers);
    }

    [Fact]
    public async Task The_API_lists_the_callers_notifications_newest_first_pages_filters_and_marks_them_read()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        var stranger = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        await app.WithDbAsync(async db =>
        {
            var notifier = new Notifier(db, TimeProvider.System);
            for (var i = 1; i <= 55; i++)
            {
                notifier.Notify(
                    [officer.Id],
                    NotificationKind.PetitionOverdue,
                    $"KN-2026-{i:0000}",
                    $"/petitions/{i}",
                    urgent: i == 55
                );
            }

            notifier.Notify([stranger.Id], NotificationKind.PetitionOverdue, "KN-STRANGER", "/petitions/999");
            await db.SaveChangesAsync();
        });
        var api = await app.ApiClientAsync(officer);

        var first = await ApiJson.OkAsync(await api.GetAsync("/api/v1/notifications"));
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal("KN-2026-0055", items[0].GetProperty("subject").GetString());
        Assert.Equal("Kiến nghị KN-2026-0055 đã quá hạn", items[0].GetProperty("text").GetString());
        Assert.Equal("PetitionOverdue", items[0].GetProperty("kind").GetString());
        Assert.Equal("/petitions/55", items[0].GetProperty("link").GetString());
        Assert.True(items[0].GetProperty("urgent").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("readAt").ValueKind);
        var next = first.GetProperty("next").GetString();
        var second = await ApiJson.OkAsync(
            await api.GetAsync($"/api/v1/notifications?after={Uri.EscapeDataString(next!)}")
        );
        Assert.Equal(
            ["KN-2026-0005", "KN-2026-0004", "KN-2026-0003", "KN-2026-0002", "KN-2026-0001"],
            second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString())
        );
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var one = items[3].GetProperty("id").GetInt32();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await api.PostAsync($"/api/v1/notifications/{one}/read", null)).StatusCode
        );
        var unread = await ApiJson.OkAsync(await api.GetAsync("/api/v1/notifications?unreadOnly=true&limit=100"));
        Assert.Equal(54, unread.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == one);

        var marked = await api.PostAsync("/api/v1/notifications/read", null);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(54, (await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(
            0,
            (await ApiJson.OkAsync(await api.GetAsync("/api/v1/notifications?unreadOnly=true")))
                .GetProperty("items")
                .GetArrayLength()
        );
        Assert.Equal(
            50,
            (await ApiJson.OkAsync(await api.GetAsync("/api/v1/notifications"))).GetProperty("items").GetArrayLength()
        );
        // The stranger's notification was neither listed nor touched.
        Assert.Null((await NotificationsOfAsync(stranger.Id)).Single().ReadAt);
        var audit = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a =>
                    a.EntityType == "Notification" && a.AccountId == officer.Id && a.EntityId == null
                )
                .ToListAsync()
        );
        Assert.Contains(audit, a =>
            a.Action == AuditAction.Update
            && a.Details!.Contains("54", StringComparison.Ordinal)
            && a.UnitId == app.Tree.C1.Id
        );
    }

    [Fact]
    public async Task Mark_all_as_read_on_the_page_clears_the_badge()
    {
        var officer = await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);
        await NotifyAsync(officer.Id, NotificationKind.ExtensionDecided, "KN-2026-0051", "/petitions/51");
        await NotifyAsync(officer.Id, NotificationKind.PetitionAnswered, "KN-2026-0052", "/petitions/52");
        using var client = await app.SignInAsync(officer);
        Assert.Equal(("2", "2 thông báo chưa đọc"), await BadgeAsync(client));

        var response = await client.SubmitFormAsync("/notifications", "mark-all-read", []);
        var (_, page) = await client.FollowAsync(response);
        Assert.Contains(
            "Đã đánh dấu tất cả thông báo là đã đọc.",
            page.QuerySelector("main [role=status]")!.TextContent,
            StringComparison.Ordinal
        );
        Assert.Null(page.QuerySelector("main form button"));
        Assert.DoesNotContain(
            "Chưa đọc",
            page.QuerySelector("main [data-record-list] tbody")!.TextContent,
            StringComparison.Ordinal
        );
        Assert.Null(await BadgeAsync(client));
        Assert.All(await NotificationsOfAsync(officer.Id), n => Assert.NotNull(n.ReadAt));

        // A page left open while everything was read elsewhere still posts without an error.
        await NotifyAsync(officer.Id, NotificationKind.PetitionOverdue, "KN-2026-0053", "/petitions/53");
        var (_, stale) = await client.GetPageAsync("/notifications");
        Assert.Equal(
            HttpStatusCode.OK,
            (await (await app.ApiClientAsync(officer)).PostAsync("/api/v1/notifications/read", null)).StatusCode
        );
        response = await client.SubmitAsync(stale, "/notifications", "mark-all-read", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/notifications?done=read", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notification_written_by_a_signed_in_actor_is_audited_under_the_actors_active_unit()
    {
        var recipient = await app.CreateAccountAsync(Role.AgencyHandler, app.Tree.C3);
        var c1 = app.Tree.C1;
        await app.WithDbAsync(async db =>
        {
            var actor = new CurrentUser();
            actor.SignedIn(
                4242,
                "Cán bộ thử",
                false,
                [new Grant(1, Role.Officer, c1.Id, c1.Name, c1.Level, c1.ProvinceId, c1.CommuneId, c1.VillageId, null)],
                c1.Id
            );
            db.Actor = actor;
            new Notifier(db, TimeProvider.System).Notify(
                [recipient.Id],
                NotificationKind.PetitionAssigned,
                "KN-2026-0061",
                "/petitions/61"
            );
            await db.SaveChangesAsync();
        });
        var id = (await NotificationsOfAsync(recipient.Id)).Single().Id;
        var entry = await app.WithDbAsync(db =>
            db.AuditEntries.SingleAsync(a => a.EntityType == "Notification" && a.EntityId == id.ToString())
        );
        Assert.Equal(AuditAction.Insert, entry.Action);
        Assert.Equal("Cán bộ thử", entry.ActorName);
        Assert.Equal(c1.Id, entry.UnitId);
        Assert.Equal(c1.ProvinceId, entry.ProvinceId);
        Assert.Contains("KN-2026-0061", entry.After, StringComparison.Ordinal);
    }
}
