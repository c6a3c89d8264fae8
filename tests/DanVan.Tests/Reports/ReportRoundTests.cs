using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Reports;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Reports;

/// <summary>
/// A round's edges: reminders three days before and on the due day to the unit's writers, once each, and the day after
/// one notice to the level above naming how many are late (Vietnam days); a commune merged during the period is
/// reported for by its successor and the round says so; a template without sections is refused.
/// </summary>
public sealed class ReportRoundTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private async Task<int> OpenAsync(
        HttpClient client,
        DanVan.Web.Features.Units.Unit province,
        int month,
        DateOnly? dueOn = null
    )
    {
        var opened = await client.PostAsJsonAsync(
            "/api/v1/reports/rounds",
            new
            {
                unitId = province.Id,
                kind = "Month",
                year = 2026,
                number = month,
                dueOn = dueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await ApiJson.ReadAsync(opened)).GetProperty("id").GetInt32();
    }

    private async Task<ReminderResult> RemindAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportReminders>().RunAsync(CancellationToken.None);
    }

    private Task<List<(int Account, NotificationKind Kind, bool Urgent, string Link)>> NoticesAsync(
        params int[] accounts
    ) =>
        app.WithDbAsync(async db =>
            (
                await db
                    .Notifications.Where(n =>
                        accounts.Contains(n.AccountId)
                        && (n.Kind == NotificationKind.ReportDue || n.Kind == NotificationKind.ReportsLate)
                    )
                    .OrderBy(n => n.Id)
                    .ToListAsync()
            )
                .Select(n => (n.AccountId, n.Kind, n.Urgent, n.Link))
                .ToList()
        );

    /// <summary>Midnight at the start of a Vietnam day, as the fake clock's UTC instant.</summary>
    private static DateTimeOffset Midnight(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));

    [Fact]
    public async Task Reminders_go_three_days_before_and_on_the_due_day_once_each_then_the_level_above_hears_of_the_late()
    {
        var t = app.Tree;
        var province = await app.CreateAccountAsync(Role.Officer, t.P2);
        var commune = await app.CreateAccountAsync(Role.Officer, t.C3);
        var viewer = await app.CreateAccountAsync(Role.Viewer, t.C3);
        // The clock only moves forward: a round due four days from today.
        var due = app.Today.AddDays(4);
        var round = await OpenAsync(await app.ApiClientAsync(province), t.P2, 10, due);

        // Until the day three days before: nothing.
        app.Clock.SetUtcNow(Midnight(due.AddDays(-3)).AddMinutes(-1));
        Assert.Equal(new ReminderResult(0, 0, 0), await RemindAsync());
        app.Clock.SetUtcNow(Midnight(due.AddDays(-3)));
        Assert.Equal(new ReminderResult(2, 0, 0), await RemindAsync()); // P2's and C3's
        Assert.Equal(new ReminderResult(0, 0, 0), await RemindAsync());
        var first = await NoticesAsync(commune.Id, viewer.Id);
        Assert.Equal(
            [(commune.Id, NotificationKind.ReportDue, false)],
            first.Select(n => (n.Account, n.Kind, n.Urgent))
        );
        Assert.Equal($"/reports/{await ReportIdAsync(round, t.C3.Id)}", first[0].Link);

        // On the due day, urgent (the mailer sends it at once).
        app.Clock.SetUtcNow(Midnight(due).AddHours(8));
        Assert.Equal(new ReminderResult(0, 2, 0), await RemindAsync());
        Assert.True((await NoticesAsync(commune.Id)).Last().Urgent);

        // The commune submits; the day after, nothing is late below the province, so the province hears nothing.
        var c3 = await app.ApiClientAsync(commune);
        var reportId = await ReportIdAsync(round, t.C3.Id);
        var version = await app.WithDbAsync(db =>
            db.UnitReports.Where(r => r.Id == reportId).Select(r => r.Version).SingleAsync()
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await c3.PostAsJsonAsync($"/api/v1/reports/{reportId}/steps", new { action = "Submit", version })
            ).StatusCode
        );
        app.Clock.SetUtcNow(Midnight(due.AddDays(1)));
        Assert.Equal(new ReminderResult(0, 0, 0), await RemindAsync());
        Assert.DoesNotContain(await NoticesAsync(province.Id), n => n.Kind == NotificationKind.ReportsLate);
    }

    private Task<int> ReportIdAsync(int round, int unitId) =>
        app.WithDbAsync(db =>
            db.UnitReports.Where(r => r.RoundId == round && r.UnitId == unitId).Select(r => r.Id).SingleAsync()
        );

    [Fact]
    public async Task The_level_above_hears_once_how_many_reports_are_late()
    {
        var t = app.Tree;
        var province = await app.CreateAccountAsync(Role.Officer, t.P1);
        var round = await OpenAsync(await app.ApiClientAsync(province), t.P1, 9); // due 18/10, today is later
        Assert.True((await RemindAsync()).LateRounds >= 1);
        Assert.Equal(0, (await RemindAsync()).LateRounds);
        var late = (await NoticesAsync(province.Id)).Single(n => n.Kind == NotificationKind.ReportsLate);
        Assert.True(late.Urgent);
        Assert.Equal($"/reports/rounds/{round}?show=missing", late.Link);
        var subject = await app.WithDbAsync(db =>
            db.Notifications.Where(n => n.AccountId == province.Id && n.Kind == NotificationKind.ReportsLate)
                .Select(n => n.Subject)
                .SingleAsync()
        );
        Assert.Equal("09/2026: 2", subject); // both communes of P1
    }

    [Fact]
    public async Task A_commune_merged_during_the_period_is_reported_for_by_its_successor_and_the_round_says_so()
    {
        var t = app.Tree;
        // Phường Tây Sơn was merged into Xã Đông Hòa on 15/07/2026.
        await app.WithDbAsync(db =>
            db.Units.Where(u => u.Id == t.C2.Id)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(u => u.ValidTo, new DateOnly(2026, 7, 14)).SetProperty(u => u.SuccessorId, t.C1.Id)
                )
        );
        try
        {
            var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, t.P1));
            var round = await OpenAsync(officer, t.P1, 7);
            var view = await ApiJson.OkAsync(await officer.GetAsync($"/api/v1/reports/rounds/{round}"));
            var units = view.GetProperty("reports")
                .EnumerateArray()
                .Select(r => r.GetProperty("unitId").GetInt32())
                .Order()
                .ToList();
            Assert.Equal(new[] { t.P1.Id, t.C1.Id }.Order(), units);
            var successor = view.GetProperty("reports")
                .EnumerateArray()
                .Single(r => r.GetProperty("unitId").GetInt32() == t.C1.Id);
            Assert.Equal(t.C2.Name, successor.GetProperty("reportsFor").GetString());
            Assert.Contains(t.C2.Name, view.GetProperty("mergerNote").GetString(), StringComparison.Ordinal);
            Assert.Contains("14/07/2026", view.GetProperty("mergerNote").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.WithDbAsync(db =>
                db.Units.Where(u => u.Id == t.C2.Id)
                    .ExecuteUpdateAsync(s =>
                        s.SetProperty(u => u.ValidTo, (DateOnly?)null).SetProperty(u => u.SuccessorId, (int?)null)
                    )
            );
        }
    }

    [Fact]
    public void A_template_without_sections_or_with_an_unknown_figure_is_refused()
    {
        Assert.Null(ReportTemplates.Check(ReportTemplates.Default));
        Assert.Equal("Reports_TemplateEmpty", ReportTemplates.Check(new ReportTemplate("x", [])));
        Assert.Equal(
            "Reports_TemplateUnknownFigure",
            ReportTemplates.Check(new ReportTemplate("x", [new TemplateSection("a", "A", ["no.such"])]))
        );
        Assert.Equal(
            "Reports_TemplateSectionTwice",
            ReportTemplates.Check(
                new ReportTemplate("x", [new TemplateSection("a", "A", []), new TemplateSection("a", "B", [])])
            )
        );
    }
}
