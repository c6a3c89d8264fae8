using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using MiniExcelLibs;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>
/// A column of a records import (a file of new records, one a row): the input field it fills, the resource key that
/// names it in the template and in messages, and whether a row must fill it. A header is recognized by the name in
/// any of the three languages, with or without diacritics, or by one of its aliases.
/// </summary>
public sealed record ImportColumn(string Field, string LabelKey, bool Required = false, params string[] Aliases)
{
    private static readonly CultureInfo[] Languages = [.. Cultures.Supported.Select(CultureInfo.GetCultureInfo)];

    public string Label => SharedResource.ResourceManager.GetString(LabelKey, CultureInfo.CurrentUICulture) ?? LabelKey;

    public bool Matches(string header) =>
        Aliases.Contains(header, StringComparer.Ordinal)
        || Languages.Any(c =>
            TabularFile.NormalizeHeader(SharedResource.ResourceManager.GetString(LabelKey, c) ?? LabelKey) == header
        );
}

/// <summary>A row of the file that would become a record: where it is and what it is, for the preview.</summary>
public sealed record RecordImportLine(int Row, string Title, string Unit, bool AlreadyImported);

/// <summary>The check (or the commit) of a file of new records: how many rows, how many become records, how many were
/// imported before (an idempotent re-upload skips them), the problems by row and column, and the first rows.</summary>
public sealed record RecordImportResult(
    int Rows,
    int New,
    int AlreadyImported,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<RecordImportLine> Sample,
    bool Committed
)
{
    public bool HasProblems => Problems.Count > 0;

    public static RecordImportResult Failed(int rows, IEnumerable<ImportProblem> problems) =>
        new(rows, 0, 0, [.. problems.OrderBy(p => p.Row)], [], Committed: false);
}

/// <summary>
/// The file of a records import bound to its columns: reads each row's cells as text, dates, choices and yes/no, and
/// collects the problems at their row and column. Every import of records (models, petitions) reads through it, so a
/// date, a choice or a date typed into a text column means the same in each.
/// </summary>
public sealed partial class RecordSheet
{
    private readonly Dictionary<string, string> headerOf = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ImportColumn> columns;
    private readonly HashSet<string> ignored = new(StringComparer.Ordinal);
    private readonly HashSet<(int Row, string Column)> cellsWithProblems = [];

    /// <summary>The columns <see cref="RecordImport.ProblemsCopyAsync"/> adds to a file.</summary>
    private static readonly ImportColumn[] CopyColumns =
    [
        new("", nameof(SharedResource.Import_Row)),
        new("", nameof(SharedResource.RecordImport_ProblemColumn)),
    ];

    private RecordSheet(TabularData table, IReadOnlyList<ImportColumn> columns)
    {
        Table = table;
        this.columns = columns;
    }

    public TabularData Table { get; }

    /// <summary>The data rows: those with a cell filled in outside the copy's own columns.</summary>
    public IEnumerable<TabularRow> Rows =>
        Table.Rows.Where(r => r.Cells.Any(c => c.Value.Length > 0 && !ignored.Contains(c.Key)));

    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Opens the file and matches its headers; null (with the problems) when it cannot be read at all or a
    /// required column or a known one is missing.</summary>
    public static RecordSheet? Open(
        Stream content,
        string fileName,
        IReadOnlyList<ImportColumn> columns,
        List<ImportProblem> problems
    )
    {
        TabularData table;
        try
        {
            table = TabularFile.Open(content, fileName);
        }
        catch (ImportFileException e)
        {
            problems.Add(new ImportProblem(0, null, e.Message));
            return null;
        }

        var sheet = new RecordSheet(table, columns);
        foreach (var header in table.Headers)
        {
            if (CopyColumns.Any(c => c.Matches(header)))
            {
                // The row number and problem column of the copy this import gives back: read past, so the fixed copy
                // can be uploaded as it is.
                sheet.ignored.Add(header);
            }
            else if (columns.FirstOrDefault(c => c.Matches(header)) is { } column)
            {
                if (!sheet.headerOf.TryAdd(column.Field, header))
                {
                    problems.Add(new ImportProblem(1, column.Label, SharedResource.RecordImport_ColumnTwice));
                }
            }
            else
            {
                problems.Add(
                    new ImportProblem(
                        1,
                        table.Labels.GetValueOrDefault(header, header),
                        string.Format(
                            CultureInfo.CurrentCulture,
                            SharedResource.RecordImport_UnknownColumn,
                            table.Labels.GetValueOrDefault(header, header)
                        )
                    )
                );
            }
        }

        foreach (var column in columns.Where(c => c.Required && !sheet.headerOf.ContainsKey(c.Field)))
        {
            problems.Add(
                new ImportProblem(
                    1,
                    column.Label,
                    string.Format(CultureInfo.CurrentCulture, SharedResource.Import_MissingColumn, column.Label)
                )
            );
        }

        return problems.Count == 0 ? sheet : null;
    }

