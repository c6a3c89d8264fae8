using Microsoft.AspNetCore.Components.Endpoints;

namespace DanVan.Web.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services) =>
        services
            .AddScoped<CampaignRollup>()
            .AddScoped<CampaignSaving>()
            .AddScoped<CreateCampaign>()
            .AddScoped<UpdateCampaign>()
            .AddScoped<ChangeCampaignStatus>()
            .AddScoped<SaveIndicator>()
            .AddScoped<SetTargets>()
            .AddScoped<SetPeriodLock>()
            .AddScoped<EnterFigures>()
            .AddScoped<ListCampaigns>()
            .AddScoped<GetCampaign>()
            .AddScoped<ReadProgress>()
            .AddScoped<ReadGrid>()
            .AddScoped<CampaignForms>()
            .AddScoped<GetCampaignPage>()
            .AddScoped<ReadTargetTree>()
            .AddScoped<ImportFigures>()
            .AddScoped<ExportFigures>()
            .AddScoped<Documents.IDocumentOwner, CampaignDocuments>()
            .AddScoped<Units.IUnitMergeStep, CampaignsInMergers>()
            // The grid binds its cells as dictionaries by "unit.indicator" and the campaign form its ticks by unit id:
            // a save may
            // carry as many as a grid holds (ReadGrid.MaxRows × CampaignRules.MaxIndicators), beyond form mapping's
            // default 1,024.
            .Configure<RazorComponentsServiceOptions>(o =>
                o.MaxFormMappingCollectionSize = Math.Max(
                    o.MaxFormMappingCollectionSize,
                    ReadGrid.MaxRows * CampaignRules.MaxIndicators
                )
            );
}
