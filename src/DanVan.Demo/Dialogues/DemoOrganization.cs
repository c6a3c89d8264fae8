using DanVan.Web.Features.Organizations;

namespace DanVan.Demo;

/// <summary>An organization of the province as the demo dialogues and petitions use it.</summary>
internal sealed record DemoOrganization(int Id, int UnitId, OrganizationType Type, string Name);
