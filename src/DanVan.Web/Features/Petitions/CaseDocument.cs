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
/// A document of a dialogue session (invitation, minutes, published results) or of a petition (the agency's
/// written answer, the explanation of a late one): PDF, Word or a photo, checked by its content like model
/// attachments (<see cref="AttachmentRules"/>). Never public. The bytes live in <see cref="CaseDocumentContent"/>.
/// </summary>
public sealed class CaseDocument : IUnitStamped
{
    public int Id { get; set; }
    public int? DialogueId { get; set; }
    public int? PetitionId { get; set; }
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

/// <summary>Whose documents: a dialogue session's or a petition's.</summary>
public enum CaseKind
{
    Dialogue = 1,
    Petition = 2,
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
        b.HasIndex(d => d.DialogueId);
        b.HasIndex(d => d.PetitionId);
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
/// Attaches and reads the documents of dialogues and petitions. Who attaches: officers of the dialogue's unit;
/// for a petition the handling unit's officers or the assigned agency's handlers (its written answer). Whoever
/// sees the dialogue or petition may download its documents; out of scope is not found.
/// </summary>
internal sealed class CaseDocuments(DanVanDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> L)
{
    public async Task<Result<int>> AttachAsync(CaseKind kind, int ownerId, string fileName, byte[] bytes, string? caption, CancellationToken ct)
    {
        IUnitScoped? owner = kind == CaseKind.Dialogue
            ? await db.Dialogues.AsNoTracking().SingleOrDefaultAsync(d => d.Id == ownerId, ct)
            : await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ownerId, ct);
        if (owner is null || !user.Can(kind == CaseKind.Dialogue ? Permission.DialoguesView : Permission.PetitionsView, UnitScope.ScopeOf(owner)))
        {
            return new NotFoundError(L[kind == CaseKind.Dialogue ? "Dialogues_NotFound" : "Petitions_NotFound"]);
        }

        if (!MayAttach(user, owner))
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
            UnitId = owner.UnitId, ProvinceId = owner.ProvinceId, CommuneId = owner.CommuneId, VillageId = owner.VillageId,
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
        Petition p => user.Can(Permission.PetitionsEdit, p.Ref) || PetitionLifecycle.IsAssignedAgency(user, p),
        _ => false,
    };

    public async Task<IReadOnlyList<CaseDocumentRow>> ListAsync(CaseKind kind, int ownerId, CancellationToken ct) =>
        await db.CaseDocuments.AsNoTracking()
            .Where(d => kind == CaseKind.Dialogue ? d.DialogueId == ownerId : d.PetitionId == ownerId)
            .OrderBy(d => d.Id)
            .Select(d => new CaseDocumentRow(d.Id, d.FileName, d.Type, d.Size, d.Caption, d.ActorName, d.CreatedAt))
            .ToListAsync(ct);

    /// <summary>The document with its bytes, if the caller sees its dialogue or petition.</summary>
    public async Task<(CaseDocument Document, byte[] Bytes)?> ReadAsync(CaseKind kind, int ownerId, int documentId, CancellationToken ct)
    {
        var permission = kind == CaseKind.Dialogue ? Permission.DialoguesView : Permission.PetitionsView;
        var row = await db.CaseDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && (kind == CaseKind.Dialogue ? d.DialogueId == ownerId : d.PetitionId == ownerId))
            .Where(UnitScope.Rows<CaseDocument>(user, permission))
            .Select(d => new { Document = d, db.CaseDocumentContents.Single(c => c.DocumentId == d.Id).Bytes })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Document, row.Bytes);
    }
}
