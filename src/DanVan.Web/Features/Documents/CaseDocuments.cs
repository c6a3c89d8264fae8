using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Documents;

/// <summary>
/// What the documents capability needs to know of a kind of owner (a model, a dialogue session, a petition, a
/// campaign),
/// given by the owning feature: who sees the owner, who may attach to (and remove from) it, which of its documents the
/// caller may read, and which anyone may read.
/// </summary>
public interface IDocumentOwner
{
    CaseKind Kind { get; }

    /// <summary>The message when the owner is not found or not visible.</summary>
    string NotFoundMessage { get; }

    /// <summary>The owner, if the caller sees it.</summary>
    Task<IUnitScoped?> FindVisibleAsync(int ownerId, CancellationToken ct);

    bool MayAttach(IUnitScoped owner);

    /// <summary>The message when the caller sees the owner but may not attach to it; null for the common one.</summary>
    string? CannotAttachMessage(IUnitScoped owner) => null;

    /// <summary>Whether documents of this kind may be removed (by whoever may attach); otherwise they are kept as
    /// filed.</summary>
    bool Removable => false;

    /// <summary>The owner's documents the caller may read, out of <paramref name="documents"/>.</summary>
    IQueryable<CaseDocument> Readable(IQueryable<CaseDocument> documents, int ownerId);

    /// <summary>The owner's documents anyone may read, signed in or not (none unless the owner publishes
    /// some).</summary>
    IQueryable<CaseDocument> PublicReadable(IQueryable<CaseDocument> documents, int ownerId) =>
        documents.Where(_ => false);
}

