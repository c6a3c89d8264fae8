using System.Globalization;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Infrastructure.OfficialDocuments;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Statistics;

/// <summary>
/// The personnel report of the staffing plan (ADR-0031 step 2) in the official layout, through the shared builder: the
/// unit's quota against its staff for the year, its bodies, each unit below, and the plan's years — the numbers of <see
/// cref="ReadStaffingPlan"/>, so the same as the page, the dashboards and the API.
/// </summary>
public static class StaffingDocuments
{
    public static OfficialDocument Build(StaffingPlanView plan, Unit unit, Unit? province, DateOnly today)
    {
        var header = DocumentHeader.For(unit, province, DocumentRegime.Party);
        var t = plan.Total;
        var summary = new DocumentTable(
            $"Tổng hợp của {plan.UnitName} năm {plan.Year}",
            [
                "Định biên",
                "Cán bộ chuyên trách",
                "Thiếu (+) / vượt (−)",
                "Trung cấp LLCT trở lên",
                "Theo kế hoạch",
                "Tỷ lệ (%)",
            ],
            [
                [
                    DocumentCell.Number(t.Quota),
                    DocumentCell.Number(t.Staff),
                    DocumentCell.Number(t.Gap),
                    DocumentCell.Number(t.Qualified),
                    DocumentCell.Number(t.QualifiedRequired),
                    DocumentCell.Number(t.QualifiedShare),
                ],
            ]
        );
        List<DocumentBlock> blocks = [summary];
        if (plan.Bodies.Count > 0)
        {
            blocks.Add(
                new DocumentTable(
                    $"Theo tổ chức của {plan.UnitName}",
                    [
                        "STT",
                        "Tổ chức",
                        "Định biên",
                        "Cán bộ chuyên trách",
                        "Thiếu (+) / vượt (−)",
                        "Trung cấp LLCT trở lên",
                        "Theo kế hoạch",
                    ],
                    [
                        .. plan.Bodies.Select(
                            (b, i) =>
                                (IReadOnlyList<DocumentCell>)
                                    [
                                        new DocumentCell((i + 1).ToString(CultureInfo.InvariantCulture), true, i + 1),
                                        new DocumentCell(b.Name),
                                        DocumentCell.Number(b.Quota > 0 ? b.Quota : null),
                                        DocumentCell.Number(b.Staff),
                                        DocumentCell.Number(b.Gap),
                                        DocumentCell.Number(b.Qualified),
                                        DocumentCell.Number(b.QualifiedRequired),
                                    ]
                        ),
                    ]
                )
            );
        }

        if (plan.Children.Count > 0)
        {
            blocks.Add(
                new DocumentTable(
                    "Các đơn vị trực thuộc",
                    [
                        "STT",
                        "Đơn vị",
                        "Định biên",
                        "Cán bộ chuyên trách",
                        "Thiếu (+) / vượt (−)",
                        "Trung cấp LLCT trở lên",
                        "Theo kế hoạch",
                        "Tỷ lệ (%)",
                    ],
                    [
                        .. plan.Children.Select(
                            (c, i) =>
                                (IReadOnlyList<DocumentCell>)
                                    [
                                        new DocumentCell((i + 1).ToString(CultureInfo.InvariantCulture), true, i + 1),
                                        new DocumentCell(c.Name),
                                        DocumentCell.Number(c.Quota),
                                        DocumentCell.Number(c.Staff),
                                        DocumentCell.Number(c.Gap),
                                        DocumentCell.Number(c.Qualified),
                                        DocumentCell.Number(c.QualifiedRequired),
                                        DocumentCell.Number(c.QualifiedShare),
                                    ]
                        ),
                    ]
                )
            );
        }

        if (plan.Years.Count > 0)
        {
            blocks.Add(
                new DocumentTable(
                    "Kế hoạch giai đoạn 2025–2030",
                    ["Năm", "Định biên", "Cán bộ chuyên trách", "Trung cấp LLCT trở lên", "Theo kế hoạch"],
                    [
                        .. plan.Years.Select(y =>
                            (IReadOnlyList<DocumentCell>)
                                [
                                    new DocumentCell(y.Year.ToString(CultureInfo.InvariantCulture), true, y.Year),
                                    DocumentCell.Number(y.Quota),
                                    DocumentCell.Number(y.Staff),
                                    DocumentCell.Number(y.Qualified),
                                    DocumentCell.Number(y.QualifiedRequired),
                                ]
                        ),
                    ]
                )
            );
        }

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
            $"Tình hình đội ngũ cán bộ làm công tác dân vận năm {plan.Year} so với định biên",
            [
                new DocumentSection(
                    $"SỐ LIỆU ĐẾN NGÀY {plan.On.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}",
                    blocks
                ),
            ],
            new DocumentSignature(header.SignerAuthority, header.SignerTitle, ""),
            []
        );
    }
}

/// <summary>The personnel report as a file: workbook, Word or PDF. Audited as an export.</summary>
internal sealed class DownloadStaffingPlan(
    DanVanDbContext db,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ReadStaffingPlan read,
    OfficialPdf pdf,
    TimeProvider clock
)
{
    public static bool IsFormat(string? format) => format is "xlsx" or "docx" or "pdf";

    public async Task<(byte[] Content, string Type, string Name)?> HandleAsync(
        int unitId,
        int? year,
        string format,
        CancellationToken ct
    )
    {
        var plan = await read.HandleAsync(unitId, year, ct);
        if (plan is null)
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == plan.UnitId, ct);
        var province =
            unit.ProvinceId is { } pid && pid != unit.Id
                ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == pid, ct)
                : null;
        var document = StaffingDocuments.Build(plan, unit, province, VietnamTime.Today(clock));
        var (content, type) = format switch
        {
            "xlsx" => (OfficialXlsx.ToBytes(document), OfficialXlsx.ContentType),
            "pdf" => (await pdf.FromDocxAsync(OfficialDocx.ToBytes(document), ct), "application/pdf"),
            _ => (OfficialDocx.ToBytes(document), OfficialDocx.ContentType),
        };
        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            "StaffingPlan",
            unit.Id.ToString(CultureInfo.InvariantCulture),
            unit.Ref,
            $"format={format}; year={plan.Year}"
        );
        await primary.SaveChangesAsync(ct);
        return (content, type, $"bien-che-{unit.Id}-{plan.Year}.{format}");
    }
}
