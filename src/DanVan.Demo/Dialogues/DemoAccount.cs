namespace DanVan.Demo;

/// <summary>A demo account with the unit (and organization) of its assignment.</summary>
internal sealed record DemoAccount(int Id, string Name, int UnitId, int? OrganizationId);
