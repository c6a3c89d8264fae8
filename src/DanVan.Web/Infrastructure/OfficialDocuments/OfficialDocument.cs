using System.Globalization;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>Which rules the document follows: a state body's (Nghị định 30/2020/NĐ-CP, Phụ lục I) or a Party body's
/// (Hướng dẫn 36-HD/VPTW).</summary>
public enum DocumentRegime
{
    State,
    Party,
}

/// <summary>
/// An official document of a Vietnamese body — a report, a program — as content: who issues it, its number and symbol,
/// place and date, type and subject, numbered sections of paragraphs, lists and tables, the signature and the
/// recipients. <see cref="OfficialDocx"/> lays it out as the rules prescribe (docs/decisions/ADR-0028).
/// </summary>
/// <param name="ParentBody">The body above the issuer, in capitals ("UBND TỈNH BẮC NINH", "TỈNH ỦY BẮC NINH").</param>
/// <param name="IssuingBody">The issuer, in capitals ("ỦY BAN NHÂN DÂN XÃ TIÊN DU", "BAN TUYÊN GIÁO VÀ DÂN VẬN").</param>
/// <param name="TypeCode">The type's code in the symbol (BC báo cáo, KH kế hoạch, CTr chương trình).</param>
/// <param name="BodyAbbreviation">The issuer's abbreviation in the symbol ("UBND", "BTGDVTU").</param>
/// <param name="TypeName">The type as the title shows it ("BÁO CÁO").</param>
/// <param name="Subject">What it is about (trích yếu).</param>
public sealed record OfficialDocument(
    DocumentRegime Regime,
    string ParentBody,
    string IssuingBody,
    int? Number,
    string TypeCode,
    string BodyAbbreviation,
    string Place,
    DateOnly Date,
    string TypeName,
    string Subject,
    IReadOnlyList<DocumentSection> Sections,
    DocumentSignature Signature,
    IReadOnlyList<string> Recipients
)
{
    /// <summary>"Số: 05/BC-UBND" (state) or "Số 05-BC/BTGDVTU" (Party): a number under 10 padded with a zero. Without a
    /// number (a draft: the clerical office numbers it when issuing) the space is left blank, as drafts have it.</summary>
    public string NumberAndSymbol =>
        (Regime, Number) switch
        {
            (DocumentRegime.State, { } n) => string.Create(
                CultureInfo.InvariantCulture,
                $"Số: {n:00}/{TypeCode}-{BodyAbbreviation}"
            ),
            (DocumentRegime.State, null) => $"Số:      /{TypeCode}-{BodyAbbreviation}",
            (_, { } n) => string.Create(CultureInfo.InvariantCulture, $"Số {n:00}-{TypeCode}/{BodyAbbreviation}"),
            _ => $"Số      -{TypeCode}/{BodyAbbreviation}",
        };

    /// <summary>"Bắc Ninh, ngày 05 tháng 01 năm 2026": a day under 10 padded, and the months January and February
    /// (so "01" and "02" cannot be read as "10", "11" or "12" with a digit added); other months as they are.</summary>
    public string PlaceAndDate =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Place}, ngày {Date.Day:00} tháng {(Date.Month <= 2 ? Date.Month.ToString("00", CultureInfo.InvariantCulture) : Date.Month.ToString(CultureInfo.InvariantCulture))} năm {Date.Year}"
        );

    /// <summary>A section's heading number: "I-" in a Party document, "I." in a state one.</summary>
    public string HeadingNumber(int index) => Roman(index + 1) + (Regime == DocumentRegime.Party ? "-" : ".");

    private static string Roman(int n)
    {
        (int Value, string Text)[] numerals =
        [
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ];
        var text = new System.Text.StringBuilder();
        foreach (var (value, numeral) in numerals)
        {
            for (; n >= value; n -= value)
            {
                text.Append(numeral);
            }
        }

        return text.ToString();
    }
}

/// <summary>A numbered section: its heading (without the number) and its blocks in order.</summary>
public sealed record DocumentSection(string Heading, IReadOnlyList<DocumentBlock> Blocks);

/// <summary>What a section holds: paragraphs, lists and tables.</summary>
public abstract record DocumentBlock;

/// <summary>A justified paragraph with its first line indented.</summary>
public sealed record DocumentParagraph(string Text) : DocumentBlock;

/// <summary>A list: one line per item, each starting with a dash as official documents do.</summary>
public sealed record DocumentList(IReadOnlyList<string> Items) : DocumentBlock;

/// <summary>A table of figures: a caption, the column headings, and rows whose cells are text or numbers (right
/// aligned). With <paramref name="TotalLabel"/>, a last row sums the <paramref name="TotalColumns"/> (a formula in the
/// workbook, the sum in the Word file).</summary>
public sealed record DocumentTable(
    string? Caption,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<DocumentCell>> Rows,
    string? TotalLabel = null,
    IReadOnlyList<int>? TotalColumns = null
) : DocumentBlock
{
    /// <summary>The sum of a column's numbers (cells without a number, "—", count for nothing).</summary>
    public double Total(int column) => Rows.Sum(r => column < r.Count && r[column].Value is { } v ? v : 0);
}

/// <summary>A picture (a chart) as PNG, <paramref name="Width"/> × <paramref name="Height"/> pixels, printed across the
/// text width with its <paramref name="Caption"/> below in italics; <paramref name="Description"/> is its alternative
/// text for screen readers. The workbook leaves it out: its sheets carry the numbers the picture draws.</summary>
public sealed record DocumentImage(byte[] Png, int Width, int Height, string Description, string? Caption)
    : DocumentBlock;

/// <summary>A table's cell as shown (<paramref name="Text"/>, formatted in the document's language); a numeric cell
/// aligns right and, with <paramref name="Value"/>, is a number in the workbook.</summary>
public sealed record DocumentCell(string Text, bool Numeric = false, double? Value = null)
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A number, shown the Vietnamese way ("1.250", "12,5"), or "—" when there is none.</summary>
    public static DocumentCell Number(double? value) =>
        value is { } v ? new(v.ToString("#,##0.##", Vietnamese), true, v) : new("—", true);
}

/// <summary>The signature block: the authority line ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"), the signer's title
/// ("CHỦ TỊCH") and name.</summary>
public sealed record DocumentSignature(string Authority, string? Title, string Name);
