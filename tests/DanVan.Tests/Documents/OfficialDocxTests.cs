using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.OfficialDocuments;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Xl = DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Tests.Documents;

/// <summary>
/// The official document builder: the Word file is valid Open XML (the SDK's validator finds nothing), and read back
/// it holds the prescribed layout — the header's two columns with the bodies, number and symbol, motto and the place
/// and date in italics, the type and subject, the numbered sections, the figures' table, the recipients and the
/// signature, A4 with its margins, Times New Roman, page numbers from page 2.
/// </summary>
public sealed class OfficialDocxTests
{
    private static OfficialDocument Report(
        DocumentRegime regime,
        DateOnly date,
        string narrative = "Tình hình Nhân dân ổn định."
    ) =>
        new(
            regime,
            regime == DocumentRegime.State ? "UBND tỉnh Bắc Ninh" : "Tỉnh ủy Bắc Ninh",
            regime == DocumentRegime.State ? "Ủy ban nhân dân xã Tiên Du" : "Ban Tuyên giáo và Dân vận",
            regime == DocumentRegime.State ? 5 : 12,
            "BC",
            regime == DocumentRegime.State ? "UBND" : "BTGDVTU",
            "Tiên Du",
            date,
            "Báo cáo",
            "Kết quả công tác dân vận tháng 01 năm 2026",
            [
                new(
                    "Kết quả thực hiện",
                    [
                        new DocumentParagraph(narrative),
                        new DocumentList(["Đăng ký 3 mô hình", "Tổ chức 2 buổi tiếp dân"]),
                        new DocumentTable(
                            "Bảng 1. Mô hình \"Dân vận khéo\"",
                            ["Chỉ tiêu", "Tháng này", "Tháng trước"],
                            [
                                [new("Mô hình đăng ký"), DocumentCell.Number(3), DocumentCell.Number(1)],
                                [new("Mô hình được công nhận"), DocumentCell.Number(1250), DocumentCell.Number(null)],
                                [new("=HYPERLINK(\"http://x\")"), DocumentCell.Number(0.5), DocumentCell.Number(2)],
                            ],
                            "Tổng cộng",
                            [1, 2]
                        ),
                    ]
                ),
                new("Đề xuất, kiến nghị", [new DocumentParagraph("Không.")]),
            ],
            new("TM. Ủy ban nhân dân", "Chủ tịch", "Nguyễn Văn An"),
            ["Thường trực Đảng ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Lưu: VT"]
        );

    private static WordprocessingDocument Open(byte[] bytes) =>
        WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static List<string> Lines(OpenXmlElement element) =>
        [.. element.Elements<Paragraph>().Select(p => p.InnerText)];

    private static void AssertValid(WordprocessingDocument document)
    {
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();
        Assert.True(
            errors.Count == 0,
            string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"))
        );
    }

    [Fact]
    public void A_state_report_is_valid_and_reads_back_in_the_prescribed_layout()
    {
        var bytes = OfficialDocx.ToBytes(Report(DocumentRegime.State, new DateOnly(2026, 1, 5)));
        // Kept for a person to open (artifacts/ is not committed).
        Directory.CreateDirectory(Repository.PathOf("artifacts", "documents"));
        File.WriteAllBytes(Repository.PathOf("artifacts", "documents", "official-report-state.docx"), bytes);
        using var document = Open(bytes);
        AssertValid(document);
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;

        var header = body.Elements<Table>().First();
        var cells = header.Descendants<TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        Assert.Equal(["UBND TỈNH BẮC NINH", "ỦY BAN NHÂN DÂN XÃ TIÊN DU", "", "Số: 05/BC-UBND"], Lines(cells[0]));
        Assert.Equal(
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "",
                "",
                "Tiên Du, ngày 05 tháng 01 năm 2026",
            ],
            Lines(cells[1])
        );
        // The issuing body bold, the place and date italic; the rules are drawn borders of empty paragraphs.
        Assert.NotNull(cells[0].Elements<Paragraph>().ElementAt(1).Descendants<Bold>().SingleOrDefault());
        Assert.NotNull(cells[1].Elements<Paragraph>().Last().Descendants<Italic>().SingleOrDefault());
        Assert.Equal(2, header.Descendants<ParagraphBorders>().Count());
        // The header is borderless, about 37 % / 63 %.
        Assert.All(header.GetFirstChild<TableProperties>()!.TableBorders!.ChildElements, b =>
            Assert.Equal(BorderValues.None, ((BorderType)b).Val!.Value)
        );
        var widths = header.Descendants<GridColumn>().Select(c => int.Parse(c.Width!.Value!)).ToList();
        Assert.InRange(100.0 * widths[0] / widths.Sum(), 36, 38);

        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("BÁO CÁO", paragraphs);
        Assert.Contains("Kết quả công tác dân vận tháng 01 năm 2026", paragraphs);
        Assert.Contains("I. Kết quả thực hiện", paragraphs);
        Assert.Contains("II. Đề xuất, kiến nghị", paragraphs);
        Assert.Contains("- Đăng ký 3 mô hình", paragraphs);
        var narrative = body.Elements<Paragraph>().Single(p => p.InnerText == "Tình hình Nhân dân ổn định.");
        Assert.Equal(JustificationValues.Both, narrative.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal("720", narrative.ParagraphProperties.Indentation!.FirstLine!.Value);

        var figures = body.Elements<Table>().ElementAt(1);
        var rows = figures
            .Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList())
            .ToList();
        Assert.Equal(["Chỉ tiêu", "Tháng này", "Tháng trước"], rows[0]);
        Assert.Equal(["Mô hình được công nhận", "1.250", "—"], rows[2]);
        Assert.Equal(["=HYPERLINK(\"http://x\")", "0,5", "2"], rows[3]);
        Assert.Equal(["Tổng cộng", "1.253,5", "3"], rows[4]);
        Assert.NotNull(figures.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>());
        var number = figures
            .Elements<TableRow>()
            .ElementAt(1)
            .Elements<TableCell>()
            .ElementAt(1)
            .Descendants<Paragraph>()
            .Single();
        Assert.Equal(JustificationValues.Right, number.ParagraphProperties!.Justification!.Val!.Value);

