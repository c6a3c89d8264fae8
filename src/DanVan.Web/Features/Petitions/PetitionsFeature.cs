using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Infrastructure.Jobs;

namespace DanVan.Web.Features.Petitions;

public static class PetitionsFeature
{
    public static IServiceCollection AddPetitionsFeature(this IServiceCollection services, IHostEnvironment environment)
    {
        services
            .AddScoped<RecordPetition>()
            .AddScoped<ImportPetitions>()
            .AddScoped<PetitionSteps>()
            .AddScoped<GetPetition>()
            .AddScoped<ListPetitions>()
            .AddScoped<ExportPetitions>()
            .AddScoped<PetitionWorkload>()
            .AddScoped<PersonalData>()
            .AddScoped<PublicTracking>()
            .AddScoped<ConfigurePetitions>()
            .AddScoped<PetitionForms>()
            .AddScoped<WorkingCalendar>()
            .AddScoped<PetitionNotices>()
            .AddScoped<PetitionDeadlines>()
            .AddScoped<IssueReceipt>()
            .AddScoped<ReadPetitionSettings>()
            .AddScoped<IDocumentOwner, PetitionDocuments>()
            .AddScoped<IDialoguePetitions, PetitionsOfDialogues>();

        services.AddScheduledJob<PetitionDeadlineService>(environment);

        return services;
    }
}