    public ImportColumn Column(string field) => columns.Single(c => c.Field == field);

    /// <summary>The cell's text, trimmed; null when empty. A required cell left empty, or a date where text belongs
    /// (a spreadsheet that turned a typed value into a date), is a problem.</summary>
    public string? Text(TabularRow row, string field)
    {
        var value = Raw(row, field);
        if (value is null)
        {
            return null;
        }

        if (SpreadsheetDate().IsMatch(value))
        {
            Problem(row, field, SharedResource.RecordImport_DateInText);
            return null;
        }

        return value;
    }

    /// <summary>A date as dd/MM/yyyy (also d/M/yyyy and yyyy-MM-dd), or a date cell of the workbook.</summary>
    public DateOnly? Date(TabularRow row, string field)
    {
        var value = Raw(row, field);
        if (value is null)
        {
            return null;
        }

        if (
            DateOnly.TryParseExact(
                value,
                ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var day
            )
        )
        {
            return day;
        }

        // A date cell arrives as the invariant date and time: month first, with the time, so it is not ambiguous.
        if (
            SpreadsheetDate().IsMatch(value)
            && DateTime.TryParseExact(
                value,
                "M/d/yyyy H:mm:ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var at
            )
        )
        {
            return DateOnly.FromDateTime(at);
        }

        Problem(row, field, string.Format(CultureInfo.CurrentCulture, SharedResource.RecordImport_BadDate, value));
        return null;
    }

    /// <summary>One of an enumeration's values by its name in any language (as the form shows it).</summary>
    public T? Choice<T>(TabularRow row, string field)
        where T : struct, Enum
    {
        var value = Raw(row, field);
        if (value is null)
        {
            return null;
        }

        var wanted = TextSearch.Normalize(value);
        foreach (var option in Enum.GetValues<T>())
        {
            var key = LocalizerExtensions.EnumKey(option);
            if (
                TextSearch.Normalize(option.ToString()) == wanted
                || Cultures.Supported.Any(c =>
                    SharedResource.ResourceManager.GetString(key, CultureInfo.GetCultureInfo(c)) is { } name
                    && TextSearch.Normalize(name) == wanted
                )
            )
            {
                return option;
            }
        }

        var names = string.Join(
            ", ",
            Enum.GetValues<T>()
                .Select(o =>
                    SharedResource.ResourceManager.GetString(
                        LocalizerExtensions.EnumKey(o),
                        CultureInfo.CurrentUICulture
                    )
                )
                .Where(n => n is not null)
        );
        Problem(
            row,
            field,
            string.Format(CultureInfo.CurrentCulture, SharedResource.RecordImport_NotAChoice, value, names)
        );
        return null;
    }

    /// <summary>Yes or no: "có", "x", "1", "yes", "ja" are yes; empty, "không", "0", "no", "nein" are no.</summary>
    public bool Flag(TabularRow row, string field)
    {
        var value = Raw(row, field);
        if (value is null)
        {
            return false;
        }

        switch (TextSearch.Normalize(value))
        {
            case "co" or "x" or "1" or "yes" or "y" or "ja" or "true" or "dung":
                return true;
            case "khong" or "0" or "no" or "n" or "nein" or "false" or "sai":
                return false;
            default:
                Problem(
                    row,
                    field,
                    string.Format(CultureInfo.CurrentCulture, SharedResource.RecordImport_NotYesNo, value)
                );
                return false;
        }
    }

    public void Problem(TabularRow row, string field, string message)
    {
        var column = Column(field).Label;
        Problems.Add(new ImportProblem(row.Number, column, message));
        cellsWithProblems.Add((row.Number, column));
    }

    /// <summary>A handler's field errors (the input's property names) as problems at the row, in the column that holds
    /// that input (unless that cell has its problem already); a field without a column is reported on the row.</summary>
    public void AddErrors(TabularRow row, ValidationError error)
    {
        foreach (var (field, messages) in error.Fields)
        {
            var column = columns.FirstOrDefault(c => c.Field == field)?.Label;
            if (column is not null && cellsWithProblems.Contains((row.Number, column)))
            {
                continue; // the cell's own problem (an unknown name, a bad date) already says it
            }

            foreach (var message in messages)
            {
                Problems.Add(new ImportProblem(row.Number, column, message));
            }
        }
    }

