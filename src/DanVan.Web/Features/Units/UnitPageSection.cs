namespace DanVan.Web.Features.Units;

/// <summary>
/// A section a feature above the units adds to a unit's page (the page renders each, by order, with the parameters
/// <c>Unit</c>, the unit's <see cref="UnitRef"/>, and <c>IsActive</c>), so the units feature shows
/// what others know about a unit without depending on them.
/// The component decides itself whether the caller may see it.
/// </summary>
public sealed record UnitPageSection(Type Component, int Order);
