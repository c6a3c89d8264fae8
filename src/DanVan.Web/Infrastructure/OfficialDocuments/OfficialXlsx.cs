using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as a workbook (.xlsx, Open XML SDK): a first sheet with the document's
/// particulars (issuing body, number and symbol, place and date, type, subject, signer), then one sheet per section
/// with its paragraphs and lists as text rows and its tables with real numbers (format #,##0.##) and, where the table
/// has totals, <c>SUM</c> formulas with their values. Every text is an inline string, never a formula, whatever it
/// starts with (ADR-0028).
/// </summary>
public static class OfficialXlsx
{
    /// <summary>The workbook's media type.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint Bold = 1;
    private const uint Number = 2;
    private const uint BoldNumber = 3;

    public static byte[] ToBytes(OfficialDocument document)
    {
        using var stream = new MemoryStream();
        Write(document, stream);
        return stream.ToArray();
    }

    public static void Write(OfficialDocument document, Stream stream)
    {
        using var workbook = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var book = workbook.AddWorkbookPart();
        book.Workbook = new Workbook();
        var styles = book.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        var sheets = book.Workbook.AppendChild(new Sheets());
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void AddSheet(string title, Action<SheetWriter> fill)
        {
            var part = book.AddNewPart<WorksheetPart>();
            var writer = new SheetWriter();
            fill(writer);
            part.Worksheet = new Worksheet(
                new Columns(
                    new Column
                    {
                        Min = 1,
                        Max = 1,
                        Width = 48,
                        CustomWidth = true,
                    },
                    new Column
                    {
                        Min = 2,
                        Max = 16,
                        Width = 16,
                        CustomWidth = true,
                    }
                ),
                writer.Data
            );
            sheets.Append(
                new Sheet
                {
                    Id = book.GetIdOfPart(part),
                    SheetId = (uint)sheets.ChildElements.Count + 1,
                    Name = SheetName(title, names),
                }
            );
        }

        AddSheet("Văn bản", w =>
        {
            w.Row([(document.TypeName.ToUpperInvariant(), Bold)]);
            w.Row([(document.Subject, Bold)]);
            w.Row([]);
            w.Row([("Cơ quan ban hành", Bold), (document.IssuingBody, 0)]);
            w.Row([("Cơ quan cấp trên", Bold), (document.ParentBody, 0)]);
            w.Row([("Số, ký hiệu", Bold), (document.NumberAndSymbol, 0)]);
            w.Row([("Địa danh, ngày", Bold), (document.PlaceAndDate, 0)]);
            w.Row([("Người ký", Bold), ($"{document.Signature.Authority} — {document.Signature.Name}", 0)]);
        });
        for (var i = 0; i < document.Sections.Count; i++)
        {
            var section = document.Sections[i];
            var heading = $"{document.HeadingNumber(i)} {section.Heading}";
            AddSheet(heading, w =>
            {
                w.Row([(heading, Bold)]);
                foreach (var block in section.Blocks)
                {
                    switch (block)
                    {
                        case DocumentParagraph p:
                            w.Row([(p.Text, 0)]);
                            break;
                        case DocumentList list:
                            foreach (var item in list.Items)
                            {
                                w.Row([("- " + item, 0)]);
                            }

                            break;
                        case DocumentTable table:
                            w.Row([]);
                            w.Table(table);
                            break;
                    }
                }
            });
        }

        book.Workbook.Save();
    }

    /// <summary>A sheet's name: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string SheetName(string title, HashSet<string> taken)
    {
        var clean = new string([.. OfficialDocx.Clean(title).Where(c => !"[]:*?/\\\n".Contains(c))]).Trim('\'', ' ');
        var name = clean.Length == 0 ? "Sheet" : clean[..Math.Min(31, clean.Length)];
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = clean[..Math.Min(31 - suffix.Length, clean.Length)] + suffix;
        }

        return name;
    }

    private static Stylesheet Styles() =>
        new(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.##" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 12 }, new FontName { Val = OfficialDocx.Font }),
                new Font(
                    new DocumentFormat.OpenXml.Spreadsheet.Bold(),
                    new FontSize { Val = 12 },
                    new FontName { Val = OfficialDocx.Font }
                )
            )
            {
                Count = 2,
            },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })
            )
            {
                Count = 2,
            },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat
                {
                    FontId = 1,
                    NumberFormatId = 164,
                    ApplyFont = true,
                    ApplyNumberFormat = true,
                }
            )
            {
                Count = 4,
            }
        );

    /// <summary>Rows of one sheet, numbered as they are added.</summary>
    private sealed class SheetWriter
    {
        public SheetData Data { get; } = new();

        private uint row;

        public void Row(IReadOnlyList<(string Text, uint Style)> texts)
        {
            var r = new Row { RowIndex = ++row };
            for (var i = 0; i < texts.Count; i++)
            {
                r.Append(TextCell(i, texts[i].Text, texts[i].Style));
            }

            Data.Append(r);
        }

        public void Table(DocumentTable table)
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                Row([(caption, Bold)]);
            }

            Row([.. table.Headers.Select(h => (h, Bold))]);
            var first = row + 1;
            foreach (var cells in table.Rows)
            {
                var r = new Row { RowIndex = ++row };
                for (var i = 0; i < cells.Count; i++)
                {
                    r.Append(
                        cells[i].Value is { } value
                            ? new Cell
                            {
                                CellReference = Reference(i, row),
                                CellValue = new CellValue(value),
                                StyleIndex = Number,
                            }
                            : TextCell(i, cells[i].Text, 0)
                    );
                }

                Data.Append(r);
            }

            if (table.TotalLabel is { } label)
            {
                var last = row;
                var r = new Row { RowIndex = ++row };
                r.Append(TextCell(0, label, Bold));
                foreach (var column in (table.TotalColumns ?? []).Order())
                {
                    var letter = Letter(column);
                    r.Append(
                        new Cell
                        {
                            CellReference = Reference(column, row),
                            CellFormula = new CellFormula(
                                string.Create(CultureInfo.InvariantCulture, $"SUM({letter}{first}:{letter}{last})")
                            ),
                            CellValue = new CellValue(table.Total(column)),
                            StyleIndex = BoldNumber,
                        }
                    );
                }

                Data.Append(r);
            }
        }

        private Cell TextCell(int column, string text, uint style) =>
            new()
            {
                CellReference = Reference(column, row),
                DataType = CellValues.InlineString,
                InlineString = new InlineString(
                    new Text(OfficialDocx.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }
                ),
                StyleIndex = style,
            };

        private static string Reference(int column, uint row) =>
            Letter(column) + row.ToString(CultureInfo.InvariantCulture);

        /// <summary>A, B, …, Z, AA, … for columns counted from 0.</summary>
        public static string Letter(int column)
        {
            var letters = "";
            for (var n = column + 1; n > 0; n = (n - 1) / 26)
            {
                letters = (char)('A' + ((n - 1) % 26)) + letters;
            }

            return letters;
        }
    }
}