    /// <summary>The cell as read; an empty cell of a required column is a problem.</summary>
    private string? Raw(TabularRow row, string field)
    {
        if (headerOf.TryGetValue(field, out var header) && row.Get(header) is { Length: > 0 } value)
        {
            return value;
        }

        var column = Column(field);
        if (column.Required)
        {
            Problem(
                row,
                field,
                string.Format(CultureInfo.CurrentCulture, SharedResource.Import_Required, column.Label)
            );
        }

        return null;
    }

    [GeneratedRegex(@"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}$")]
    private static partial Regex SpreadsheetDate();
}

/// <summary>What the records imports share beyond reading: the rows' keys, the template and the copy of a file with
/// its problems in a column.</summary>
public static class RecordImport
{
    /// <summary>Rows a file may have: a commune's backlog or a reception office's month, checked in seconds.</summary>
    public const int MaxRows = 5000;

    /// <summary>Rows shown in the preview.</summary>
    public const int SampleSize = 30;

    /// <summary>
    /// The key that makes a re-upload of the same row find the record it made instead of making a second one: the
    /// kind, the unit and a hash of the row's identifying cells (normalized: case, diacritics and spacing do not
    /// matter). Stored in the processed-requests table with the record's id; never holds the cells themselves.
    /// </summary>
    public static string RowKey(string kind, int unitId, params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => TextSearch.Normalize(p ?? "")));
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        return string.Create(CultureInfo.InvariantCulture, $"import:{kind}:{unitId}:{hash}");
    }

    /// <summary>The template: the columns' headers in the caller's language and example rows.</summary>
    public static async Task<byte[]> TemplateAsync(
        IReadOnlyList<ImportColumn> columns,
        IEnumerable<object?[]> examples,
        string sheetName,
        CancellationToken ct
    )
    {
        var rows = examples
            .Select(values =>
            {
                var line = new Dictionary<string, object?>(columns.Count);
                for (var i = 0; i < columns.Count; i++)
                {
                    line[columns[i].Label] = i < values.Length ? values[i] : null;
                }

                return line;
            })
            .ToList();
        if (rows.Count == 0)
        {
            rows.Add(columns.ToDictionary(c => c.Label, _ => (object?)null));
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: sheetName, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>
    /// The uploaded file again, every data row as it was read, with the row's number and a last column that says
    /// what is wrong with it (empty for a good row): the person fixes the rows in place and uploads the copy. Written
    /// through the streaming table writer, in the upload's own format.
    /// </summary>
    public static Task<IResult> ProblemsCopyAsync(
        byte[] content,
        string fileName,
        IReadOnlyList<ImportProblem> problems,
        CancellationToken ct
    )
    {
        var table = TabularFile.Open(new MemoryStream(content, writable: false), fileName);
        var byRow = problems
            .GroupBy(p => p.Row)
            .ToDictionary(
                g => g.Key,
                g => string.Join("; ", g.Select(p => p.Column is null ? p.Message : $"{p.Column}: {p.Message}"))
            );
        string[] headers =
        [
            SharedResource.Import_Row,
            .. table.Headers.Select(h => table.Labels.GetValueOrDefault(h, h)),
            SharedResource.RecordImport_ProblemColumn,
        ];
        var format = Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? ExportFormat.Csv
            : ExportFormat.Xlsx;
        return TableExport.ResultAsync(
            format,
            "loi-" + Path.GetFileNameWithoutExtension(fileName),
            headers,
            Rows(),
            ct
        );

        IEnumerable<object?[]> Rows()
        {
            if (byRow.TryGetValue(0, out var whole) || byRow.TryGetValue(1, out whole))
            {
                var line = new object?[headers.Length];
                line[0] = byRow.ContainsKey(1) ? 1 : null;
                line[^1] = whole;
                yield return line;
            }

            foreach (var row in table.Rows)
            {
                var line = new object?[headers.Length];
                line[0] = row.Number;
                for (var i = 0; i < table.Headers.Count; i++)
                {
                    line[i + 1] = row.Get(table.Headers[i]);
                }

                line[^1] = byRow.GetValueOrDefault(row.Number);
                yield return line;
            }
        }
    }
}
