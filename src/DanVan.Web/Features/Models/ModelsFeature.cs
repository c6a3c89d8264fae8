namespace DanVan.Web.Features.Models;

public static class ModelsFeature
{
    public static IServiceCollection AddModelsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ListModels>()
            .AddScoped<GetModel>()
            .AddScoped<CreateModel>()
            .AddScoped<ImportModels>()
            .AddScoped<ExportReplications>()
            .AddScoped<UpdateModel>()
            .AddScoped<TransitionModel>()
            .AddScoped<RecordModelResult>()
            .AddScoped<DeleteModelResult>()
            .AddScoped<ModelStatistics>()
            .AddScoped<ModelCatalogueReader>()
            .AddScoped<ReadCatalogue>()
            .AddScoped<ReplicateModel>()
            .AddScoped<UpdateReplication>()
            .AddScoped<GetReplication>()
            .AddScoped<ReplicationUnits>()
            .AddScoped<PublicLibrary>()
            .AddScoped<ExportModels>()
            .AddScoped<Documents.IDocumentOwner, ModelDocuments>()
            .AddScoped<EvaluateModel>()
            .AddScoped<ModelReviews>()
            .AddScoped<ConfigureCatalogue>()
            .AddScoped<PublishRubric>();
}
