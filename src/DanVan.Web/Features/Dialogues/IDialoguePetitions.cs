namespace DanVan.Web.Features.Dialogues;

/// <summary>A petition raised in the session, as far as the caller sees it; the code only for those who may see
/// codes.</summary>
/// <param name="Status">The petition's status by name (the Petitions feature's <c>PetitionStatus</c>).</param>
public sealed record DialoguePetitionRow(int Id, string? TrackingCode, string Title, string Status, DateOnly? DueOn);

/// <summary>
/// The petitions raised in dialogue sessions, answered by the Petitions feature (which stands above this one: a
/// petition
/// names the session it was raised in, a session does not know petitions).
/// </summary>
public interface IDialoguePetitions
{
    /// <summary>The session of every petition raised in one, as a query the dialogue list counts in its own
    /// statement.</summary>
    IQueryable<int> RaisedIn();

    /// <summary>The petitions raised in a session that the caller sees, in the order they were recorded.</summary>
    Task<IReadOnlyList<DialoguePetitionRow>> VisibleAsync(int dialogueId, CancellationToken ct);
}
