namespace DanVan.Web.Features.Personnel;

/// <summary>
/// Mass-mobilization cadres (docs/decisions/ADR-0031): the person's record with their qualifications, awards and
/// discipline, their posts over time, and their personal data masked except for the personnel officers of the subtree.
/// </summary>
public static class PersonnelFeature
{
    public static IServiceCollection AddPersonnelFeature(this IServiceCollection services) =>
        services
            .AddScoped<SaveCadre>()
            .AddScoped<SaveCadrePosition>()
            .AddScoped<GetCadre>()
            .AddScoped<ListCadres>()
            .AddScoped<SaveStaffingQuota>()
            .AddScoped<ImportCadres>()
            .AddScoped<SaveResponsibility>()
            .AddScoped<ReadResponsibilities>()
            .AddScoped<SaveTraining>()
            .AddScoped<ReadTraining>()
            .AddScoped<Units.IUnitMergeStep, PersonnelInMergers>()
            .AddScoped<Units.IUnitRetireStep, PersonnelInRetirements>()
            .AddScoped<Petitions.IPetitionOrigin, VisitPetitionOrigin>()
            .AddSingleton(new Units.UnitPageSection(typeof(Pages.UnitHolders), 10));
}
