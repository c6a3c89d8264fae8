using System.Net;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Statistics;

/// <summary>A long export asked to run in the background: queued for its account, run as that account, kept until
/// downloaded — the same file as the direct export, through the page and the API, and nobody else's to see.</summary>
public sealed class BackgroundExportTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private async Task<int> RunPendingAsync() =>
        await app.Services.GetRequiredService<BackgroundExports>().RunPendingAsync(CancellationToken.None);

    [Fact]
    public async Task A_background_export_is_the_same_file_as_the_direct_one_and_only_its_account_downloads_it()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var pages = await app.SignInAsync(officer);
        var api = await app.ApiClientAsync(officer);
        await app.CreateAccountAsync(Role.Viewer, app.Tree.V1);

        // The page is sent to the job; the API gets 202 and the job's address. Nothing is written until it runs.
        var asked = await pages.GetAsync("/units/export?format=csv&background=true");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var page = asked.Headers.Location!.ToString();
        Assert.StartsWith("/exports/", page, StringComparison.Ordinal);
        var id = Guid.Parse(page["/exports/".Length..]);
        var accepted = await api.GetAsync(
            $"/api/v1/statistics/export?unitId={app.Tree.C1.Id}&format=csv&background=true"
        );
        var dashboardStatus = accepted.StatusCode;
        var byApi = await api.GetAsync("/api/v1/units/export?format=csv&background=true");
        Assert.Equal(HttpStatusCode.Accepted, byApi.StatusCode);
        var apiJob = JsonDocument.Parse(await byApi.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Queued", apiJob.GetProperty("status").GetString());
        var (_, waiting) = await pages.GetPageAsync(page);
        Assert.Equal(
            "Queued",
            waiting.QuerySelector("[data-testid=export-jobs] [data-status]")!.GetAttribute("data-status")
        );
        Assert.NotNull(waiting.QuerySelector("[data-export-jobs][aria-live=polite]"));

        var ran = await RunPendingAsync();
        Assert.True(ran >= 2);

        var (_, done) = await pages.GetPageAsync(page);
        Assert.NotNull(done.QuerySelector($"a[href='/exports/{id}/download']"));
        var file = await pages.GetAsync($"/exports/{id}/download");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(
            "don-vi",
            file.Content.Headers.ContentDisposition?.FileNameStar ?? "",
            StringComparison.Ordinal
        );
        var background = await file.Content.ReadAsByteArrayAsync();
        var direct = await (await pages.GetAsync("/units/export?format=csv")).Content.ReadAsByteArrayAsync();
        Assert.Equal(direct, background);

        var status = JsonDocument
            .Parse(
                await (
                    await api.GetAsync($"/api/v1/exports/{apiJob.GetProperty("id").GetGuid()}")
                ).Content.ReadAsStringAsync()
            )
            .RootElement;
        Assert.Equal("Done", status.GetProperty("status").GetString());
        var lines = System
            .Text.Encoding.UTF8.GetString(background)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Length;
        Assert.Equal(lines - 1, status.GetProperty("rows").GetInt64());
        Assert.Equal(
            direct,
            await (await api.GetAsync(status.GetProperty("download").GetString()!)).Content.ReadAsByteArrayAsync()
        );
        Assert.Equal(HttpStatusCode.Accepted, dashboardStatus);

        // The export ran as the officer: audited under the officer's name, with the officer's scope.
        Assert.True(
            await app.WithDbAsync(db =>
                db.AuditEntries.CountAsync(a => a.Action == AuditAction.Exported && a.AccountId == officer.Id)
            ) >= 4
        );

        // Nobody else sees or downloads it.
        var other = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var otherPages = await app.SignInAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPages.GetAsync($"/exports/{id}/download")).StatusCode);
        var (_, theirs) = await otherPages.GetPageAsync("/exports");
        Assert.Null(theirs.QuerySelector($"a[href='/exports/{id}/download']"));
        Assert.Empty(app.Log.Errors);
    }

    [Fact]
    public async Task An_export_of_a_units_dashboard_runs_with_its_route_values_and_a_disabled_account_gets_nothing()
    {
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.P1);
        using var pages = await app.SignInAsync(officer);
        var asked = await pages.GetAsync(
            $"/units/{app.Tree.P1.Id}/dashboard/export?format=csv&period=year&background=true"
        );
        var id = Guid.Parse(asked.Headers.Location!.ToString()["/exports/".Length..]);
        await RunPendingAsync();
        var background = await (await pages.GetAsync($"/exports/{id}/download")).Content.ReadAsStringAsync();
        var direct = await (
            await pages.GetAsync($"/units/{app.Tree.P1.Id}/dashboard/export?format=csv&period=year")
        ).Content.ReadAsStringAsync();
        Assert.Equal(direct, background);
        Assert.Contains(app.Tree.C1.Name, background, StringComparison.Ordinal);

        // A job of an account disabled meanwhile fails rather than running with no one's rights.
        var again = await pages.GetAsync("/units/export?format=csv&background=true");
        var second = Guid.Parse(again.Headers.Location!.ToString()["/exports/".Length..]);
        await app.WithDbAsync(db =>
            db.Users.Where(a => a.Id == officer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDisabled, true))
        );
        await RunPendingAsync();
        var job = await app.WithDbAsync(db => db.ExportJobs.SingleAsync(j => j.Id == second));
        Assert.Equal(ExportJobStatus.Failed, job.Status);
        Assert.False(await app.WithDbAsync(db => db.ExportJobChunks.AnyAsync(c => c.JobId == second)));
    }
}
