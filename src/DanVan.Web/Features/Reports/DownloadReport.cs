using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Infrastructure.OfficialDocuments;

namespace DanVan.Web.Features.Reports;

/// <summary>The formats a report downloads in.</summary>
public enum ReportFormat
{
    Docx,
    Xlsx,
    Pdf,
}

/// <summary>A report's official document as a file: Word, the workbook, or the PDF of the Word file. Audited.</summary>
public sealed class DownloadReport(
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    GetReport get,
    OfficialPdf pdf,
    TimeProvider clock
)
{
    public const string DocxType = OfficialDocx.ContentType;
    public const string XlsxType = OfficialXlsx.ContentType;

    public static ReportFormat? Parse(string? format) =>
        format?.ToLowerInvariant() switch
        {
            "docx" => ReportFormat.Docx,
            "xlsx" => ReportFormat.Xlsx,
            "pdf" => ReportFormat.Pdf,
            _ => null,
        };

    public async Task<(byte[] Content, string Type, string Name)?> HandleAsync(
        int id,
        ReportFormat format,
        CancellationToken ct
    )
    {
        var view = await get.HandleAsync(id, ct);
        if (view is null)
        {
            return null;
        }

        var document = ReportDocuments.Build(view, VietnamTime.Today(clock));
        var docx = format == ReportFormat.Xlsx ? null : OfficialDocx.ToBytes(document);
        var (content, type, extension) = format switch
        {
            ReportFormat.Xlsx => (OfficialXlsx.ToBytes(document), XlsxType, "xlsx"),
            ReportFormat.Pdf => (await pdf.FromDocxAsync(docx!, ct), "application/pdf", "pdf"),
            _ => (docx!, DocxType, "docx"),
        };
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(UnitReport),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(view.Report),
            $"format={extension}; report={id}"
        );
        await primary.SaveChangesAsync(ct);
        return (content, type, ReportDocuments.FileName(view, extension));
    }
}
