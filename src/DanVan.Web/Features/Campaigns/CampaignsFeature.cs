namespace DanVan.Web.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services) =>
        services.AddScoped<CampaignRollup>().AddScoped<CampaignSaving>().AddScoped<CreateCampaign>().AddScoped<UpdateCampaign>()
            .AddScoped<ChangeCampaignStatus>().AddScoped<SaveIndicator>().AddScoped<SetTargets>().AddScoped<SetPeriodLock>().AddScoped<EnterFigures>()
            .AddScoped<ListCampaigns>().AddScoped<GetCampaign>().AddScoped<ReadProgress>().AddScoped<ReadGrid>()
            .AddScoped<CampaignForms>().AddScoped<GetCampaignPage>().AddScoped<ReadTargetTree>()
            .AddScoped<ImportFigures>()
            .AddScoped<Documents.IDocumentOwner, CampaignDocuments>().AddScoped<Units.IUnitMergeStep, CampaignsInMergers>();
}
