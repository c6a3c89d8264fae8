using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using DanVan.Web.Infrastructure.Localization;
using MiniExcelLibs;

namespace DanVan.Web.Infrastructure.Exports;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes a list as .csv or .xlsx without holding it in memory: rows are pulled from an enumerable as they are
/// written (callers page through the database) into a temporary file, which is then streamed to the client
/// and deleted. CSV is UTF-8 with a byte-order mark (Excel opens Vietnamese correctly) and RFC 4180 quoting;
/// a cell that a spreadsheet would take for a formula (=, +, -, @, tab, CR) gets a leading apostrophe
/// (OWASP "CSV injection"). The .xlsx file is written by MiniExcel, which also streams.
/// </summary>
public static class TableExport
{
    /// <summary>The rows an export has written so far (a background export shows them as its progress).</summary>
    public sealed class RowCount
    {
        private long value;

        public long Value => Interlocked.Read(ref value);

        internal void Add() => Interlocked.Increment(ref value);
    }

    private static readonly AsyncLocal<RowCount?> Counter = new();

    /// <summary>Counts the rows of the exports written in this flow of execution until disposed.</summary>
    public static IDisposable Counting(RowCount count)
    {
        Counter.Value = count;
        return new StopCounting();
    }

    private sealed class StopCounting : IDisposable
    {
        public void Dispose() => Counter.Value = null;
    }

    private static IEnumerable<object?[]> Counted(IEnumerable<object?[]> rows, RowCount? count)
    {
        foreach (var row in rows)
        {
            count?.Add();
            yield return row;
        }
    }

    public static ExportFormat? Parse(string? format) =>
        format?.ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            _ => null,
        };

    public static async Task<IResult> ResultAsync(
        ExportFormat format,
        string fileStem,
        IReadOnlyList<string> headers,
        IEnumerable<object?[]> rows,
        CancellationToken ct
    )
    {
        var path = Path.Combine(
            Path.GetTempPath(),
            $"danvan-export-{Guid.NewGuid():N}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}"
        );
        var count = Counter.Value;
        using (var ahead = new ReadAhead(rows, ct))
        {
            if (format == ExportFormat.Csv)
            {
                await WriteCsvAsync(path, headers, Counted(ahead.Rows, count), ct);
            }
            else
            {
                await MiniExcel.SaveAsAsync(path, Sheet(headers, Counted(ahead.Rows, count)), cancellationToken: ct);
            }
        }

        // DeleteOnClose removes the file once the response has been sent (or the client went away).
        var stream = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read | FileShare.Delete,
            64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous
        );
        // Vietnam time, as every page shows it (the name says when the reader exported).
        var stamp = VietnamTime
            .FromUtc(TimeProvider.System.GetUtcNow().UtcDateTime)
            .ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return format == ExportFormat.Csv
            ? Results.File(stream, "text/csv; charset=utf-8", $"{fileStem}-{stamp}.csv")
            : Results.File(
                stream,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"{fileStem}-{stamp}.xlsx"
            );
    }

    /// <summary>
    /// The rows read on a task of their own, up to a few thousand ahead of the writer: reading the database (the
    /// callers' pages) and writing the file overlap instead of taking turns (QUALITY.md P6). A failure of the reading
    /// is thrown to the writer; a writer that stops (an error, the client gone) stops the reading, which is over
    /// before the request's services are disposed.
    /// </summary>
    private sealed class ReadAhead : IDisposable
    {
        // Handed over in chunks, so that the two sides wake each other a few hundred times, not once a row.
        private const int ChunkRows = 256;
        private const int Chunks = 16;
        private readonly BlockingCollection<object?[][]> buffer = new(Chunks);
        private readonly CancellationTokenSource stop;
        private readonly Task reading;
        private Exception? failure;

        public ReadAhead(IEnumerable<object?[]> rows, CancellationToken ct)
        {
            stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            reading = Task.Run(() =>
            {
                try
                {
                    foreach (var chunk in rows.Chunk(ChunkRows))
                    {
                        buffer.Add(chunk, stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The writer stopped first.
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    buffer.CompleteAdding();
                }
            });
        }

        public IEnumerable<object?[]> Rows
        {
            get
            {
                foreach (var chunk in buffer.GetConsumingEnumerable(stop.Token))
                {
                    foreach (var row in chunk)
                    {
                        yield return row;
                    }
                }

                reading.GetAwaiter().GetResult();
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            reading.GetAwaiter().GetResult();
            stop.Dispose();
            buffer.Dispose();
        }
    }

    private static IEnumerable<Dictionary<string, object?>> Sheet(
        IReadOnlyList<string> headers,
        IEnumerable<object?[]> rows
    )
    {
        foreach (var row in rows)
        {
            var line = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++)
            {
                line[headers[i]] = row[i] is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : row[i];
            }

            yield return line;
        }
    }

    private static async Task WriteCsvAsync(
        string path,
        IReadOnlyList<string> headers,
        IEnumerable<object?[]> rows,
        CancellationToken ct
    )
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync(string.Join(',', headers.Select(Cell)));
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', row.Select(v => Cell(Text(v)))));
        }
    }

    private static string Text(object? value) =>
        value switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    public static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
