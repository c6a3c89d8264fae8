using DanVan.Web.Infrastructure.Jobs;

namespace DanVan.Web.Features.Programs;

/// <summary>
/// Annual work programs that cascade down the tree (docs/decisions/ADR-0030): a unit's program with its bases and items,
/// concretized by the programs of the units below item by item, approved by the unit's committee by version, published
/// and amended, with the coverage matrix and the official documents; and the thematic conferences units hold, with the
/// commitments made there that become replications of the registry's models.
/// </summary>
public static class ProgramsFeature
{
    public static IServiceCollection AddProgramsFeature(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        services
            .AddScoped<SaveProgram>()
            .AddScoped<SaveProgramItem>()
            .AddScoped<RecordItemProgress>()
            .AddScoped<TransitionProgram>()
            .AddScoped<GetProgram>()
            .AddScoped<GetProgramItem>()
            .AddScoped<ListPrograms>()
            .AddScoped<ProgramCoverage>()
            .AddScoped<DownloadProgram>()
            .AddScoped<Documents.IDocumentOwner, ProgramDocumentOwner>()
            .AddScoped<SaveConference>()
            .AddScoped<SaveCommitment>()
            .AddScoped<ReplicateCommitment>()
            .AddScoped<GetConference>()
            .AddScoped<ListConferences>()
            .AddScoped<Documents.IDocumentOwner, ConferenceDocumentOwner>()
            .AddScoped<Units.IUnitMergeStep, ProgramsInMergers>()
            .AddSingleton(ProgramAlertSettings.From(configuration))
            .AddScoped<ProgramAlerts>();

        services.AddScheduledJob<ProgramAlertService>(environment);

        return services;
    }
}
