using System.Globalization;
using System.Net;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static DanVan.Tests.Campaigns.CampaignData;

namespace DanVan.Tests.Campaigns;

/// <summary>
/// Figures written in bulk (ADR-0022): a file larger than any grid save imports whole, each new figure with its
/// revision pointing at it, one audit entry for the save in the units it touched, the summary rows equal to a
/// recompute, and a removed cell's key never given to a new one.
/// </summary>
public sealed class BulkFigureTests(BulkFigureTests.Fixture f) : IClassFixture<BulkFigureTests.Fixture>
{
    public sealed class Fixture : CampaignApp
    {
        public HttpClient CommuneApi { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CommuneApi = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
        }
    }

    private TestTree T => f.Tree;

    [Fact]
    public async Task A_file_larger_than_a_grid_save_imports_every_figure_with_its_revision_and_one_audit_entry()
    {
        // A commune whose villages × days × indicators pass the grid's limit of cells in one save.
        const int indicatorCount = 6;
        var days = Enumerable.Range(0, f.Today.DayNumber - From.DayNumber + 1).Select(From.AddDays).ToList();
        var villageCount = (CampaignRules.MaxCells / (days.Count * indicatorCount)) + 1;
        var commune = await f.AddUnitAsync("T93900", "Xã Nhập Lớn", UnitKind.Commune, T.P2);
        var villages = new List<Unit>();
        for (var i = 1; i <= villageCount; i++)
        {
            villages.Add(await f.AddUnitAsync($"T93900-{i:000}", $"Thôn {i:000}", UnitKind.Village, commune));
        }

        var officer = await f.CreateAccountAsync(Role.Officer, commune);
        var api = await f.ApiClientAsync(officer);
        var pages = await f.SignInAsync(officer);
        var id = await CreateAsync(api, Campaign(commune, UnitLevel.Village, commune));
        var names = Enumerable.Range(1, indicatorCount).Select(i => $"Chỉ tiêu {i}").ToList();
        foreach (var name in names)
        {
            await AddIndicatorAsync(api, id, Indicator(name));
        }

        var rows = villages
            .SelectMany(v => days.Select(d => (Village: v, Day: d)))
            .Select(
                (cell, n) =>
                {
                    var row = new Dictionary<string, object?>
                    {
                        ["Mã đơn vị"] = cell.Village.Code,
                        ["Kỳ (dd/MM/yyyy)"] = cell.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    };
                    for (var i = 0; i < names.Count; i++)
                    {
                        row[names[i]] = (n + i) % 9;
                    }

                    return row;
                }
            )
            .ToList();
        var cells = rows.Count * indicatorCount;
        Assert.True(cells > CampaignRules.MaxCells, $"{cells} cells");
        using var sheet = new MemoryStream();
        sheet.SaveAs(rows);

        var preview = PageClient.Parse(
            await (
                await pages.SubmitFormAsync(
                    $"/campaigns/{id}/import",
                    "figures-upload",
                    [],
                    ("file", "ca-xa.xlsx", sheet.ToArray())
                )
            ).Content.ReadAsStringAsync()
        );
        var committed = await pages.SubmitAsync(preview, $"/campaigns/{id}/import", "figures-commit", []);
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);

        var (figures, total, revisions, matched) = await f.WithDbAsync(async db =>
        {
            var figureRows = db.Set<CampaignFigure>().Where(x => x.CampaignId == id);
            var revisionRows = db.Set<FigureRevision>().Where(r => r.CampaignId == id);
            return (
                await figureRows.CountAsync(),
                (await figureRows.Select(x => x.Value).ToListAsync()).Sum(),
                await revisionRows.CountAsync(r => r.Source == FigureSource.Import && r.OldValue == null),
                // Each revision names its figure: same key, same value.
                await revisionRows.CountAsync(r =>
                    figureRows.Any(x =>
                        x.Id == r.FigureId
                        && x.UnitId == r.UnitId
                        && x.IndicatorId == r.IndicatorId
                        && x.Period == r.Period
                        && x.Value == r.NewValue
                        && x.Version == 1
                        && x.VillageId == r.VillageId
                        && x.CommuneId == commune.Id
                    )
                )
            );
        });
        Assert.Equal(cells, figures);
        Assert.Equal(
            Enumerable.Range(0, rows.Count).Sum(n => Enumerable.Range(0, indicatorCount).Sum(i => (n + i) % 9)),
            total
        );
        Assert.Equal(cells, revisions);
        Assert.Equal(cells, matched);

