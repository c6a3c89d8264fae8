using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as a Word file (.docx, Open XML SDK) in the Vietnamese administrative
/// layout (DOMAIN.md §5, ADR-0028): A4 portrait, Times New Roman, the two-column borderless header (issuing body and
/// number on the left, the national or Party motto and the place and date on the right), the short rules drawn as
/// paragraph borders, the bold capitalized type and subject, justified body with first-line indents, tables of
/// figures, the recipients bottom left and the signature bottom right, page numbers centred in the top margin from
/// page 2. The person downloading it can edit it in Word or LibreOffice.
/// </summary>
public static partial class OfficialDocx
{
    public const string Font = "Times New Roman";

    /// <summary>The Word file's media type.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Twentieths of a point: A4, and margins 20 mm top and bottom, 30 mm left, 15 mm right (both regimes allow them).
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 851;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>The header's left column is about 37 % of the text width.</summary>
    private const int HeaderLeft = TextWidth * 37 / 100;
    private const int HeaderRight = TextWidth - HeaderLeft;

    public static byte[] ToBytes(OfficialDocument document)
    {
        using var stream = new MemoryStream();
        Write(document, stream);
        return stream.ToArray();
    }

    public static void Write(OfficialDocument document, Stream stream)
    {
        var party = document.Regime == DocumentRegime.Party;
        using var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(
                    new RunPropertiesBaseStyle(
                        new RunFonts
                        {
                            Ascii = Font,
                            HighAnsi = Font,
                            ComplexScript = Font,
                            EastAsia = Font,
                        },
                        new FontSize { Val = "28" },
                        new FontSizeComplexScript { Val = "28" },
                        new Languages { Val = "vi-VN" }
                    )
                ),
                new ParagraphPropertiesDefault(
                    new ParagraphPropertiesBaseStyle(
                        new SpacingBetweenLines
                        {
                            After = "0",
                            Line = "240",
                            LineRule = LineSpacingRuleValues.Auto,
                        }
                    )
                )
            )
        );

        var body = new Body();
        body.Append(Header(document));
        body.Append(Line("", Align.Center, 14));
        body.Append(Line(document.TypeName.ToUpperInvariant(), Align.Center, party ? 16 : 14, bold: true));
        body.Append(Line(document.Subject, Align.Center, 14, bold: true));
        body.Append(party ? Line("-----", Align.Center, 14) : Rule(TextWidth, TextWidth / 6 * 2));
        body.Append(Line("", Align.Center, 14));

        var pictures = 0;
        for (var i = 0; i < document.Sections.Count; i++)
        {
            var section = document.Sections[i];
            body.Append(BodyLine($"{document.HeadingNumber(i)} {section.Heading}", party, bold: true, indent: false));
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case DocumentParagraph p:
                        body.Append(BodyLine(p.Text, party));
                        break;
                    case DocumentList list:
                        foreach (var item in list.Items)
                        {
                            body.Append(BodyLine("- " + item, party));
                        }

                        break;
                    case DocumentTable table:
                        if (table.Caption is { Length: > 0 } caption)
                        {
                            body.Append(BodyLine(caption, party, italic: true, indent: false));
                        }

                        body.Append(FigureTable(table));
                        body.Append(Line("", Align.Left, 6));
                        break;
                    case DocumentImage image:
                        body.Append(Picture(main, image, ++pictures));
                        if (image.Caption is { Length: > 0 } imageCaption)
                        {
                            body.Append(Line(imageCaption, Align.Center, 13, italic: true, after: 120));
                        }

                        break;
                }
            }
        }

        body.Append(Line("", Align.Left, 14));
        body.Append(SignatureAndRecipients(document));

        var pages = main.AddNewPart<HeaderPart>();
        pages.Header = new Header(
            new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new SimpleField(new Run(new Text("2"))) { Instruction = " PAGE " }
            )
        );
        var first = main.AddNewPart<HeaderPart>();
        first.Header = new Header(new Paragraph());
        body.Append(
            new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(pages) },
                new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(first) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin
                {
                    Top = MarginTop,
                    Bottom = MarginBottom,
                    Left = MarginLeft,
                    Right = MarginRight,
                    Header = 567,
                    Footer = 567,
                    Gutter = 0,
                },
                new TitlePage()
            )
        );
        main.Document = new Document(body);
        main.Document.Save();
    }

    private enum Align
    {
        Left,
        Center,
        Right,
        Both,
    }

    /// <summary>The two-column borderless header.</summary>
    private static Table Header(OfficialDocument d)
    {
        var party = d.Regime == DocumentRegime.Party;
        var size = party ? 14 : 13;
        var left = new List<OpenXmlElement>
        {
            Line(d.ParentBody.ToUpperInvariant(), Align.Center, size),
            Line(d.IssuingBody.ToUpperInvariant(), Align.Center, size, bold: true),
        };
        left.Add(party ? Line("*", Align.Center, size) : Rule(HeaderLeft, HeaderLeft / 3));
        left.Add(Line(d.NumberAndSymbol, Align.Center, party ? 14 : 13));

        var right = new List<OpenXmlElement>();
        if (party)
        {
            const string motto = "ĐẢNG CỘNG SẢN VIỆT NAM";
            right.Add(Line(motto, Align.Center, 15, bold: true));
            right.Add(Rule(HeaderRight, TextLength(motto, 15, capitals: true)));
        }
        else
        {
            const string nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
            const string motto = "Độc lập - Tự do - Hạnh phúc";
            right.Add(Line(nation, Align.Center, 13, bold: true));
            right.Add(Line(motto, Align.Center, 14, bold: true));
            right.Add(Rule(HeaderRight, TextLength(motto, 14, capitals: false)));
        }

        right.Add(Line("", Align.Center, 8));
        right.Add(Line(d.PlaceAndDate, Align.Center, 14, italic: true));
        return Borderless([(HeaderLeft, left), (HeaderRight, right)]);
    }

    /// <summary>Recipients bottom left, the signature bottom right.</summary>
    private static Table SignatureAndRecipients(OfficialDocument d)
    {
        var party = d.Regime == DocumentRegime.Party;
        var left = new List<OpenXmlElement>
        {
            Line("Nơi nhận:", Align.Left, party ? 14 : 12, bold: true, italic: true),
        };
        for (var i = 0; i < d.Recipients.Count; i++)
        {
            var end =
                i == d.Recipients.Count - 1 ? "."
                : party ? ","
                : ";";
            left.Add(Line($"- {d.Recipients[i]}{end}", Align.Left, party ? 12 : 11));
        }

        var right = new List<OpenXmlElement>
        {
            Line(d.Signature.Authority.ToUpperInvariant(), Align.Center, 14, bold: true),
        };
        if (d.Signature.Title is { Length: > 0 } title)
        {
            right.Add(Line(title.ToUpperInvariant(), Align.Center, 14, bold: true));
        }

        for (var i = 0; i < 4; i++)
        {
            right.Add(Line("", Align.Center, 14));
        }

        right.Add(Line(d.Signature.Name, Align.Center, 14, bold: true));
        var leftWidth = TextWidth * 45 / 100;
        return Borderless([(leftWidth, left), (TextWidth - leftWidth, right)]);
    }

    private static Table Borderless(IReadOnlyList<(int Width, List<OpenXmlElement> Content)> columns)
    {
        BorderType None<TBorder>()
            where TBorder : BorderType, new() => new TBorder { Val = BorderValues.None };
        var table = new Table(
            new TableProperties(
                new TableWidth
                {
                    Width = TextWidth.ToString(CultureInfo.InvariantCulture),
                    Type = TableWidthUnitValues.Dxa,
                },
                new TableBorders(
                    None<TopBorder>(),
                    None<LeftBorder>(),
                    None<BottomBorder>(),
                    None<RightBorder>(),
                    None<InsideHorizontalBorder>(),
                    None<InsideVerticalBorder>()
                ),
                new TableLayout { Type = TableLayoutValues.Fixed }
            ),
            new TableGrid(
                columns.Select(c => new GridColumn { Width = c.Width.ToString(CultureInfo.InvariantCulture) })
            )
        );
        table.Append(new TableRow(columns.Select(c => Cell(c.Width, c.Content))));
        return table;
    }

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content) =>
        new([
            new TableCellProperties(
                new TableCellWidth
                {
                    Width = width.ToString(CultureInfo.InvariantCulture),
                    Type = TableWidthUnitValues.Dxa,
                }
            ),
            .. content,
        ]);

    /// <summary>A body paragraph: justified, the first line indented (1.27 cm state, 10 mm Party), 6 pt after.</summary>
    private static Paragraph BodyLine(
        string text,
        bool party,
        bool bold = false,
        bool italic = false,
        bool indent = true
    ) => Line(text, Align.Both, 14, bold, italic, after: 120, firstLine: indent ? (party ? 567 : 720) : 0, line: 276);

    private static Paragraph Line(
        string text,
        Align align,
        int points,
        bool bold = false,
        bool italic = false,
        int after = 0,
        int firstLine = 0,
        int line = 240
    )
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines
            {
                After = after.ToString(CultureInfo.InvariantCulture),
                Line = line.ToString(CultureInfo.InvariantCulture),
                LineRule = LineSpacingRuleValues.Auto,
            }
        );
        if (firstLine > 0)
        {
            properties.Append(new Indentation { FirstLine = firstLine.ToString(CultureInfo.InvariantCulture) });
        }

        properties.Append(
            new Justification
            {
                Val = align switch
                {
                    Align.Center => JustificationValues.Center,
                    Align.Right => JustificationValues.Right,
                    Align.Both => JustificationValues.Both,
                    _ => JustificationValues.Left,
                },
            }
        );
        properties.Append(new ParagraphMarkRunProperties(Size(points)));
        var paragraph = new Paragraph(properties);
        var lines = Clean(text).Split('\n');
        var run = new Run(Format(points, bold, italic));
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i].TrimEnd('\r')) { Space = SpaceProcessingModeValues.Preserve });
        }

        paragraph.Append(run);
        return paragraph;
    }

    /// <summary>A short rule: an empty paragraph whose bottom border is <paramref name="length"/> long, centred in a
    /// column <paramref name="width"/> wide (a drawn rule, not underlined text).</summary>
    private static Paragraph Rule(int width, int length)
    {
        var side = Math.Max(0, (width - Math.Clamp(length, width / 6, width)) / 2);
        return new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(
                    new BottomBorder
                    {
                        Val = BorderValues.Single,
                        Size = 6,
                        Space = 1,
                        Color = "000000",
                    }
                ),
                new SpacingBetweenLines
                {
                    After = "60",
                    Line = "120",
                    LineRule = LineSpacingRuleValues.Exact,
                },
                new Indentation
                {
                    Left = side.ToString(CultureInfo.InvariantCulture),
                    Right = side.ToString(CultureInfo.InvariantCulture),
                },
                new ParagraphMarkRunProperties(Size(4))
            )
        );
    }

    /// <summary>About how long a line of Times New Roman is, in twentieths of a point (the rule under a motto is as long
    /// as the motto).</summary>
    private static int TextLength(string text, int points, bool capitals) =>
        (int)(text.Length * points * 20 * (capitals ? 0.68 : 0.5));

    private static RunProperties Format(int points, bool bold, bool italic)
    {
        var format = new RunProperties();
        if (bold)
        {
            format.Append(new Bold());
        }

        if (italic)
        {
            format.Append(new Italic());
        }

        format.Append(Size(points));
        return format;
    }

    private static OpenXmlElement[] Size(int points) =>
        [
            new FontSize { Val = (points * 2).ToString(CultureInfo.InvariantCulture) },
            new FontSizeComplexScript { Val = (points * 2).ToString(CultureInfo.InvariantCulture) },
        ];

    /// <summary>Text without the characters XML cannot hold (control characters, unpaired surrogates).</summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c == '\n' || XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
