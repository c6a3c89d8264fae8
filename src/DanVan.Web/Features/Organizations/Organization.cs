using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Organizations;

/// <summary>The kinds of organization found in a unit (DOMAIN.md §1).</summary>
public enum OrganizationType
{
    PartyCommittee = 1,
    PropagandaMobilizationCommission = 2,
    PeoplesCommittee = 3,
    PeoplesCouncil = 4,
    FatherlandFront = 5,
    TradeUnion = 6,
    WomensUnion = 7,
    YouthUnion = 8,
    FarmersAssociation = 9,
    VeteransAssociation = 10,
    PartyCell = 11,
    Agency = 12,
    Other = 99,
}

/// <summary>An organization of a unit: its Party committee, People's Committee, Front, unions, agencies.</summary>
public sealed class Organization : IUnitScoped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public OrganizationType Type { get; set; }
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}
