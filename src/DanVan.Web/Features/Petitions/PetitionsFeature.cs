using DanVan.Web.Features.Dialogues;

namespace DanVan.Web.Features.Petitions;

public static class PetitionsFeature
{
    public static IServiceCollection AddPetitionsFeature(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddScoped<SaveDialogue>().AddScoped<GetDialogue>().AddScoped<ListDialogues>().AddScoped<ReceptionFrequency>()
            .AddScoped<RecordPetition>().AddScoped<PetitionSteps>().AddScoped<GetPetition>().AddScoped<ListPetitions>()
            .AddScoped<PetitionStatistics>().AddScoped<PersonalData>().AddScoped<PublicTracking>().AddScoped<ConfigurePetitions>()
            .AddScoped<PetitionForms>().AddScoped<CaseDocuments>().AddScoped<WorkingCalendar>().AddScoped<PetitionNotices>().AddScoped<PetitionDeadlines>()
            .AddScoped<IssueReceipt>();

        // Tests drive the sweep themselves with a fake clock.
        if (!environment.IsEnvironment("Testing"))
        {
            services.AddHostedService<PetitionDeadlineService>();
        }

        return services;
    }
}
