using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Web.Features.Models;

/// <summary>A typed result indicator of the catalogue (m² of land donated, workdays, VND mobilized …).</summary>
public sealed class ResultIndicator : ReferenceEntry
{
    /// <summary>The unit of measure (m², km, VND, ngày công …), in each language.</summary>
    public string Measure { get; set; } = "";
    public string MeasureEn { get; set; } = "";
    public string MeasureDe { get; set; } = "";

    /// <summary>Whole numbers only (households, members, houses) or decimals (km, m²).</summary>
    public bool WholeNumbers { get; set; }

    public string LocalMeasure => Cultures.Pick(Measure, MeasureEn, MeasureDe);
}
