using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The import's reading helpers: problems per row, headers to indicators, dates, neutralized text.</summary>
partial class ImportFigures
{
    /// <summary>EnterFigures' "Figures[i]" errors as problems at the cell's row and column.</summary>
    private static IEnumerable<ImportProblem> ProblemsOf(
        ValidationError error,
        int cells,
        Func<int, (int Row, string Column)> at
    )
    {
        foreach (var (field, messages) in error.Fields)
        {
            var match = CellKey().Match(field);
            (int Row, string? Column) cell =
                match.Success
                && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var i)
                && i < cells
                    ? at(i)
                    : (0, null);
            foreach (var message in messages)
            {
                yield return new ImportProblem(cell.Row, cell.Column, message);
            }
        }
    }

    /// <summary>An indicator column: "Name (measure)" as the template heads it, the bare name, or "… [#id]" when names
    /// repeat.</summary>
    private static Indicator? IndicatorOf(string header, List<Indicator> indicators)
    {
        var id = IdSuffix().Match(header);
        if (id.Success)
        {
            return int.TryParse(id.Groups[1].Value, CultureInfo.InvariantCulture, out var i)
                ? indicators.SingleOrDefault(x => x.Id == i)
                : null;
        }

        var bare = MeasureSuffix().Replace(header, "");
        var matches = indicators
            .Where(i => TabularFile.NormalizeHeader(i.Name) is var name && (name == header || name == bare))
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static DateOnly? ParseDate(string text)
    {
        if (
            DateOnly.TryParseExact(
                text,
                [DateFormat, "d/M/yyyy", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var day
            )
        )
        {
            return day;
        }

        // A cell the spreadsheet turned into a date arrives as the invariant date and time (month first, with the time:
        // not ambiguous).
        return DateTime.TryParseExact(
            text,
            "M/d/yyyy H:mm:ss",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var at
        )
            ? DateOnly.FromDateTime(at)
            : null;
    }

    private string MeasureOf(IndicatorRow indicator) => CampaignRules.MeasureLabel(indicator, m => L.Enum(m));

    /// <summary>A name a spreadsheet could take for a formula is written as text (QUALITY.md S3).</summary>
    private static string Neutralized(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static Result<FigureImportResult> Failed(int rows, List<ImportProblem> problems, DateTime now) =>
        new FigureImportResult(rows, 0, 0, 0, 0, [.. problems.OrderBy(p => p.Row)], [], Committed: false, now);

    [GeneratedRegex(@"^Figures\[(\d+)\]$")]
    private static partial Regex CellKey();

    [GeneratedRegex(@"_?\[#(\d+)\]$")]
    private static partial Regex IdSuffix();

    [GeneratedRegex(@"_?\([^()]*\)$")]
    private static partial Regex MeasureSuffix();
}
