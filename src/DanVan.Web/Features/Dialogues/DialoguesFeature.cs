namespace DanVan.Web.Features.Dialogues;

/// <summary>
/// Dialogue sessions and citizen reception: periodic reception days, dialogue conferences with their notice and results
/// checks, ad-hoc dialogues. The petitions raised in them belong to the Petitions feature (<see
/// cref="IDialoguePetitions"/>).
/// </summary>
public static class DialoguesFeature
{
    public static IServiceCollection AddDialoguesFeature(this IServiceCollection services) =>
        services
            .AddScoped<SaveDialogue>()
            .AddScoped<GetDialogue>()
            .AddScoped<ListDialogues>()
            .AddScoped<ExportDialogues>()
            .AddScoped<ReceptionFrequency>()
            .AddScoped<Documents.IDocumentOwner, DialogueDocuments>();
}
