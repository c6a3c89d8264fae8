using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Statistics;

/// <summary>
/// The statistics catalogue: every figure defined once (<see cref="StatisticCatalogue"/>), its rule over the facts
/// (<see cref="StatisticSources"/>), summary rows kept in the facts' transaction (<see cref="StatisticLedger"/>), the one
/// query (<see cref="ReadStatistics"/>), the check and repair (<see cref="StatisticCheck"/>), and the unit dashboard.
/// </summary>
public static class StatisticsFeature
{
    public static IServiceCollection AddStatisticsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ReadStatistics>()
            // The dashboards' and the portal's reader: from the read replica while it is current (ADR-0034).
            .AddKeyedScoped(ReadReplica.Key, (sp, _) =>
                new ReadStatistics(sp.GetRequiredKeyedService<DanVanDbContext>(ReadReplica.Key))
            )
            .AddScoped<StatisticCheck>()
            .AddScoped<UnitDashboard>()
            .AddScoped<PetitionDashboard>()
            .AddScoped<PublicStatistics>()
            .AddScoped<ReadStaffingPlan>()
            .AddScoped<DownloadStaffingPlan>()
            .AddMemoryCache(o => o.SizeLimit = 20_000)
            .AddScoped<Units.IUnitMergeStep, StatisticsInMergers>();
}