/// <summary>
/// Attaches, reads and removes the documents of models, dialogues, petitions and campaigns: one upload rule
/// (<see cref="AttachmentRules"/>), one store, the owner's rules from its <see cref="IDocumentOwner"/>. Who attaches:
/// whoever
/// edits the model; officers of the dialogue's unit; for a petition the handling unit's officers or the assigned
/// agency's
/// handlers (its written answer); for a campaign whoever manages it. Whoever sees the model, dialogue or campaign may
/// download its documents; a petition's documents are part of its case, not of its register; photos of a library model
/// are public. Only a model's files may be removed (a mistaken photo); case documents stay as filed. Out of scope is
/// not
/// found.
/// </summary>
internal sealed class CaseDocuments(
    DanVanDbContext db,
    ICurrentUser user,
    IStringLocalizer<SharedResource> L,
    IEnumerable<IDocumentOwner> owners
)
{
    /// <summary>The path segment of the owner's pages and API ("/petitions/12/documents/3").</summary>
    public static string PrefixOf(CaseKind kind) =>
        kind switch
        {
            CaseKind.Dialogue => "dialogues",
            CaseKind.Petition => "petitions",
            CaseKind.Model => "models",
            CaseKind.Program => "programs",
            CaseKind.Conference => "conferences",
            _ => "campaigns",
        };

    public async Task<Result<int>> AttachAsync(
        CaseKind kind,
        int ownerId,
        string fileName,
        byte[] bytes,
        string? caption,
        CancellationToken ct
    )
    {
        var rules = Owner(kind);
        if (await rules.FindVisibleAsync(ownerId, ct) is not { } owner)
        {
            return new NotFoundError(rules.NotFoundMessage);
        }

        if (!rules.MayAttach(owner))
        {
            return new ForbiddenError(rules.CannotAttachMessage(owner) ?? L["Petitions_CannotAttach"]);
        }

        var checkedFile = AttachmentRules.Check(fileName, bytes, caption, L);
        if (!checkedFile.IsOk)
        {
            return checkedFile.Error;
        }

        var (name, type, contentType) = checkedFile.Value;
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        var document = new CaseDocument
        {
            ModelId = kind == CaseKind.Model ? ownerId : null,
            DialogueId = kind == CaseKind.Dialogue ? ownerId : null,
            PetitionId = kind == CaseKind.Petition ? ownerId : null,
            CampaignId = kind == CaseKind.Campaign ? ownerId : null,
            ProgramId = kind == CaseKind.Program ? ownerId : null,
            ConferenceId = kind == CaseKind.Conference ? ownerId : null,
            FileName = name,
            ContentType = contentType,
            Type = type,
            Size = bytes.Length,
            Caption = string.IsNullOrWhiteSpace(caption) ? null : caption,
            ActorName = AuditRecorder.ActorName(user),
            CreatedAt = db.UtcNow,
        };
        owner.StampOnto(document);
        db.CaseDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        db.CaseDocumentContents.Add(new CaseDocumentContent { DocumentId = document.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        return document.Id;
    }

    /// <summary>The documents of an owner the caller has already been shown (its page checked the scope).</summary>
    public async Task<IReadOnlyList<CaseDocumentRow>> ListAsync(CaseKind kind, int ownerId, CancellationToken ct) =>
        await Owner(kind)
            .Readable(db.CaseDocuments.AsNoTracking(), ownerId)
            .OrderBy(d => d.Id)
            .Select(d => new CaseDocumentRow(d.Id, d.FileName, d.Type, d.Size, d.Caption, d.ActorName, d.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The row of a document just attached, for the answer to the upload.</summary>
    public Task<CaseDocumentRow> RowAsync(int documentId, CancellationToken ct) =>
        db
            .CaseDocuments.AsNoTracking()
            .Where(d => d.Id == documentId)
            .Select(d => new CaseDocumentRow(d.Id, d.FileName, d.Type, d.Size, d.Caption, d.ActorName, d.CreatedAt))
            .SingleAsync(ct);

    /// <summary>The document with its bytes, if the caller sees its owner.</summary>
    public Task<(CaseDocument Document, byte[] Bytes)?> ReadAsync(
        CaseKind kind,
        int ownerId,
        int documentId,
        CancellationToken ct
    ) => WithBytesAsync(Owner(kind).Readable(db.CaseDocuments.AsNoTracking(), ownerId), documentId, ct);

    /// <summary>The document with its bytes, if its owner publishes it to everyone.</summary>
    public Task<(CaseDocument Document, byte[] Bytes)?> ReadPublicAsync(
        CaseKind kind,
        int ownerId,
        int documentId,
        CancellationToken ct
    ) => WithBytesAsync(Owner(kind).PublicReadable(db.CaseDocuments.AsNoTracking(), ownerId), documentId, ct);

    /// <summary>Removes a document filed by mistake, where the owner's kind allows it, by whoever may attach to the
    /// owner.</summary>
    public async Task<Result<int>> RemoveAsync(CaseKind kind, int ownerId, int documentId, CancellationToken ct)
    {
        var rules = Owner(kind);
        var owner = await rules.FindVisibleAsync(ownerId, ct);
        var found =
            owner is not null && await rules.Readable(db.CaseDocuments, ownerId).AnyAsync(d => d.Id == documentId, ct);
        if (owner is null || !found)
        {
            return new NotFoundError(rules.NotFoundMessage);
        }

        if (!rules.Removable || !rules.MayAttach(owner))
        {
            return new ForbiddenError(rules.CannotAttachMessage(owner) ?? L["Petitions_CannotAttach"]);
        }

        var document = await db.CaseDocuments.SingleAsync(d => d.Id == documentId, ct);
        await using var transaction = await OwnTransaction.BeginAsync(db.Database, ct);
        await db.CaseDocumentContents.Where(c => c.DocumentId == documentId).ExecuteDeleteAsync(ct);
        db.CaseDocuments.Remove(document);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return documentId;
    }

    private async Task<(CaseDocument Document, byte[] Bytes)?> WithBytesAsync(
        IQueryable<CaseDocument> documents,
        int documentId,
        CancellationToken ct
    )
    {
        var row = await documents
            .Where(d => d.Id == documentId)
            .Select(d => new
            {
                Document = d,
                Bytes = db.CaseDocumentContents.Where(c => c.DocumentId == d.Id).Select(c => c.Bytes).First(),
            })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Document, row.Bytes);
    }

    private IDocumentOwner Owner(CaseKind kind) => owners.Single(o => o.Kind == kind);
}