        var closing = body.Elements<Table>().Last().Descendants<TableCell>().ToList();
        Assert.Equal(
            ["Nơi nhận:", "- Thường trực Đảng ủy;", "- Ban Tuyên giáo và Dân vận Tỉnh ủy;", "- Lưu: VT."],
            Lines(closing[0])
        );
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "Nguyễn Văn An"], Lines(closing[1]));

        // A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt by default, page numbers from page 2.
        var section = body.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(
            (1134, 1134, 1701u, 851u),
            (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value)
        );
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var defaults = main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Times New Roman", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("28", defaults.FontSize!.Val!.Value);
        var pages = section.Elements<HeaderReference>().Single(h => h.Type!.Value == HeaderFooterValues.Default);
        var pageHeader = (HeaderPart)main.GetPartById(pages.Id!.Value!);
        Assert.Equal(" PAGE ", pageHeader.Header!.Descendants<SimpleField>().Single().Instruction!.Value);
        var first = section.Elements<HeaderReference>().Single(h => h.Type!.Value == HeaderFooterValues.First);
        Assert.Equal("", ((HeaderPart)main.GetPartById(first.Id!.Value!)).Header!.InnerText);
    }

    [Fact]
    public void A_party_report_numbers_its_sections_with_hyphens_and_carries_the_party_motto()
    {
        var bytes = OfficialDocx.ToBytes(Report(DocumentRegime.Party, new DateOnly(2026, 3, 15)));
        Directory.CreateDirectory(Repository.PathOf("artifacts", "documents"));
        File.WriteAllBytes(Repository.PathOf("artifacts", "documents", "official-report-party.docx"), bytes);
        using var document = Open(bytes);
        AssertValid(document);
        var body = document.MainDocumentPart!.Document.Body!;
        var cells = body.Elements<Table>().First().Descendants<TableCell>().ToList();
        Assert.Equal(["TỈNH ỦY BẮC NINH", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số 12-BC/BTGDVTU"], Lines(cells[0]));
        Assert.Equal(["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Tiên Du, ngày 15 tháng 3 năm 2026"], Lines(cells[1]));
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("I- Kết quả thực hiện", paragraphs);
        Assert.Contains("II- Đề xuất, kiến nghị", paragraphs);
        Assert.Contains("-----", paragraphs);
        var closing = body.Elements<Table>().Last().Descendants<TableCell>().First();
        Assert.Equal("- Thường trực Đảng ủy,", Lines(closing)[1]);
    }

    [Fact]
    public async Task The_pdf_is_the_word_files_layout_in_a_times_compatible_font_with_its_texts_and_figures()
    {
        var docx = OfficialDocx.ToBytes(Report(DocumentRegime.State, new DateOnly(2026, 1, 5)));
        var pdf = await new OfficialPdf().FromDocxAsync(docx, TestContext.Current.CancellationToken);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var folder = Repository.PathOf("artifacts", "documents");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "official-report-state.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);

        var text = Run("pdftotext", "-layout", file, "-");
        foreach (
            var expected in new[]
            {
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 05/BC-UBND",
                "Tiên Du, ngày 05 tháng 01 năm 2026",
                "BÁO CÁO",
                "I. Kết quả thực hiện",
                "1.250",
                "Nguyễn Văn An",
            }
        )
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // Times New Roman is named; the server draws it with Liberation Serif (same metrics), embedded.
        Assert.Contains("LiberationSerif", Run("pdffonts", file), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Pages:\s+1$", Run("pdfinfo", file));
        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file, Path.Combine(folder, "official-report-state"));
        Assert.True(new FileInfo(Path.Combine(folder, "official-report-state-1.png")).Length > 10_000);
    }

    [Fact]
    public async Task The_workbook_has_a_sheet_per_section_with_real_numbers_and_sum_formulas_and_opens_in_libreoffice()
    {
        var xlsx = OfficialXlsx.ToBytes(Report(DocumentRegime.State, new DateOnly(2026, 1, 5)));
        Directory.CreateDirectory(Repository.PathOf("artifacts", "documents"));
        File.WriteAllBytes(Repository.PathOf("artifacts", "documents", "official-report-state.xlsx"), xlsx);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(workbook).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
            var book = workbook.WorkbookPart!;
            var sheets = book.Workbook.Sheets!.Elements<Xl.Sheet>().ToList();
            Assert.Equal(
                ["Văn bản", "I. Kết quả thực hiện", "II. Đề xuất, kiến nghị"],
                sheets.Select(x => x.Name!.Value)
            );

            Xl.Cell Cell(int sheet, string reference) =>
                ((WorksheetPart)book.GetPartById(sheets[sheet].Id!.Value!))
                    .Worksheet.Descendants<Xl.Cell>()
                    .Single(c => c.CellReference == reference);
            Assert.Equal("Số: 05/BC-UBND", Cell(0, "B6").InnerText);
            // Section I: heading, paragraph, two list items, a blank row, the caption, the headings, three rows, totals.
            Assert.Equal("I. Kết quả thực hiện", Cell(1, "A1").InnerText);
            Assert.Equal("Bảng 1. Mô hình \"Dân vận khéo\"", Cell(1, "A6").InnerText);
            var number = Cell(1, "B9");
            Assert.Null(number.DataType); // a number, not text
            Assert.Equal("1250", number.CellValue!.Text);
            Assert.Equal(Xl.CellValues.InlineString, Cell(1, "C9").DataType!.Value); // "—": no number
            // A text that looks like a formula stays text.
            var hostile = Cell(1, "A10");
            Assert.Equal(Xl.CellValues.InlineString, hostile.DataType!.Value);
            Assert.Null(hostile.CellFormula);
            Assert.Equal("SUM(B8:B10)", Cell(1, "B11").CellFormula!.Text);
            Assert.Equal("1253.5", Cell(1, "B11").CellValue!.Text);
            Assert.Equal("SUM(C8:C10)", Cell(1, "C11").CellFormula!.Text);
        }

        var pdf = await new OfficialPdf().FromXlsxAsync(xlsx, TestContext.Current.CancellationToken);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public async Task Without_libreoffice_the_pdf_fails_with_a_message_that_says_what_to_install()
    {
        var missing = new OfficialPdf("/nonexistent/soffice");
        var error = await Assert.ThrowsAsync<OfficialPdfException>(() =>
            missing.FromDocxAsync([1, 2, 3], TestContext.Current.CancellationToken)
        );
        Assert.Contains("libreoffice-writer-nogui", error.Message, StringComparison.Ordinal);
    }

    internal static string Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {errors}");
        return output;
    }

    [Theory]
    [InlineData(2026, 1, 5, "ngày 05 tháng 01 năm 2026")]
    [InlineData(2026, 2, 28, "ngày 28 tháng 02 năm 2026")]
    [InlineData(2026, 3, 1, "ngày 01 tháng 3 năm 2026")]
    [InlineData(2026, 12, 9, "ngày 09 tháng 12 năm 2026")]
    public void The_date_line_pads_days_under_ten_and_the_first_two_months(
        int year,
        int month,
        int day,
        string expected
    ) =>
        Assert.Equal("Tiên Du, " + expected, Report(DocumentRegime.State, new DateOnly(year, month, day)).PlaceAndDate);

    [Fact]
    public void Hostile_and_very_long_text_gives_a_valid_file_that_keeps_every_character_xml_can_hold()
    {
        var hostile =
            "A\u0000B\u0001C\u001FD\uD800E\uDC00F 😀 <script>alert(1)</script> &amp; \"\u202Eabc\n"
            + new string('x', 100_000);
        using var document = Open(
            OfficialDocx.ToBytes(Report(DocumentRegime.State, new DateOnly(2026, 1, 5), hostile))
        );
        AssertValid(document);
        var narrative = document
            .MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Single(p => p.InnerText.StartsWith("ABCDEF", StringComparison.Ordinal));
        Assert.StartsWith(
            "ABCDEF 😀 <script>alert(1)</script> &amp; \"\u202Eabc",
            narrative.InnerText,
            StringComparison.Ordinal
        );
        Assert.Single(narrative.Descendants<Break>());
        Assert.EndsWith(new string('x', 100_000), narrative.InnerText, StringComparison.Ordinal);
    }
}
