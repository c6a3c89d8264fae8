namespace DanVan.Web.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services) =>
        services.AddScoped<CampaignRollup>().AddScoped<SaveCampaign>().AddScoped<ConfigureIndicators>().AddScoped<EnterFigures>()
            .AddScoped<ListCampaigns>().AddScoped<GetCampaign>().AddScoped<ReadProgress>().AddScoped<ReadGrid>()
            .AddScoped<CampaignForms>().AddScoped<GetCampaignPage>().AddScoped<ReadTargetTree>()
            .AddScoped<ImportFigures>()
            .AddScoped<Documents.IDocumentOwner, CampaignDocuments>().AddScoped<Units.IUnitMergeStep, CampaignsInMergers>();
}
