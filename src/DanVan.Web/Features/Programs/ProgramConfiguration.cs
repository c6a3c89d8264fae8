using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DanVan.Web.Features.Programs;

internal sealed class WorkProgramConfiguration : IEntityTypeConfiguration<WorkProgram>
{
    public void Configure(EntityTypeBuilder<WorkProgram> b)
    {
        b.ToTable("WorkPrograms");
        b.Property(p => p.Title).HasMaxLength(WorkProgram.TitleLength).IsRequired();
        b.Property(p => p.Purposes).HasMaxLength(WorkProgram.TextLength);
        b.Property(p => p.AmendmentReason).HasMaxLength(ProgramRules.ReasonLength);
        b.Property(p => p.ReturnReason).HasMaxLength(ProgramRules.ReasonLength);
        b.Property(p => p.DecisionNumber).HasMaxLength(100);
        b.Property(p => p.ApprovingBody).HasMaxLength(300);
        b.Property(p => p.CarriedFrom).HasMaxLength(300);
        b.Property(p => p.SearchText).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Ref);
        b.Ignore(p => p.IsEditable);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkProgram>().WithMany().HasForeignKey(p => p.ParentProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasDocuments(d => d.ProgramId);
        // One program of each kind per unit and year.
        b.HasIndex(p => new
            {
                p.UnitId,
                p.Year,
                p.Kind,
            })
            .IsUnique();
        b.HasIndex(p => new { p.ProvinceId, p.Year });
        b.HasIndex(p => new { p.CommuneId, p.Year });
    }
}

internal sealed class ProgramBasisConfiguration : IEntityTypeConfiguration<ProgramBasis>
{
    public void Configure(EntityTypeBuilder<ProgramBasis> b)
    {
        b.ToTable("ProgramBases");
        b.Property(x => x.Number).HasMaxLength(200).IsRequired();
        b.Property(x => x.Issuer).HasMaxLength(300);
        b.Property(x => x.Title).HasMaxLength(1000);
        b.HasOne<WorkProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProgramId, x.Order });
    }
}

internal sealed class ProgramItemConfiguration : IEntityTypeConfiguration<ProgramItem>
{
    public void Configure(EntityTypeBuilder<ProgramItem> b)
    {
        b.ToTable("ProgramItems");
        b.Property(i => i.Task).HasMaxLength(ProgramItem.TaskLength).IsRequired();
        b.Property(i => i.LeadOrganization).HasMaxLength(300);
        b.Property(i => i.Coordinating).HasMaxLength(1000);
        b.Property(i => i.ExpectedOutput).HasMaxLength(1000);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<WorkProgram>().WithMany().HasForeignKey(i => i.ProgramId).OnDelete(DeleteBehavior.Cascade);
        // (ProgramId, Id) is a key the children's (ParentProgramId, ParentItemId) points at: a child item can only
        // implement an item of the program its own program concretizes.
        b.HasAlternateKey(i => new { i.ProgramId, i.Id });
        b.HasOne<ProgramItem>()
            .WithMany()
            .HasForeignKey(i => new { i.ParentProgramId, i.ParentItemId })
            .HasPrincipalKey(i => new { i.ProgramId, i.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ProgramId, i.Order });
        // The coverage matrix: every item implementing an item of one parent program, by commune.
        b.HasIndex(i => new
        {
            i.ParentProgramId,
            i.ParentItemId,
            i.CommuneId,
        });
    }
}

internal sealed class ProgramItemProgressConfiguration : IEntityTypeConfiguration<ProgramItemProgress>
{
    public void Configure(EntityTypeBuilder<ProgramItemProgress> b)
    {
        b.ToTable("ProgramItemProgress");
        b.Property(p => p.Note).HasMaxLength(ProgramItemProgress.NoteLength).IsRequired();
        b.Property(p => p.Evidence).HasMaxLength(1000);
        b.Property(p => p.ByName).HasMaxLength(200).IsRequired();
        b.HasOne<ProgramItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ItemId, p.On });
    }
}

