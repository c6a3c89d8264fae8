using DanVan.Web.Infrastructure.Jobs;

namespace DanVan.Web.Features.Privacy;

/// <summary>
/// Data subjects' requests (Law 91/2025, docs/decisions/ADR-0035): recorded with their two deadlines, reminded, and
/// handled across every feature that holds the person's data — found, handed over as one file, erased — each through
/// that feature's own rule.
/// </summary>
public static class PrivacyFeature
{
    public static IServiceCollection AddPrivacyFeature(this IServiceCollection services, IHostEnvironment environment)
    {
        services
            .AddScoped<SavePrivacyRequest>()
            .AddScoped<ReadPrivacyRequests>()
            .AddScoped<PersonFinder>()
            .AddScoped<FulfilPrivacyRequest>()
            .AddScoped<PrivacyReminders>()
            .AddScoped<Units.IUnitMergeStep, PrivacyInMergers>();
        services.AddScheduledJob<PrivacyReminderService>(environment);
        return services;
    }
}
