namespace DanVan.Web.Features.Units;

public static class UnitsFeature
{
    public static IServiceCollection AddUnitsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ListUnits>()
            .AddScoped<ExportUnits>()
            .AddScoped<GetUnit>()
            .AddScoped<CreateUnit>()
            .AddScoped<UpdateUnit>()
            .AddScoped<RetireUnit>()
            .AddScoped<MergeUnits>()
            .AddScoped<ImportUnits>();
}
