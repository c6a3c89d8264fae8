namespace DanVan.Web.Features.Petitions;

/// <summary>
/// What a petition raised elsewhere starts from: where the matter is (and the unit that handles it), the day it was
/// raised, the words it was raised in, and a line naming the origin for the form.
/// </summary>
public sealed record PetitionOriginDraft(int HandlingUnitId, int LocationId, DateOnly On, string Content, string Label);

/// <summary>
/// A record of a feature above the petitions where a citizen's matter is raised (a holder's visit report): the record
/// form starts from it, and the petition recorded from it is linked back in the petition's own transaction. Owned here,
/// implemented by the features above, so the petitions know none of them.
/// </summary>
public interface IPetitionOrigin
{
    /// <summary>The origin's name in the form's address (<c>?origin=visit&amp;originId=…</c>).</summary>
    string Kind { get; }

    /// <summary>The draft, or null when there is no such record or the caller may not see it.</summary>
    Task<PetitionOriginDraft?> DraftAsync(int id, CancellationToken ct);

    /// <summary>Points the origin at the petition recorded from it (a tracked change, saved with the petition's
    /// event).</summary>
    Task LinkAsync(int id, int petitionId, CancellationToken ct);
}
