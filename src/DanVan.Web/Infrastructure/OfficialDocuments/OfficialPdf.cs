using System.Diagnostics;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>The PDF could not be made (LibreOffice missing, failed or too slow).</summary>
public sealed class OfficialPdfException(string message) : Exception(message);

/// <summary>
/// The PDF of an official document is the PDF of its Word file, converted by LibreOffice headless (Debian's
/// <c>libreoffice-writer-nogui</c>): the same layout the person downloading the .docx sees. The document names Times New
/// Roman; on the server fontconfig renders it with Liberation Serif (<c>fonts-liberation2</c>), metric-compatible and
/// with full Vietnamese coverage, so lines break where they break in Word (ADR-0028). Each conversion runs in its own
/// temporary folder and LibreOffice profile, one at a time, and is stopped after two minutes.
/// </summary>
public sealed class OfficialPdf(string? soffice = null)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>The LibreOffice program: the one given, else the first of Debian's paths that
    /// exists.</summary>
    public string Program { get; } =
        soffice
        ?? new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(
            File.Exists
        )
        ?? "soffice";

    public Task<byte[]> FromDocxAsync(byte[] docx, CancellationToken ct) => ConvertAsync(docx, "docx", ct);

    /// <summary>A workbook's PDF (what LibreOffice prints of it; the tests use it to prove a workbook opens).</summary>
    public Task<byte[]> FromXlsxAsync(byte[] xlsx, CancellationToken ct) => ConvertAsync(xlsx, "xlsx", ct);

    private async Task<byte[]> ConvertAsync(byte[] file, string extension, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("danvan-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "document." + extension);
            await File.WriteAllBytesAsync(input, file, ct);
            var start = new ProcessStartInfo(Program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (
                var argument in new[]
                {
                    "-env:UserInstallation=" + new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri,
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder.FullName,
                    input,
                }
            )
            {
                start.ArgumentList.Add(argument);
            }

            await OneAtATime.WaitAsync(ct);
            try
            {
                using var process = StartOrThrow(start);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(Timeout);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                _ = process.StandardOutput.ReadToEndAsync(limit.Token);
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw ct.IsCancellationRequested
                        ? new OperationCanceledException(ct)
                        : new OfficialPdfException($"LibreOffice took longer than {Timeout.TotalSeconds:0} s.");
                }

                var output = Path.Combine(folder.FullName, "document.pdf");
                if (process.ExitCode != 0 || !File.Exists(output))
                {
                    throw new OfficialPdfException(
                        $"LibreOffice exited with {process.ExitCode} and no PDF: {(await errors).Trim()}"
                    );
                }

                return await File.ReadAllBytesAsync(output, ct);
            }
            finally
            {
                OneAtATime.Release();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private Process StartOrThrow(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new OfficialPdfException($"{Program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OfficialPdfException(
                $"{Program} cannot be run ({e.Message}): install LibreOffice (libreoffice-writer-nogui) and fonts-liberation2, or give the program's path."
            );
        }
    }
}
