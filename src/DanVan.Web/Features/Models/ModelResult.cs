using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Models;

/// <summary>
/// Target and actual value of one indicator of a model for one reporting year. Values are doubles so both
/// databases can add them up in SQL (SQLite cannot sum decimals); sums of VND stay exact below 2^53.
/// </summary>
public sealed class ModelResult : IVersioned, IUnitStamped
{
    public int Id { get; set; }
    public int ModelId { get; set; }

    /// <summary>Set for a replication's results (then the row is scoped to the adopting unit); null for the model's
    /// own.</summary>
    public int? ReplicationId { get; set; }

    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public double? Target { get; set; }
    public double? Actual { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}
