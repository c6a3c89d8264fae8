namespace DanVan.Web.Features.Organizations;

public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizationsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ListOrganizations>()
            .AddScoped<ExportOrganizations>()
            .AddScoped<CreateOrganization>()
            .AddScoped<UpdateOrganization>()
            .AddScoped<DeleteOrganization>()
            .AddScoped<Units.IUnitOrganizations, OrganizationsOfUnits>()
            .AddScoped<Units.IUnitMergeStep, OrganizationsInMergers>();
}
