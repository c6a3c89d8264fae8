using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Models;

/// <summary>How a replication is doing.</summary>
public enum ReplicationStatus
{
    Implementing = 1,
    Effective = 2,
    Stopped = 3,
}

/// <summary>
/// A replication (nhân rộng): another unit adopting a recognized model, with its own start, adaptations,
/// status and results. Belongs to the adopting unit (scoped by its ancestors); the source model's page
/// lists it wherever it is.
/// </summary>
public sealed class ModelReplication : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int SourceModelId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }
    public int OrganizationId { get; set; }
    public DateOnly StartDate { get; set; }
    public string Adaptations { get; set; } = "";
    public ReplicationStatus Status { get; set; } = ReplicationStatus.Implementing;
    public string? StatusNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => new(UnitId, UnitLevel, ProvinceId, CommuneId, VillageId);

    /// <summary>Copies the adopting unit and its ancestors onto a row of this replication (its results).</summary>
    public void Stamp(IUnitStamped row)
    {
        row.UnitId = UnitId;
        row.ProvinceId = ProvinceId;
        row.CommuneId = CommuneId;
        row.VillageId = VillageId;
    }
}
