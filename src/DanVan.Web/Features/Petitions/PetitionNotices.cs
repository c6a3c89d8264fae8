namespace DanVan.Web.Features.Petitions;

/// <summary>Who hears about a petition's step: the agency, the handling unit, the unit above.</summary>
internal sealed class PetitionNotices
{
    public Task AfterStepAsync(Petition petition, PetitionAction action, CancellationToken ct) => Task.CompletedTask;

    public Task OverdueAsync(Petition petition, CancellationToken ct) => Task.CompletedTask;

    public Task EscalatedAsync(Petition petition, int unitAbove, CancellationToken ct) => Task.CompletedTask;
}
