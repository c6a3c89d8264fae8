using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Documents;

/// <summary>
/// The one document store: a photo, PDF or Word file of a model (its evidence; photos of a library model are
/// public), of a dialogue session (invitation, minutes, published results), of a petition (the agency's written
/// answer, the explanation of a late one), of a campaign (its plan, the decision launching it, the review), of a work
/// program (the signed program, the approving decision, evidence of its items' progress) or of a thematic conference
/// (the invitation, the papers presented, the conclusions). Exactly
/// one owner key is set; every file is checked by its content (<see cref="AttachmentRules"/>). The bytes live in
/// <see cref="CaseDocumentContent"/>, apart so that lists never read them.
/// </summary>
public sealed class CaseDocument : IUnitStamped
{
    public int Id { get; set; }
    public int? ModelId { get; set; }
    public int? DialogueId { get; set; }
    public int? PetitionId { get; set; }
    public int? CampaignId { get; set; }
    public int? ProgramId { get; set; }
    public int? ConferenceId { get; set; }
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

public sealed record CaseDocumentRow(
    int Id,
    string FileName,
    AttachmentType Type,
    long Size,
    string? Caption,
    string ActorName,
    DateTime CreatedAt
);

/// <summary>Whose documents: a model's, a dialogue session's, a petition's, a campaign's, a work program's or a conference's.</summary>
public enum CaseKind
{
    Dialogue = 1,
    Petition = 2,
    Campaign = 3,
    Model = 4,
    Program = 5,
    Conference = 6,
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
        // Each owner's foreign key (cascading) is declared by the owning feature: DocumentOwners.HasDocuments.
        b.HasIndex(d => d.ModelId);
        b.HasIndex(d => d.DialogueId);
        b.HasIndex(d => d.PetitionId);
        b.HasIndex(d => d.CampaignId);
        b.HasIndex(d => d.ProgramId);
        b.HasIndex(d => d.ConferenceId);
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
        b.HasOne<CaseDocument>()
            .WithOne()
            .HasForeignKey<CaseDocumentContent>(c => c.DocumentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The owners' side of the relation: each owning feature declares its foreign key with this.</summary>
public static class DocumentOwners
{
    /// <summary>Documents of this owner, deleted with it.</summary>
    public static void HasDocuments<TOwner>(
        this EntityTypeBuilder<TOwner> owner,
        System.Linq.Expressions.Expression<Func<CaseDocument, object?>> key
    )
        where TOwner : class =>
        owner.HasMany<CaseDocument>().WithOne().HasForeignKey(key).OnDelete(DeleteBehavior.Cascade);
}
