using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using DanVan.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// A document of a dialogue session (invitation, minutes, published results), of a petition (the agency's
/// written answer, the explanation of a late one) or of a campaign (its plan, the decision launching it, the
/// review): PDF, Word or a photo, checked by its content like model attachments (<see cref="AttachmentRules"/>).
/// Never public. The bytes live in <see cref="CaseDocumentContent"/>.
/// </summary>
public sealed class CaseDocument : IUnitStamped
{
    public int Id { get; set; }
    public int? DialogueId { get; set; }
    public int? PetitionId { get; set; }
    public int? CampaignId { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public AttachmentType Type { get; set; }
    public long Size { get; set; }
    public string? Caption { get; set; }
    public string ActorName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public sealed class CaseDocumentContent
{
    public int DocumentId { get; set; }

    [AuditRedacted]
    public byte[] Bytes { get; set; } = [];
}

public sealed record CaseDocumentRow(int Id, string FileName, AttachmentType Type, long Size, string? Caption, string ActorName, DateTime CreatedAt);

/// <summary>Whose documents: a dialogue session's, a petition's or a campaign's.</summary>
public enum CaseKind
{
    Dialogue = 1,
    Petition = 2,
    Campaign = 3,
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("CaseDocuments");
        b.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        b.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        b.Property(d => d.Caption).HasMaxLength(300);
        b.Property(d => d.ActorName).HasMaxLength(200).IsRequired();
        b.HasOne<DialogueSession>().WithMany().HasForeignKey(d => d.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Petition>().WithMany().HasForeignKey(d => d.PetitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.DialogueId);
        b.HasIndex(d => d.PetitionId);
        b.HasIndex(d => d.CampaignId);
        b.HasIndex(d => d.CommuneId);
        b.HasIndex(d => d.ProvinceId);
    }
}

internal sealed class CaseDocumentContentConfiguration : IEntityTypeConfiguration<CaseDocumentContent>
{
    public void Configure(EntityTypeBuilder<CaseDocumentContent> b)
    {
        b.ToTable("CaseDocumentContents");
        b.HasKey(c => c.DocumentId);
        b.HasOne<CaseDocument>().WithOne().HasForeignKey<CaseDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Attaches and reads the documents of dialogues, petitions and campaigns. Who attaches: officers of the dialogue's
/// unit; for a petition the handling unit's officers or the assigned agency's handlers (its written answer); for a
/// campaign whoever manages it. Whoever sees the dialogue or campaign (a campaign is also seen by the units taking part)
/// may download its documents; a petition's documents are part of its case (<see cref="SensitiveField.PetitionCase"/>),
/// not of its register. Out of scope is not found.
/// </summary>
internal sealed class CaseDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    /// <summary>The path segment of the owner's pages and API ("/petitions/12/documents/3").</summary>
    public static string PrefixOf(CaseKind kind) => kind switch
    {
        CaseKind.Dialogue => "dialogues",
        CaseKind.Petition => "petitions",
        _ => "campaigns",
    };

    public async Task<Result<int>> AttachAsync(CaseKind kind, int ownerId, string fileName, byte[] bytes, string? caption, CancellationToken ct)
    {
        IUnitScoped? owner = kind switch
        {
            CaseKind.Dialogue => await db.Dialogues.AsNoTracking().SingleOrDefaultAsync(d => d.Id == ownerId, ct),
            CaseKind.Petition => await db.Petitions.AsNoTracking().Where(p => p.Id == ownerId)
                .Where(PetitionAccess.Where(db, user, SensitiveField.PetitionCase)).SingleOrDefaultAsync(ct),
            _ => await CampaignAccess.FindVisibleAsync(db, user, ownerId, tracking: false, ct),
        };
        var visible = owner is not null && (kind != CaseKind.Dialogue || user.Can(Permission.DialoguesView, UnitScope.ScopeOf(owner)));
        if (!visible)
        {
            return new NotFoundError(L[kind switch { CaseKind.Dialogue => "Dialogues_NotFound", CaseKind.Petition => "Petitions_NotFound", _ => "Campaigns_NotFound" }]);
        }

        if (!MayAttach(user, owner!))
        {
            return new ForbiddenError(L["Petitions_CannotAttach"]);
        }

        var checkedFile = AttachmentRules.Check(fileName, bytes, caption, L);
        if (!checkedFile.IsOk)
        {
            return checkedFile.Error!;
        }

        var (name, type, contentType) = checkedFile.Value;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var document = new CaseDocument
        {
            DialogueId = kind == CaseKind.Dialogue ? ownerId : null, PetitionId = kind == CaseKind.Petition ? ownerId : null,
            CampaignId = kind == CaseKind.Campaign ? ownerId : null,
            UnitId = owner!.UnitId, ProvinceId = owner.ProvinceId, CommuneId = owner.CommuneId, VillageId = owner.VillageId,
            FileName = name, ContentType = contentType, Type = type, Size = bytes.Length,
            Caption = string.IsNullOrWhiteSpace(caption) ? null : caption, ActorName = Infrastructure.Audit.AuditRecorder.ActorName(user), CreatedAt = db.UtcNow,
        };
        db.CaseDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        db.CaseDocumentContents.Add(new CaseDocumentContent { DocumentId = document.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return document.Id;
    }

    public static bool MayAttach(ICurrentUser user, IUnitScoped owner) => owner switch
    {
        DialogueSession d => user.Can(Permission.DialoguesEdit, d.Ref),
        Petition p => PetitionAccess.Handles(user, p) || PetitionLifecycle.IsAssignedAgency(user, p),
        Campaign c => CampaignAccess.MayManage(user, c),
        _ => false,
    };

    /// <summary>The documents of an owner the caller has already been shown (its page checked the scope).</summary>
    public async Task<IReadOnlyList<CaseDocumentRow>> ListAsync(CaseKind kind, int ownerId, CancellationToken ct) =>
        await Of(kind, ownerId)
            .OrderBy(d => d.Id)
            .Select(d => new CaseDocumentRow(d.Id, d.FileName, d.Type, d.Size, d.Caption, d.ActorName, d.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The document with its bytes, if the caller sees its dialogue, petition or campaign.</summary>
    public async Task<(CaseDocument Document, byte[] Bytes)?> ReadAsync(CaseKind kind, int ownerId, int documentId, CancellationToken ct)
    {
        var documents = Of(kind, ownerId).Where(d => d.Id == documentId);
        documents = kind switch
        {
            CaseKind.Dialogue => documents.Where(UnitScope.Rows<CaseDocument>(user, Permission.DialoguesView)),
            CaseKind.Petition => documents, // Of() keeps a petition's documents to those who read its case
            _ => documents.Where(d => CampaignAccess.Visible(db, user).Any(c => c.Id == d.CampaignId)),
        };
        var row = await documents
            .Select(d => new { Document = d, db.CaseDocumentContents.Single(c => c.DocumentId == d.Id).Bytes })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Document, row.Bytes);
    }

    private IQueryable<CaseDocument> Of(CaseKind kind, int ownerId) => kind switch
    {
        CaseKind.Dialogue => db.CaseDocuments.AsNoTracking().Where(d => d.DialogueId == ownerId),
        CaseKind.Petition => db.CaseDocuments.AsNoTracking().Where(d => d.PetitionId == ownerId
            && db.Petitions.Where(PetitionAccess.Where(db, user, SensitiveField.PetitionCase)).Any(p => p.Id == ownerId)),
        _ => db.CaseDocuments.AsNoTracking().Where(d => d.CampaignId == ownerId),
    };
}
