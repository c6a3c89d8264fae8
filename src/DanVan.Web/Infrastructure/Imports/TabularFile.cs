using System.Data;
using System.IO.Compression;
using System.Text;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using Sylvan.Data.Csv;

namespace DanVan.Web.Infrastructure.Imports;

/// <summary>One data row of an uploaded table: its 1-based row number in the file and its cells by column.</summary>
public sealed record TabularRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string Get(string column) => Cells.TryGetValue(column, out var value) ? value : "";
}

/// <summary>A problem with a file, a row or a cell, located so the person can find it.</summary>
public sealed record ImportProblem(int Row, string? Column, string Message);

public sealed class ImportFileException(string message) : Exception(message);

/// <summary>An opened table: its normalized column names and its data rows, read lazily.</summary>
public sealed record TabularData(IReadOnlyList<string> Headers, IEnumerable<TabularRow> Rows)
{
    /// <summary>Each normalized column name as the file heads it (for a copy of the file).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Reads .csv and .xlsx uploads as a stream of rows with normalized column names, after checking that the
/// file is what its extension says (magic bytes), is not oversized, is UTF-8 text (CSV), and is not a zip
/// bomb (entry count and declared uncompressed size checked before anything is read). QUALITY.md S3.
/// A workbook's first sheet is read by ExcelDataReader, row by row (ADR-0024: a tenth of the garbage MiniExcel's
/// reader made — 192 MB against 852 MB for a 100,000-row file).
/// </summary>
public static class TabularFile
{
    // ExcelDataReader's configuration names a legacy code page as its fallback encoding (used for old .xls and CSV
    // files only, which it is never given here); .NET has those code pages only once the provider is registered.
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file types an import takes, as the upload fields' <c>accept</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx"];

    public static string Accept => string.Join(',', Extensions);

    public const long MaxBytes = 50L * 1024 * 1024;
    internal const long MaxUncompressedBytes = 500L * 1024 * 1024;
    internal const int MaxZipEntries = 1000;
    internal const int MaxCompressionRatio = 200;

    /// <summary>Column header → canonical name: lower case, no diacritics, spaces as underscores.</summary>
    public static string NormalizeHeader(string header) => TextSearch.Normalize(header).Replace(' ', '_');

    public static TabularData Open(Stream content, string fileName)
    {
        if (content.CanSeek && content.Length > MaxBytes)
        {
            throw new ImportFileException(string.Format(SharedResource.Import_TooLarge, MaxBytes / 1024 / 1024));
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var seekable = EnsureSeekable(content);
        if (seekable.Length == 0)
        {
            throw new ImportFileException(SharedResource.Import_Empty);
        }

        Span<byte> head = stackalloc byte[4];
        var read = seekable.Read(head);
        seekable.Position = 0;
        var isZip = read == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
        return extension switch
        {
            ".xlsx" when isZip => ReadXlsx(seekable),
            ".xlsx" => throw new ImportFileException(SharedResource.Import_NotXlsx),
            ".csv" when isZip || head[..read].Contains((byte)0) => throw new ImportFileException(
                SharedResource.Import_NotCsv
            ),
            ".csv" => ReadCsv(seekable),
            _ => throw new ImportFileException(SharedResource.Import_WrongType),
        };
    }

    private static Stream EnsureSeekable(Stream content)
    {
        if (content.CanSeek)
        {
            return content;
        }

        var copy = new MemoryStream();
        content.CopyTo(copy);
        if (copy.Length > MaxBytes)
        {
            throw new ImportFileException(string.Format(SharedResource.Import_TooLarge, MaxBytes / 1024 / 1024));
        }

        copy.Position = 0;
        return copy;
    }

    private static TabularData ReadCsv(Stream content)
    {
        // Strict UTF-8: a file saved in a legacy code page is refused rather than read as mojibake.
        var reader = new StreamReader(
            content,
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true
        );
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(SharedResource.Import_NotUtf8);
        }
        catch (CsvMissingHeadersException)
        {
            throw new ImportFileException(SharedResource.Import_Empty);
        }

        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = csv.GetName(i) ?? "";
        }

        return Table(csv, names, decoderAware: true);
    }

    private static TabularData ReadXlsx(Stream content)
    {
        try
        {
            using (var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true))
            {
                if (zip.Entries.Count > MaxZipEntries)
                {
                    throw new ImportFileException(SharedResource.Import_Suspicious);
                }

                long total = 0;
                foreach (var entry in zip.Entries)
                {
                    total += entry.Length;
                    if (
                        total > MaxUncompressedBytes
                        || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio)
                    )
                    {
                        throw new ImportFileException(SharedResource.Import_Suspicious);
                    }
                }

                if (zip.GetEntry("xl/workbook.xml") is null)
                {
                    throw new ImportFileException(SharedResource.Import_NotXlsx);
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException(SharedResource.Import_NotXlsx);
        }

        content.Position = 0;
        IExcelDataReader reader;
        string[] headers;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(content, new ExcelReaderConfiguration { LeaveOpen = true });
            if (!reader.Read())
            {
                reader.Dispose();
                throw new ImportFileException(SharedResource.Import_Empty);
            }

            // The first row holds the column names.
            headers = new string[reader.FieldCount];
            for (var i = 0; i < headers.Length; i++)
            {
                headers[i] = reader.IsDBNull(i)
                    ? ""
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }
        catch (Exception e) when (IsUnreadableWorkbook(e))
        {
            throw new ImportFileException(SharedResource.Import_NotXlsx);
        }

        return Table(reader, headers, decoderAware: false);
    }

    private static bool IsUnreadableWorkbook(Exception e) =>
        e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or ExcelReaderException;

    private static TabularData Table(IDataReader reader, string[] names, bool decoderAware)
    {
        var headers = new string[names.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = NormalizeHeader(names[i]);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++)
        {
            if (headers[i].Length > 0)
            {
                labels.TryAdd(headers[i], names[i].Trim());
            }
        }

        return new TabularData([.. headers.Where(h => h.Length > 0).Distinct()], Rows(reader, headers, decoderAware))
        {
            Labels = labels,
        };
    }

    private static IEnumerable<TabularRow> Rows(IDataReader reader, string[] headers, bool decoderAware)
    {
        using (reader)
        {
            var number = 1;
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (DecoderFallbackException) when (decoderAware)
                {
                    throw new ImportFileException(SharedResource.Import_NotUtf8);
                }
                catch (Exception e) when (!decoderAware && IsUnreadableWorkbook(e))
                {
                    throw new ImportFileException(SharedResource.Import_NotXlsx);
                }

                if (!more)
                {
                    yield break;
                }

                number++;
                var cells = new Dictionary<string, string>(headers.Length);
                var empty = true;
                for (var i = 0; i < headers.Length && i < reader.FieldCount; i++)
                {
                    if (headers[i].Length == 0 || cells.ContainsKey(headers[i]))
                    {
                        continue;
                    }

                    var value = reader.IsDBNull(i)
                        ? ""
                        : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    value = value.Trim();
                    empty &= value.Length == 0;
                    cells[headers[i]] = value;
                }

                if (!empty)
                {
                    yield return new TabularRow(number, cells);
                }
            }
        }
    }
}
