using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Infrastructure.OfficialDocuments;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// A program as an official document through the builder reports use (docs/decisions/ADR-0028): the Party committee's
/// "CHƯƠNG TRÌNH" (CTr) or the People's Committee's "KẾ HOẠCH" (KH), with the header of the unit's body
/// (<see cref="DocumentHeader"/>), the bases
/// cited, the purposes, the items as a table and the approving decision; and the coverage matrix as a workbook.
/// </summary>
public static class ProgramDocuments
{
    public static OfficialDocument Build(ProgramDetail view, Unit unit, Unit? province, DateOnly today)
    {
        var p = view.Program;
        var regime = p.Kind == ProgramKind.GovernmentPlan ? DocumentRegime.State : DocumentRegime.Party;
        // The header of the unit's body, as its reports have it (one definition of who issues what).
        var header = DocumentHeader.For(unit, province, regime);
        var sections = new List<DocumentSection>();
        if (view.Bases.Count > 0)
        {
            sections.Add(new DocumentSection("CĂN CỨ", [new DocumentList([.. view.Bases.Select(BasisLine)])]));
        }

        sections.Add(
            new DocumentSection(
                "MỤC ĐÍCH, YÊU CẦU",
                [.. Paragraphs(p.Purposes ?? "").Select(t => (DocumentBlock)new DocumentParagraph(t))]
            )
        );
        sections.Add(
            new DocumentSection(
                "NHIỆM VỤ, GIẢI PHÁP",
                [
                    new DocumentTable(
                        null,
                        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm"],
                        [
                            .. view.Items.Select(i =>
                                (IReadOnlyList<DocumentCell>)
                                    [
                                        new DocumentCell(
                                            i.Item.Order.ToString(CultureInfo.InvariantCulture),
                                            true,
                                            i.Item.Order
                                        ),
                                        new DocumentCell(i.Item.Task),
                                        new DocumentCell(i.Item.LeadOrganization ?? ""),
                                        new DocumentCell(i.Item.Coordinating ?? ""),
                                        new DocumentCell(DueText(i.Item)),
                                        new DocumentCell(i.Item.ExpectedOutput ?? ""),
                                    ]
                            ),
                        ]
                    ),
                ]
            )
        );
        var closing = new List<DocumentBlock>
        {
            new DocumentParagraph(
                p.ParentProgramId is null
                    ? "Các cơ quan, đơn vị được giao chủ trì căn cứ Chương trình này xây dựng kế hoạch cụ thể, tổ chức thực hiện và báo cáo kết quả định kỳ."
                    : "Các cơ quan, đơn vị được giao chủ trì tổ chức thực hiện, báo cáo kết quả định kỳ về cấp trên theo quy định."
            ),
        };
        if (p.DecisionNumber is { } number && p.DecisionDate is { } date)
        {
            closing.Add(
                new DocumentParagraph(
                    $"{(regime == DocumentRegime.State ? "Kế hoạch" : "Chương trình")} được {p.ApprovingBody} thông qua theo văn bản số {number} ngày {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}."
                )
            );
        }

        sections.Add(new DocumentSection("TỔ CHỨC THỰC HIỆN", closing));
        return new OfficialDocument(
            regime,
            header.ParentBody,
            header.IssuingBody,
            null,
            regime == DocumentRegime.State ? "KH" : "CTr",
            header.Abbreviation,
            header.Place,
            p.DecisionDate ?? today,
            regime == DocumentRegime.State ? "KẾ HOẠCH" : "CHƯƠNG TRÌNH",
            p.Title,
            sections,
            new DocumentSignature(header.SignerAuthority, header.SignerTitle, ""),
            [.. (header.Recipients ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)]
        );
    }

    /// <summary>The coverage matrix as a workbook: items down, child units across, the implementing items in each cell,
    /// and each unit's coverage in a last row.</summary>
    public static OfficialDocument Matrix(CoverageMatrix m, Unit unit, Unit? province, DateOnly today)
    {
        var header = DocumentHeader.For(unit, province, DocumentRegime.Party);
        var rows = new List<IReadOnlyList<DocumentCell>>();
        foreach (var item in m.Items)
        {
            var cells = new List<DocumentCell>
            {
                new(item.Order.ToString(CultureInfo.InvariantCulture), true, item.Order),
                new(item.Task),
            };
            foreach (var column in m.Columns)
            {
                var cell = m.Cell(item.Id, column.UnitId);
                cells.Add(new DocumentCell(cell is null ? "—" : CellText(cell), true));
            }

            rows.Add(cells);
        }

        rows.Add([
            new DocumentCell(""),
            new DocumentCell("Tỷ lệ nhiệm vụ đã cụ thể hóa (%)"),
            .. m.Columns.Select(c => DocumentCell.Number(c.Share(m.Expected))),
        ]);
        var table = new DocumentTable(
            "Ma trận cụ thể hóa: " + m.Program.Title,
            ["STT", "Nhiệm vụ", .. m.Columns.Select(c => c.UnitName)],
            rows
        );
        return new OfficialDocument(
            DocumentRegime.Party,
            header.ParentBody,
            header.IssuingBody,
            null,
            "BC",
            header.Abbreviation,
            header.Place,
            today,
            "BÁO CÁO",
            "Tình hình cụ thể hóa " + m.Program.Title,
            [new DocumentSection("MA TRẬN CỤ THỂ HÓA", [table])],
            new DocumentSignature(header.SignerAuthority, header.SignerTitle, ""),
            []
        );
    }

