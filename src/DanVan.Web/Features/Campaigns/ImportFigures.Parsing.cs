using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Imports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Campaigns;

/// <summary>The import's reading helpers: problems per row, headers to indicators, dates, neutralized text.</summary>
partial class ImportFigures
{
    private static readonly CultureInfo[] Languages = [.. Cultures.Supported.Select(CultureInfo.GetCultureInfo)];

    private static readonly HashSet<string> CodeHeaders = Headers(
        nameof(SharedResource.FigureImport_ColumnCode),
        "ma_don_vi",
        "ma",
        "code",
        "unit_code"
    );
    private static readonly HashSet<string> NameHeaders = Headers(
        nameof(SharedResource.FigureImport_ColumnName),
        "ten_don_vi",
        "ten",
        "name",
        "unit_name"
    );
    private static readonly HashSet<string> PeriodHeaders = Headers(
        nameof(SharedResource.FigureImport_ColumnPeriod),
        "ky",
        "ky_bao_cao",
        "ngay",
        "period",
        "date",
        "zeitraum",
        "datum"
    );

    /// <summary>A filled indicator cell of the file, as a value: its row, its column (in the file's indicator
    /// columns), its unit code (in the file's distinct codes) and its period and value. A file's cells are one array
    /// from the read to the write.</summary>
    private readonly record struct Pending(int Row, int Column, int Code, DateOnly Period, decimal Value);

    /// <summary>The located cells as the figures <see cref="EnterFigures"/> checks, each made when it is read.</summary>
    private sealed class Inputs(List<Pending> pending, List<int> located, int[] unitIds, List<Indicator> indicators)
        : IReadOnlyList<FigureInput>
    {
        public int Count => located.Count;

        public FigureInput this[int index]
        {
            get
            {
                var cell = pending[located[index]];
                return new FigureInput(unitIds[cell.Code], indicators[cell.Column].Id, cell.Period, cell.Value);
            }
        }

        public IEnumerator<FigureInput> GetEnumerator()
        {
            for (var i = 0; i < located.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static HashSet<string> Headers(string key, params string[] aliases) =>
        [
            .. aliases,
            .. Languages.Select(c =>
                TabularFile.NormalizeHeader(SharedResource.ResourceManager.GetString(key, c) ?? key)
            ),
        ];

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
