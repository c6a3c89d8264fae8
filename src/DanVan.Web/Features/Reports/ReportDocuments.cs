using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.OfficialDocuments;

namespace DanVan.Web.Features.Reports;

/// <summary>
/// A report as an official document (docs/decisions/ADR-0028): the unit's header, number and symbol, place and the
/// day it was submitted (today for a draft), the template's sections — each figure table with the period, the one
/// before and a year earlier and its chart (<see cref="ReportChart"/>), then the narrative as paragraphs and lists — the reports of the level below summed in a
/// last table with the start of each one's text, the signature and the recipients. The Word file, the workbook and the PDF are all built from this.
/// </summary>
public static class ReportDocuments
{
    /// <summary>The figures of the table that sums the reports below.</summary>
    public static readonly IReadOnlyList<string> ChildFigures =
    [
        StatisticCatalogue.ModelsRegistered,
        StatisticCatalogue.ModelsRecognized,
        StatisticCatalogue.DialogueSessions,
        StatisticCatalogue.ReceptionDays,
        StatisticCatalogue.PetitionsReceived,
        StatisticCatalogue.PetitionsAnswered,
    ];

    public static OfficialDocument Build(ReportView view, DateOnly today)
    {
        var report = view.Report;
        var period = view.Round.Period;
        // A section left empty is left out, as a typed report would (the page shows it as not written).
        var sections = view
            .Sections.Select(s => new DocumentSection(s.Section.Title, [.. Blocks(s)]))
            .Where(s => s.Blocks.Count > 0)
            .ToList();
        if (view.Children.Count > 0)
        {
            sections.Add(ChildrenSection(view));
        }

        return new OfficialDocument(
            report.Regime,
            report.ParentBody,
            report.IssuingBody,
            report.Number,
            "BC",
            report.Abbreviation,
            report.Place,
            report.SubmittedOn ?? today,
            "BÁO CÁO",
            ReportTemplates.Subject(period),
            sections,
            new DocumentSignature(report.SignerAuthority, report.SignerTitle, report.SignerName ?? ""),
            [.. Lines(report.Recipients).Select(l => l.TrimEnd(',', ';', '.'))]
        );
    }

    public static string FileName(ReportView view, string extension) =>
        $"bao-cao-{view.Report.UnitId}-{view.Round.From:yyyy-MM}-{view.Round.Kind.ToString().ToLowerInvariant()}.{extension}";

    private static IEnumerable<DocumentBlock> Blocks(SectionView section)
    {
        if (section.Figures.Count > 0)
        {
            yield return new DocumentTable(
                null,
                ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Cùng kỳ năm trước"],
                [
                    .. section.Figures.Select(f =>
                        (IReadOnlyList<DocumentCell>)
                            [
                                new(f.Statistic.Name("vi") + (f.Statistic.Measure == Measure.Percent ? " (%)" : "")),
                                DocumentCell.Number(f.Value),
                                DocumentCell.Number(f.Previous),
                                DocumentCell.Number(f.YearBefore),
                            ]
                    ),
                ]
            );
            if (ReportChart.Image(section.Section.Title, ReportChart.Bars(section)) is { } chart)
            {
                yield return chart;
            }
        }

        foreach (var block in Narrative(section.Section.Text))
        {
            yield return block;
        }
    }

    /// <summary>Plain text as blocks: a run of lines starting with "- " (or "+ ", "• ") is a list, any other line a
    /// paragraph.</summary>
    public static IEnumerable<DocumentBlock> Narrative(string? text)
    {
        var items = new List<string>();
        foreach (var line in Lines(text))
        {
            if (line.Length > 1 && line[0] is '-' or '+' or '•' && line[1] == ' ')
            {
                items.Add(line[2..].Trim());
                continue;
            }

            if (items.Count > 0)
            {
                yield return new DocumentList([.. items]);
                items = [];
            }

            yield return new DocumentParagraph(line);
        }

        if (items.Count > 0)
        {
            yield return new DocumentList([.. items]);
        }
    }

    private static DocumentSection ChildrenSection(ReportView view)
    {
        var figures = ChildFigures.Select(StatisticCatalogue.Get).ToList();
        var submitted = view.Children.Count(c => c.Figures.Count > 0);
        return new DocumentSection(
            "Tổng hợp số liệu báo cáo của các đơn vị trực thuộc",
            [
                new DocumentParagraph(
                    $"Đã nhận {submitted}/{view.Children.Count} báo cáo của các đơn vị; số liệu dưới đây là số liệu các đơn vị đã gửi."
                ),
                new DocumentTable(
                    null,
                    ["Đơn vị", .. figures.Select(f => f.Name("vi"))],
                    [
                        .. view.Children.Select(c =>
                            (IReadOnlyList<DocumentCell>)
                                [
                                    new(c.UnitName),
                                    .. figures.Select(f =>
                                        c.Figures.Count == 0
                                            ? new DocumentCell("—", true)
                                            : DocumentCell.Number(c.Figures.GetValueOrDefault(f.Key))
                                    ),
                                ]
                        ),
                    ],
                    "Tổng cộng",
                    [.. Enumerable.Range(1, figures.Count)]
                ),
                .. Excerpts(view),
            ]
        );
    }

    /// <summary>The start of each submitted report's text below, one list item per unit ("Xã A: …"), under a lead
    /// line; nothing when none has text.</summary>
    private static IEnumerable<DocumentBlock> Excerpts(ReportView view)
    {
        var items = view
            .Children.Where(c => c.Figures.Count > 0 && !string.IsNullOrWhiteSpace(c.Excerpt))
            .Select(c => $"{c.UnitName}: {string.Join(' ', Lines(c.Excerpt))}")
            .ToList();
        if (items.Count == 0)
        {
            yield break;
        }

        yield return new DocumentParagraph("Trích nội dung báo cáo của các đơn vị:");
        yield return new DocumentList(items);
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