    /// <summary>"2 (1 xong, 1 chậm)": the items implementing, then those done and late.</summary>
    public static string CellText(CoverageCell c)
    {
        var parts = new List<string>();
        if (c.Done > 0)
        {
            parts.Add($"{c.Done} xong");
        }

        if (c.Late > 0)
        {
            parts.Add($"{c.Late} chậm");
        }

        return c.Count.ToString(CultureInfo.InvariantCulture)
            + (parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "");
    }

    public static string DueText(ProgramItem i) =>
        i.DueMonth is { } m ? $"Tháng {m}"
        : i.DueQuarter is { } q ? $"Quý {q}"
        : "Cả năm";

    public static string BasisLine(ProgramBasis b) =>
        "Căn cứ "
        + b.Number
        + (b.IssuedOn is { } on ? $" ngày {on.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}" : "")
        + (b.Issuer is { } issuer ? $" của {issuer}" : "")
        + (b.Title is { } title ? $" {title}" : "")
        + ";";

    public static IEnumerable<string> Paragraphs(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    public static string FileName(WorkProgram p, string extension) =>
        $"{(p.Kind == ProgramKind.GovernmentPlan ? "ke-hoach" : "chuong-trinh")}-{p.UnitId}-{p.Year}-v{p.Edition}.{extension}";
}

/// <summary>A program's document (Word, PDF) and its coverage matrix (workbook) as files. Audited.</summary>
internal sealed class DownloadProgram(
    DanVanDbContext db,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    GetProgram get,
    ProgramCoverage coverage,
    OfficialPdf pdf,
    TimeProvider clock
)
{
    /// <summary>The formats a program downloads in: "docx" or "pdf".</summary>
    public static bool? IsPdf(string? format) =>
        format?.ToLowerInvariant() switch
        {
            "docx" => false,
            "pdf" => true,
            _ => null,
        };

    public async Task<(byte[] Content, string Type, string Name)?> DocumentAsync(
        int id,
        bool pdfFile,
        CancellationToken ct
    )
    {
        var view = await get.HandleAsync(id, ct);
        if (view is null)
        {
            return null;
        }

        var (unit, province) = await UnitsAsync(view.Program.UnitId, ct);
        var docx = OfficialDocx.ToBytes(ProgramDocuments.Build(view, unit, province, VietnamTime.Today(clock)));
        var extension = pdfFile ? "pdf" : "docx";
        var content = pdfFile ? await pdf.FromDocxAsync(docx, ct) : docx;
        await AuditAsync(view.Program, $"format={extension}; program={id}", ct);
        return (
            content,
            pdfFile ? "application/pdf" : OfficialDocx.ContentType,
            ProgramDocuments.FileName(view.Program, extension)
        );
    }

    public async Task<(byte[] Content, string Type, string Name)?> MatrixAsync(int id, CancellationToken ct)
    {
        var matrix = await coverage.HandleAsync(id, ct);
        if (matrix is null)
        {
            return null;
        }

        var (unit, province) = await UnitsAsync(matrix.Program.UnitId, ct);
        var content = OfficialXlsx.ToBytes(ProgramDocuments.Matrix(matrix, unit, province, VietnamTime.Today(clock)));
        await AuditAsync(matrix.Program, $"format=xlsx; coverage={id}", ct);
        return (
            content,
            OfficialXlsx.ContentType,
            $"ma-tran-cu-the-hoa-{matrix.Program.UnitId}-{matrix.Program.Year}.xlsx"
        );
    }

    private async Task<(Unit Unit, Unit? Province)> UnitsAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
        var province =
            unit.ProvinceId is { } pid && pid != unit.Id
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == pid, ct)
                : null;
        return (unit, province);
    }

    private async Task AuditAsync(WorkProgram program, string detail, CancellationToken ct)
    {
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(WorkProgram),
            program.Id.ToString(CultureInfo.InvariantCulture),
            UnitScope.ScopeOf(program),
            detail
        );
        await primary.SaveChangesAsync(ct);
    }
}
