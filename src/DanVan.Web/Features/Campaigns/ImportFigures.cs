using System.Data;
using System.Globalization;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Campaigns;

/// <summary>
/// A period's figures from a spreadsheet: the template (<see cref="TemplateAsync"/>: the caller's participating units
/// with
/// the period's values, one column per indicator of a frequency) and its import. A row is a unit (by code) and a period
/// (the "Kỳ" column, else the date chosen on upload); a filled indicator cell is a figure, an empty one changes
/// nothing.
/// Every cell goes through <see cref="EnterFigures"/>' own checks — validate-only for the preview, then the same batch
/// for the commit, all or nothing, with one audit entry for the file. Values are read as numbers; text is never
/// evaluated.
/// </summary>
internal sealed partial class ImportFigures(
    DanVanDbContext db,
    ICurrentUser user,
    EnterFigures enter,
    ReadGrid grid,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L
)
{
    public const int SampleSize = 30;
    public const string DateFormat = "dd/MM/yyyy";

    public Task<Result<FigureImportResult>> PreviewAsync(
        int campaignId,
        Stream content,
        string fileName,
        DateOnly? date,
        CancellationToken ct
    ) => RunAsync(campaignId, content, fileName, date, commit: false, checkedAt: null, ct);

    /// <param name="checkedAt">When the person saw the preview: a cell someone changed since then is a problem, not
    /// silently overwritten.</param>
    public Task<Result<FigureImportResult>> CommitAsync(
        int campaignId,
        Stream content,
        string fileName,
        DateOnly? date,
        DateTime? checkedAt,
        CancellationToken ct
    ) => RunAsync(campaignId, content, fileName, date, commit: true, checkedAt, ct);

    private async Task<Result<FigureImportResult>> RunAsync(
        int campaignId,
        Stream content,
        string fileName,
        DateOnly? date,
        bool commit,
        DateTime? checkedAt,
        CancellationToken ct
    )
    {
        if (await CampaignAccess.FindWithIndicatorsAsync(db, user, campaignId, ct) is not { } found)
        {
            return new NotFoundError(L["Campaigns_NotFound"]);
        }

        var (campaign, indicators) = found;
        if (CampaignAccess.RefuseFigures(user, campaign, L) is { } refused)
        {
            return refused;
        }

        var now = db.UtcNow;
        var problems = new List<ImportProblem>();
        TabularData table;
        try
        {
            table = TabularFile.Open(content, fileName);
        }
        catch (ImportFileException e)
        {
            return Failed(0, [new ImportProblem(0, null, e.Message)], now);
        }

        // The columns: the unit's code, its name (for people only), the period, and one per indicator.
        var codeLabel = L["FigureImport_ColumnCode"].Value;
        var periodLabel = L["FigureImport_ColumnPeriod"].Value;
        string? codeColumn = null,
            periodColumn = null;
        var columns = new List<(string Header, Indicator Indicator)>();
        foreach (var header in table.Headers)
        {
            if (CodeHeaders.Contains(header))
            {
                codeColumn ??= header;
            }
            else if (PeriodHeaders.Contains(header))
            {
                periodColumn ??= header;
            }
            else if (NameHeaders.Contains(header))
            {
                continue;
            }
            else if (IndicatorOf(header, indicators) is { } indicator)
            {
                if (columns.Any(c => c.Indicator.Id == indicator.Id))
                {
                    problems.Add(new ImportProblem(1, indicator.Name, L["FigureImport_ColumnTwice"]));
                }
                else
                {
                    columns.Add((header, indicator));
                }
            }
            else
            {
                problems.Add(new ImportProblem(1, header, L["FigureImport_UnknownColumn", header]));
            }
        }

        if (codeColumn is null)
        {
            problems.Add(new ImportProblem(1, codeLabel, L["Import_MissingColumn", codeLabel]));
        }

        if (columns.Count == 0)
        {
            problems.Add(new ImportProblem(1, null, L["FigureImport_NoIndicatorColumns"]));
        }

        if (periodColumn is null && date is null)
        {
            problems.Add(new ImportProblem(1, periodLabel, L["FigureImport_NoPeriod"]));
        }

        if (problems.Count > 0)
        {
            return Failed(0, problems, now);
        }

        // The rows: each filled indicator cell is a figure; an empty cell changes nothing. Unit codes are kept once.
        var pending = new List<Pending>();
        var codes = new List<string>();
        var codeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicatorOf = columns.Select(c => c.Indicator).ToList();
        var rowCount = 0;
        foreach (var row in table.Rows)
        {
            rowCount++;
            var code = row.Get(codeColumn!);
            if (code.Length == 0)
            {
                problems.Add(new ImportProblem(row.Number, codeLabel, L["Import_Required", codeLabel]));
                continue;
            }

            var periodText = periodColumn is null ? "" : row.Get(periodColumn);
            DateOnly period;
            if (periodText.Length == 0)
            {
                if (date is not { } chosen)
                {
                    problems.Add(new ImportProblem(row.Number, periodLabel, L["Import_Required", periodLabel]));
                    continue;
                }

                period = chosen;
            }
            else if (ParseDate(periodText) is { } day)
            {
                period = day;
            }
            else
            {
                problems.Add(new ImportProblem(row.Number, periodLabel, L["FigureImport_BadDate", periodText]));
                continue;
            }

            for (var column = 0; column < columns.Count; column++)
            {
                var text = row.Get(columns[column].Header);
                if (text.Length == 0)
                {
                    continue;
                }

                if (!FigureText.TryParseInvariant(text, out var value))
                {
                    problems.Add(
                        new ImportProblem(row.Number, indicatorOf[column].Name, L["FigureImport_NotANumber", text])
                    );
                    continue;
                }

                if (!codeIndex.TryGetValue(code, out var codeNumber))
                {
                    codeIndex[code] = codeNumber = codes.Count;
                    codes.Add(code);
                }

                pending.Add(new Pending(row.Number, column, codeNumber, period, value));
            }

            if (pending.Count > CampaignRules.MaxImportCells)
            {
                problems.Add(
                    new ImportProblem(row.Number, null, L["Campaigns_TooManyCells", CampaignRules.MaxImportCells])
                );
                return Failed(rowCount, problems, now);
            }
        }

        // The units, by code: active ones first, so a merged village's code still reaches the check that names its
        // successor.
        var units = new Dictionary<string, (int Id, string Name)>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(2000))
        {
            foreach (var unit in (
                    await db
                        .Units.Where(u => chunk.Contains(u.Code))
                        .Select(u => new
                        {
                            u.Id,
                            u.Code,
                            u.Name,
                            u.ValidTo,
                        })
                        .ToListAsync(ct)
                ).OrderBy(u => u.ValidTo is null ? 0 : 1).ThenByDescending(u => u.ValidTo))
            {
                units.TryAdd(unit.Code, (unit.Id, unit.Name));
            }
        }

        // The cells whose unit is known (by their position in the file's cells), and each code's unit.
        var unitIds = codes.Select(c => units.TryGetValue(c, out var unit) ? unit.Id : 0).ToArray();
        var located = new List<int>(pending.Count);
        var unknownRows = new HashSet<int>();
        for (var i = 0; i < pending.Count; i++)
        {
            var cell = pending[i];
            if (unitIds[cell.Code] == 0)
            {
                if (unknownRows.Add(cell.Row))
                {
                    problems.Add(
                        new ImportProblem(cell.Row, codeLabel, L["FigureImport_UnknownUnit", codes[cell.Code]])
                    );
                }

                continue;
            }

            located.Add(i);
        }

        var inputs = new Inputs(pending, located, unitIds, indicatorOf);
        if (inputs.Count == 0)
        {
            if (problems.Count == 0)
            {
                problems.Add(new ImportProblem(0, null, L["FigureImport_NoFigures"]));
            }

            return Failed(rowCount, problems, now);
        }

        // Where a cell of the batch is in the file: its row and its indicator column.
        (int Row, string Column) At(int index) =>
            (pending[located[index]].Row, indicatorOf[pending[located[index]].Column].Name);

        // EnterFigures' own checks, cell by cell: participant, the caller's unit, inside the campaign, not locked,
        // sign, decimals.
        var checkedCells = await enter.CheckForImportAsync(campaignId, inputs, CampaignRules.MaxImportCells, ct);
        if (!checkedCells.IsOk)
        {
            if (checkedCells.Error is not ValidationError validation)
            {
                return checkedCells.Error;
            }

            problems.AddRange(ProblemsOf(validation, inputs.Count, At));
        }

        if (problems.Count > 0)
        {
            return Failed(rowCount, problems, now);
        }

        // What each cell would do, counted as it is seen: nothing is kept per cell but the cell.
        var batch = checkedCells.Value!;
        var cells = batch.Cells;
        int added = 0,
            changed = 0,
            unchanged = 0;
        var sample = new List<FigureImportLine>();
        foreach (var c in cells)
        {
            var current = batch.CurrentOf(c);
            var change = EnterFigures.ChangeOf(c, current);
            added += change == FigureChange.New ? 1 : 0;
            changed += change == FigureChange.Changed ? 1 : 0;
            unchanged += change == FigureChange.Unchanged ? 1 : 0;
            if (change is FigureChange.New or FigureChange.Changed && sample.Count < SampleSize)
            {
                var cell = pending[located[c.Index]];
                sample.Add(
                    new FigureImportLine(
                        cell.Row,
                        indicatorOf[cell.Column].Name,
                        codes[cell.Code],
                        units[codes[cell.Code]].Name,
                        c.Period,
                        current?.Value,
                        cell.Value,
                        change
                    )
                );
            }
        }

        var result = new FigureImportResult(
            rowCount,
            cells.Count,
            added,
            changed,
            unchanged,
            [],
            sample,
            Committed: false,
            now
        );
        if (!commit)
        {
            return result;
        }

        // A cell someone saved after the person's check: show it rather than overwrite it unseen.
        if (checkedAt is { } seen)
        {
            foreach (var c in cells)
            {
                if (
                    batch.CurrentOf(c) is { } current
                    && current.UpdatedAt > seen
                    && EnterFigures.ChangeOf(c, current) != FigureChange.Unchanged
                )
                {
                    var (row, column) = At(c.Index);
                    problems.Add(
                        new ImportProblem(
                            row,
                            column,
                            L[
                                "FigureImport_ChangedSince",
                                current.ActorName ?? "",
                                FigureText.Format(current.Value, CultureInfo.CurrentCulture)
                            ]
                        )
                    );
                }
            }

            if (problems.Count > 0)
            {
                return Failed(rowCount, problems, now);
            }
        }

        // Only what changes, each from the version just read and keeping its note: the checked cells (once: the commit
        // does not repeat the preview's checks), kept in place in their own list.
        var changing = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var current = batch.CurrentOf(cells[i]);
            if (EnterFigures.ChangeOf(cells[i], current) != FigureChange.Unchanged)
            {
                cells[changing++] = cells[i] with { Version = current?.Version ?? 0, Note = current?.Note };
            }
        }

        if (changing == 0)
        {
            return result with { Committed = true };
        }

        cells.RemoveRange(changing, cells.Count - changing);
        var saved = await enter.WriteCheckedAsync(
            batch.Campaign,
            cells,
            string.Create(
                CultureInfo.InvariantCulture,
                $"file={Path.GetFileName(fileName)}; rows={rowCount}; cells={result.Cells}"
            ),
            ct
        );
        if (!saved.IsOk)
        {
            switch (saved.Error)
            {
                case ValidationError v:
                    problems.AddRange(ProblemsOf(v, inputs.Count, At));
                    break;
                case ConflictError { Current: List<FigureConflict> conflicts }:
                    problems.AddRange(
                        conflicts.Select(c => new ImportProblem(
                            At(c.Index).Row,
                            At(c.Index).Column,
                            L[
                                "FigureImport_ChangedSince",
                                c.ActorName ?? "",
                                FigureText.Format(c.CurrentValue ?? 0, CultureInfo.CurrentCulture)
                            ]
                        ))
                    );
                    break;
                case ConflictError conflict:
                    problems.Add(new ImportProblem(0, null, conflict.Message));
                    break;
                default:
                    return saved.Error;
            }

            return Failed(rowCount, problems, now);
        }

        return result with
        {
            Committed = true,
        };
    }
}