        var imported = Assert.Single(
            await f.WithDbAsync(db =>
                db.AuditEntries.Where(a =>
                        a.EntityType == nameof(Campaign)
                        && a.EntityId == $"{id}"
                        && a.Action == AuditAction.FiguresImported
                    )
                    .ToListAsync()
            )
        );
        Assert.Equal(commune.Id, imported.UnitId);
        Assert.Equal(commune.Id, imported.CommuneId);
        Assert.Contains($"changed={cells}", imported.Details, StringComparison.Ordinal);
        Assert.False(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.EntityType == nameof(CampaignFigure) || a.EntityType == nameof(FigureRevision)
                )
            ),
            "Figures and revisions are not copied into the audit trail row by row."
        );
        Assert.Empty(await f.CheckAsync(id));
        Assert.Empty(f.Log.Errors);
    }

    [Fact]
    public async Task A_grid_save_is_one_audit_entry_in_the_village_and_a_removed_cells_key_is_never_given_again()
    {
        var id = await CreateAsync(f.CommuneApi, Campaign(T.C1, UnitLevel.Village, T.C1));
        var graves = await AddIndicatorAsync(f.CommuneApi, id, Indicator());
        var day = f.Today.AddDays(-1);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, day, 5), Figure(T.V1, graves, f.Today, 2))
            ).StatusCode
        );
        var first = await FigureIdAsync(id, day);
        Assert.NotNull(first);

        // Removed, then entered again: a new row with a new key; the old key's history stays its own.
        Assert.Equal(
            HttpStatusCode.OK,
            (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, day, null, version: 1))).StatusCode
        );
        Assert.Null(await FigureIdAsync(id, day));
        Assert.Equal(HttpStatusCode.OK, (await EnterAsync(f.CommuneApi, id, Figure(T.V1, graves, day, 7))).StatusCode);
        var second = await FigureIdAsync(id, day);
        Assert.True(second > first, $"{second} after {first}");
        var history = await f.WithDbAsync(db =>
            db.Set<FigureRevision>()
                .Where(r => r.CampaignId == id && r.Period == day)
                .OrderBy(r => r.Id)
                .Select(r => new
                {
                    r.FigureId,
                    r.OldValue,
                    r.NewValue,
                })
                .ToListAsync()
        );
        Assert.Equal(
            [(first!.Value, (decimal?)null, (decimal?)5m), (first.Value, 5m, null), (second!.Value, null, 7m)],
            history.Select(h => (h.FigureId, h.OldValue, h.NewValue))
        );

        var entries = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(Campaign) && a.EntityId == $"{id}")
                .Where(a => a.Action == AuditAction.FiguresEntered)
                .OrderBy(a => a.Id)
                .ToListAsync()
        );
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(T.V1.Id, e.UnitId));
        Assert.All(entries, e => Assert.Equal(T.C1.Id, e.CommuneId));
        Assert.Equal(
            ["source=Api; changed=2", "source=Api; changed=1", "source=Api; changed=1"],
            entries.Select(e => e.Details)
        );
        Assert.False(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.EntityType == nameof(CampaignFigure) || a.EntityType == nameof(FigureRevision)
                )
            )
        );
        Assert.Empty(await f.CheckAsync(id));
    }

    private Task<long?> FigureIdAsync(int campaignId, DateOnly day) =>
        f.WithDbAsync(db =>
            db.Set<CampaignFigure>()
                .Where(x => x.CampaignId == campaignId && x.Period == day)
                .Select(x => (long?)x.Id)
                .SingleOrDefaultAsync()
        );
}