internal sealed class ProgramVersionConfiguration : IEntityTypeConfiguration<ProgramVersion>
{
    public void Configure(EntityTypeBuilder<ProgramVersion> b)
    {
        b.ToTable("ProgramVersions");
        b.Property(v => v.DecisionNumber).HasMaxLength(100).IsRequired();
        b.Property(v => v.ApprovingBody).HasMaxLength(300).IsRequired();
        b.Property(v => v.AmendmentReason).HasMaxLength(ProgramRules.ReasonLength);
        b.Property(v => v.Snapshot).IsRequired();
        b.Property(v => v.ApprovedByName).HasMaxLength(200).IsRequired();
        b.HasOne<WorkProgram>().WithMany().HasForeignKey(v => v.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.ProgramId, v.Edition }).IsUnique();
    }
}

internal sealed class ProgramEventConfiguration : IEntityTypeConfiguration<ProgramEvent>
{
    public void Configure(EntityTypeBuilder<ProgramEvent> b)
    {
        b.ToTable("ProgramEvents");
        b.Property(e => e.Reason).HasMaxLength(ProgramRules.ReasonLength);
        b.Property(e => e.ByName).HasMaxLength(200).IsRequired();
        b.HasOne<WorkProgram>().WithMany().HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.ProgramId);
    }
}

internal sealed class ThematicConferenceConfiguration : IEntityTypeConfiguration<ThematicConference>
{
    public void Configure(EntityTypeBuilder<ThematicConference> b)
    {
        b.ToTable("ThematicConferences");
        b.Property(c => c.Title).HasMaxLength(ThematicConference.TitleLength).IsRequired();
        b.Property(c => c.Place).HasMaxLength(300);
        b.Property(c => c.Agenda).HasMaxLength(ThematicConference.TextLength);
        b.Property(c => c.Conclusions).HasMaxLength(ThematicConference.TextLength);
        b.Property(c => c.SearchText).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Ref);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasDocuments(d => d.ConferenceId);
        b.HasIndex(c => new { c.ProvinceId, c.HeldOn });
        b.HasIndex(c => new { c.UnitId, c.HeldOn });
    }
}

internal sealed class ConferenceUnitConfiguration : IEntityTypeConfiguration<ConferenceUnit>
{
    public void Configure(EntityTypeBuilder<ConferenceUnit> b)
    {
        b.ToTable("ConferenceUnits");
        b.HasOne<ThematicConference>().WithMany().HasForeignKey(x => x.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ConferenceId, x.ParticipantId }).IsUnique();
    }
}

internal sealed class ConferenceModelConfiguration : IEntityTypeConfiguration<ConferenceModel>
{
    public void Configure(EntityTypeBuilder<ConferenceModel> b)
    {
        b.ToTable("ConferenceModels");
        b.HasOne<ThematicConference>().WithMany().HasForeignKey(x => x.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Models.MobilizationModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ConferenceId, x.ModelId }).IsUnique();
    }
}

internal sealed class ConferenceCommitmentConfiguration : IEntityTypeConfiguration<ConferenceCommitment>
{
    public void Configure(EntityTypeBuilder<ConferenceCommitment> b)
    {
        b.ToTable("ConferenceCommitments");
        b.Property(c => c.Note).HasMaxLength(ConferenceCommitment.NoteLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Ref);
        b.HasOne<ThematicConference>().WithMany().HasForeignKey(c => c.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Models.MobilizationModel>().WithMany().HasForeignKey(c => c.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Models.ModelReplication>()
            .WithMany()
            .HasForeignKey(c => c.ReplicationId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ConferenceId);
        b.HasIndex(c => c.ReplicationId).IsUnique();
        b.HasIndex(c => new { c.CommuneId, c.DueOn });
    }
}
