using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Petitions;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> b)
    {
        b.ToTable("Petitions");
        b.Property(p => p.TrackingCode).HasMaxLength(11).IsRequired();
        b.Property(p => p.Title).HasMaxLength(300).IsRequired();
        b.Property(p => p.Content).HasMaxLength(PetitionRules.TextLength).IsRequired();
        b.Property(p => p.PetitionerName).HasMaxLength(200);
        b.Property(p => p.PetitionerPhone).HasMaxLength(30);
        b.Property(p => p.PetitionerAddress).HasMaxLength(300);
        b.Property(p => p.PetitionerIdNumber).HasMaxLength(20);
        b.Property(p => p.VerdictPinHash).HasMaxLength(100);
        b.Property(p => p.ExtensionReason).HasMaxLength(PetitionRules.TextLength);
        b.Property(p => p.Answer).HasMaxLength(PetitionRules.TextLength);
        b.Property(p => p.LateExplanation).HasMaxLength(PetitionRules.TextLength);
        b.Property(p => p.ClosingNote).HasMaxLength(PetitionRules.TextLength);
        b.Property(p => p.RedirectReference).HasMaxLength(100);
        b.Property(p => p.SearchText).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Ref);
        b.Ignore(p => p.IsOpen);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.HandlingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.EscalatedToUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>()
            .WithMany()
            .HasForeignKey(p => p.AssignedOrganizationId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PetitionCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DialogueSession>().WithMany().HasForeignKey(p => p.DialogueId).OnDelete(DeleteBehavior.Restrict);
        b.HasDocuments(d => d.PetitionId);
        b.HasOne<Petition>().WithMany().HasForeignKey(p => p.ParentPetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.TrackingCode).IsUnique();

        // Subtree lists and dashboards are an equality on one ancestor column (STYLE.md 12).
        // A province's (and, read whole, the country's) petition figures come from this index alone, never the
        // table: the dashboard's columns follow the (ProvinceId, Status, DueOn) prefix that the overdue tallies use
        // (national scale on PostgreSQL: a province's figures 2.6 s to 0.6 s, docs/PERFORMANCE.md).
        b.HasIndex(p => new
            {
                p.ProvinceId,
                p.Status,
                p.DueOn,
                p.CategoryId,
                p.AssignedOrganizationId,
                p.AnsweredOnTime,
                p.EscalatedToUnitId,
                p.DaysToAnswer,
                p.ReceivedOn,
            })
            .HasDatabaseName("IX_Petitions_ProvinceId_Figures");
        b.HasIndex(p => new
        {
            p.CommuneId,
            p.Status,
            p.DueOn,
        });
        b.HasIndex(p => new { p.VillageId, p.Status });
        // The few petitions whose agency asked for more time ("awaiting an extension decision" on the home page), so
        // the tally does not read every running petition's row (national scale: 1.1 s for the country).
        b.HasIndex(p => new { p.ProvinceId, p.Status })
            .HasFilter("\"ExtensionRequestedTo\" IS NOT NULL")
            .HasDatabaseName("IX_Petitions_ProvinceId_ExtensionRequested");
        // The list is newest first: a province's or a commune's first page reads its own rows backwards instead of
        // the whole table's (national scale: 293 s to 0.2 ms for a province, docs/PERFORMANCE.md).
        b.HasIndex(p => new { p.ProvinceId, p.Id });
        b.HasIndex(p => new { p.CommuneId, p.Id });
        b.HasIndex(p => new { p.AssignedOrganizationId, p.Status });
        b.HasIndex(p => new { p.Status, p.DueOn });
        b.HasIndex(p => p.DialogueId);
        b.HasIndex(p => p.ParentPetitionId);
        b.HasIndex(p => p.UnitId);
    }
}

internal sealed class PetitionEventConfiguration : IEntityTypeConfiguration<PetitionEvent>
{
    public void Configure(EntityTypeBuilder<PetitionEvent> b)
    {
        b.ToTable("PetitionEvents");
        b.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        b.Property(e => e.Note).HasMaxLength(PetitionRules.TextLength);
        b.HasOne<Petition>().WithMany().HasForeignKey(e => e.PetitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.PetitionId, e.Id });
        b.HasIndex(e => e.ProvinceId);
        b.HasIndex(e => e.CommuneId);
        b.HasIndex(e => e.VillageId);

        // An agency sees the petitions it answered before (PetitionAccess): found from its answers.
        b.HasIndex(e => new
        {
            e.OrganizationId,
            e.Action,
            e.PetitionId,
        });
    }
}

internal sealed class PetitionCategoryConfiguration : IEntityTypeConfiguration<PetitionCategory>
{
    public void Configure(EntityTypeBuilder<PetitionCategory> b)
    {
        b.IsReferenceCatalogue("PetitionCategories");
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("CalendarDays");
        b.Property(d => d.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(d => d.Date).IsUnique();
    }
}
