namespace DanVan.Web.Features.Documents;

/// <summary>
/// Documents of dialogue sessions, petitions and campaigns: one entity, one contents table, one upload rule, one route
/// shape (<see cref="DocumentEndpoints.MapDocuments"/>) and one page section (<c>CaseDocumentsSection</c>). Each owning
/// feature registers its <see cref="IDocumentOwner"/>.
/// </summary>
public static class DocumentsFeature
{
    public static IServiceCollection AddDocumentsFeature(this IServiceCollection services) =>
        services.AddScoped<CaseDocuments>();
}
