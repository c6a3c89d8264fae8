using System.Globalization;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

/// <summary>A typed result indicator of the catalogue (m² of land donated, workdays, VND mobilized …).</summary>
public sealed class ResultIndicator : IVersioned
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameDe { get; set; } = "";

    /// <summary>The unit of measure (m², km, VND, ngày công …), in each language.</summary>
    public string Measure { get; set; } = "";
    public string MeasureEn { get; set; } = "";
    public string MeasureDe { get; set; } = "";

    /// <summary>Whole numbers only (households, members, houses) or decimals (km, m²).</summary>
    public bool WholeNumbers { get; set; }

    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public int Version { get; set; }

    public string LocalName => Catalogue.Pick(Name, NameEn, NameDe);

    public string LocalMeasure => Catalogue.Pick(Measure, MeasureEn, MeasureDe);
}
