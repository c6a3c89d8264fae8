using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>The figure tables of <see cref="OfficialDocx"/>.</summary>
public static partial class OfficialDocx
{
    private static Table FigureTable(DocumentTable t)
    {
        var columns = Math.Max(1, t.Headers.Count);
        // The first column names the row: wider than the numbers beside it.
        var first =
            columns == 1 ? TextWidth : Math.Max(TextWidth / columns, TextWidth * (columns <= 4 ? 40 : 22) / 100);
        var widths = Enumerable
            .Range(0, columns)
            .Select(i => i == 0 ? first : (TextWidth - first) / (columns - 1))
            .ToArray();
        BorderType Border<TBorder>()
            where TBorder : BorderType, new() =>
            new TBorder
            {
                Val = BorderValues.Single,
                Size = 4,
                Space = 0,
                Color = "000000",
            };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableBorders(
                    Border<TopBorder>(),
                    Border<LeftBorder>(),
                    Border<BottomBorder>(),
                    Border<RightBorder>(),
                    Border<InsideHorizontalBorder>(),
                    Border<InsideVerticalBorder>()
                ),
                new TableLayout { Type = TableLayoutValues.Fixed }
            ),
            new TableGrid(
                Enumerable
                    .Range(0, columns)
                    .Select(i => new GridColumn { Width = widths[i].ToString(CultureInfo.InvariantCulture) })
            )
        );
        table.Append(
            new TableRow([
                new TableRowProperties(new TableHeader()),
                .. t.Headers.Select((h, i) => Cell(widths[i], [Line(h, Align.Center, 13, bold: true)])),
            ])
        );
        foreach (var row in t.Rows)
        {
            table.Append(
                new TableRow(
                    row.Select(
                        (c, i) =>
                            Cell(
                                widths[Math.Min(i, columns - 1)],
                                [Line(c.Text, c.Numeric ? Align.Right : Align.Left, 13)]
                            )
                    )
                )
            );
        }

        if (t.TotalLabel is { } label)
        {
            table.Append(
                new TableRow(
                    Enumerable
                        .Range(0, columns)
                        .Select(i =>
                            Cell(
                                widths[i],
                                [
                                    i == 0 ? Line(label, Align.Left, 13, bold: true)
                                    : t.TotalColumns?.Contains(i) == true
                                        ? Line(DocumentCell.Number(t.Total(i)).Text, Align.Right, 13, bold: true)
                                    : Line("", Align.Left, 13),
                                ]
                            )
                        )
                )
            );
        }

        return table;
    }
}
