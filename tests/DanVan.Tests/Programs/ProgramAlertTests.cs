using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Programs;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Programs;

/// <summary>
/// The programs' alerts on a fake clock (16 November 2026, then a month later): the province published its program
/// after the publication deadline (15 January), the commune that drafted its own has not had it approved by 31 January,
/// nor has the commune without one; thirty days after the publication the commune that has not concretized the
/// program is told, and the province learns how many have not — each alert once, however often the sweep runs. The other
/// province, which keeps no programs, hears nothing.
/// </summary>
public sealed class ProgramAlertTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private async Task<ProgramAlertResult> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProgramAlerts>().RunAsync(CancellationToken.None);
    }

    private Task<int> NoticesAsync(int accountId, NotificationKind kind) =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == accountId && n.Kind == kind));

    private static async Task StepAsync(HttpClient client, int id, string action, object? extra = null)
    {
        var version = (await ApiJson.OkAsync(await client.GetAsync($"/api/v1/programs/{id}")))
            .GetProperty("version")
            .GetInt32();
        var body = new Dictionary<string, object?> { ["action"] = action, ["version"] = version };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        await ApiJson.OkAsync(await client.PostAsJsonAsync($"/api/v1/programs/{id}/steps", body));
    }

    [Fact]
    public async Task Late_unapproved_and_unconcretized_programs_are_each_alerted_once()
    {
        var t = app.Tree;
        var provinceOfficer = await app.CreateAccountAsync(Role.Officer, t.P1);
        var provinceLeader = await app.CreateAccountAsync(Role.Leader, t.P1);
        var c1Officer = await app.CreateAccountAsync(Role.Officer, t.C1);
        var c2Leader = await app.CreateAccountAsync(Role.Leader, t.C2);
        var c3Officer = await app.CreateAccountAsync(Role.Officer, t.C3);
        var province = await app.ApiClientAsync(provinceOfficer);
        var leader = await app.ApiClientAsync(provinceLeader);
        var commune = await app.ApiClientAsync(c1Officer);

        var id = (
            await ApiJson.OkAsync(
                await province.PostAsJsonAsync(
                    "/api/v1/programs",
                    new
                    {
                        unitId = t.P1.Id,
                        year = 2026,
                        kind = "WorkProgram",
                        title = "Chương trình của tỉnh",
                    }
                )
            )
        ).GetProperty("id").GetInt32();
        await ApiJson.OkAsync(
            await province.PostAsJsonAsync($"/api/v1/programs/{id}/items", new { task = "Tuyên truyền" })
        );
        await StepAsync(province, id, "Submit");
        await StepAsync(
            leader,
            id,
            "Approve",
            new
            {
                decisionNumber = "01-QĐ/TU",
                decisionDate = "2026-11-16",
                approvingBody = "Ban Thường vụ",
            }
        );
        await StepAsync(province, id, "Publish");
        await ApiJson.OkAsync(
            await commune.PostAsJsonAsync(
                "/api/v1/programs",
                new
                {
                    unitId = t.C1.Id,
                    year = 2026,
                    kind = "WorkProgram",
                    title = "Chương trình của xã",
                    parentProgramId = id,
                }
            )
        );

        // 16 November: published late; C1 (a draft) and C2 (nothing) not approved; too early for concretization.
        Assert.Equal(new ProgramAlertResult(2, 1, 0), await RunAsync());
        Assert.Equal(1, await NoticesAsync(provinceOfficer.Id, NotificationKind.ProgramPublishedLate));
        Assert.Equal(1, await NoticesAsync(c1Officer.Id, NotificationKind.ProgramNotApproved));
        Assert.Equal(1, await NoticesAsync(c2Leader.Id, NotificationKind.ProgramNotApproved));
        Assert.Equal(0, await NoticesAsync(provinceLeader.Id, NotificationKind.ProgramNotApproved));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == c3Officer.Id)));
        Assert.Equal(new ProgramAlertResult(0, 0, 0), await RunAsync());

        // A month on: C2 has not concretized the program, and the province hears how many have not.
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(new ProgramAlertResult(0, 0, 2), await RunAsync());
        Assert.Equal(1, await NoticesAsync(c2Leader.Id, NotificationKind.ProgramNotConcretized));
        Assert.Equal(0, await NoticesAsync(c1Officer.Id, NotificationKind.ProgramNotConcretized));
        var summary = await app.WithDbAsync(db =>
            db.Notifications.SingleAsync(n =>
                n.AccountId == provinceOfficer.Id && n.Kind == NotificationKind.ProgramNotConcretized
            )
        );
        Assert.Equal($"/programs/{id}/coverage", summary.Link);
        Assert.EndsWith("(1)", summary.Subject, StringComparison.Ordinal);
        Assert.Equal(new ProgramAlertResult(0, 0, 0), await RunAsync());
        Assert.Equal(5, await app.WithDbAsync(db => db.ProgramAlerts.CountAsync()));
    }
}
