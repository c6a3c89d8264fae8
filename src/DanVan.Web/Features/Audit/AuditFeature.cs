namespace DanVan.Web.Features.Audit;

/// <summary>
/// The audit trail's reader: the page at /audit and the home page's recent activity. The trail itself is written by
/// <see cref="Infrastructure.Audit.AuditRecorder"/> in every save, whatever the feature.
/// </summary>
public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<ListAudit>().AddScoped<ExportAudit>();
}
