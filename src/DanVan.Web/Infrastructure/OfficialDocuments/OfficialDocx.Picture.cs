using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pictures = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace DanVan.Web.Infrastructure.OfficialDocuments;

/// <summary>The picture block of <see cref="OfficialDocx"/>: a chart as an inline drawing.</summary>
public static partial class OfficialDocx
{
    /// <summary>A picture in its own centred paragraph, inline (it moves with the text), as wide as the text and as
    /// high as its proportions make it; the alternative text is the drawing's description.</summary>
    private static Paragraph Picture(MainDocumentPart main, DocumentImage image, int number)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png, writable: false))
        {
            part.FeedData(png);
        }

        const long EmuPerTwip = 635;
        long cx = TextWidth * EmuPerTwip;
        long cy = cx * image.Height / Math.Max(1, image.Width);
        var name = $"Biểu đồ {number}";
        var picture = new Pictures.Picture(
            new Pictures.NonVisualPictureProperties(
                new Pictures.NonVisualDrawingProperties
                {
                    Id = 0U,
                    Name = name,
                    Description = Clean(image.Description),
                },
                new Pictures.NonVisualPictureDrawingProperties()
            ),
            new Pictures.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
            new Pictures.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }
            )
        );
        var inline = new Wp.Inline(
            new Wp.Extent { Cx = cx, Cy = cy },
            new Wp.EffectExtent
            {
                LeftEdge = 0L,
                TopEdge = 0L,
                RightEdge = 0L,
                BottomEdge = 0L,
            },
            new Wp.DocProperties
            {
                Id = (uint)number,
                Name = name,
                Description = Clean(image.Description),
            },
            new Wp.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(
                new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }
            )
        )
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Paragraph(
            new ParagraphProperties(
                new KeepNext(),
                new SpacingBetweenLines { Before = "120", After = "60" },
                new Justification { Val = JustificationValues.Center }
            ),
            new Run(new Drawing(inline))
        );
    }
}
